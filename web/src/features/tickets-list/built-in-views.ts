// The views every agent has: first FxiaoKe's preset views (A7: mine, participating, my
// subordinates', shared with me, my departments', …), then the built-in queues of V2. Each is a
// condition in the server's condition language; the presets lean on the per-viewer access.*
// fields. The server keeps the same presets (server/src/modules/views/preset-views.ts) and counts
// them by id, so a change here goes there too (server/src/modules/views/preset-views.test.ts
// compares the two).
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { field: string; op: string; value?: unknown };

export interface ViewDefinition {
  id: string;
  /** i18n key of the name (namespace ticketsList). */
  labelKey: string;
  filter: (me: string) => Condition;
  sort: string;
  /** A preset the server knows by this id: the side bar asks for its count by id. */
  preset?: boolean;
}

/** Columns a view shows until the agent chooses others. */
export const DEFAULT_COLUMNS = [
  'number',
  'subject',
  'status',
  'priority',
  'sla.nextDueAt',
  'ownerAgentId',
  'updatedAt',
];

const open: Condition = { field: 'isOpen', op: 'eq', value: true };
const flag = (field: string): Condition => ({ field, op: 'eq', value: true });

/** The start of the current minute plus `minutes`, as an ISO instant. */
function minuteFromNow(minutes: number): string {
  return new Date(Math.floor(Date.now() / 60_000) * 60_000 + minutes * 60_000).toISOString();
}

export const BUILT_IN_VIEWS: ViewDefinition[] = [
  // 未解决的工单: I own it and it is not resolved yet.
  {
    id: 'mine',
    labelKey: 'views.mine',
    filter: (me) => ({ all: [open, { field: 'ownerAgentId', op: 'eq', value: me }] }),
    sort: '-priority,-updatedAt',
    preset: true,
  },
  // 紧急的工单: mine, open and urgent.
  {
    id: 'my-urgent',
    labelKey: 'views.myUrgent',
    filter: (me) => ({
      all: [
        open,
        { field: 'ownerAgentId', op: 'eq', value: me },
        { field: 'priority', op: 'eq', value: 'urgent' },
      ],
    }),
    sort: '-updatedAt',
    preset: true,
  },
  // 已关闭的工单: mine, resolved or closed.
  {
    id: 'my-closed',
    labelKey: 'views.myClosed',
    filter: (me) => ({
      all: [
        { field: 'ownerAgentId', op: 'eq', value: me },
        { field: 'statusCategory', op: 'in', value: ['resolved', 'closed'] },
      ],
    }),
    sort: '-updatedAt',
    preset: true,
  },
  // 我负责的: every ticket I own, open or not.
  {
    id: 'owned',
    labelKey: 'views.owned',
    filter: (me) => ({ field: 'ownerAgentId', op: 'eq', value: me }),
    sort: '-updatedAt',
    preset: true,
  },
  // 我参与的: I am on its related team.
  {
    id: 'participating',
    labelKey: 'views.participating',
    filter: () => flag('access.participant'),
    sort: '-updatedAt',
    preset: true,
  },
  // 我下属负责的: a subordinate owns it.
  {
    id: 'subordinates',
    labelKey: 'views.subordinates',
    filter: () => flag('access.subordinateOwned'),
    sort: '-updatedAt',
    preset: true,
  },
  // 我下属参与的: a subordinate is on its related team.
  {
    id: 'subordinates-participating',
    labelKey: 'views.subordinatesParticipating',
    filter: () => flag('access.subordinateParticipant'),
    sort: '-updatedAt',
    preset: true,
  },
  // 共享给我的: a sharing rule reaches it.
  {
    id: 'shared-with-me',
    labelKey: 'views.sharedWithMe',
    filter: () => flag('access.sharedWithMe'),
    sort: '-updatedAt',
    preset: true,
  },
  // 我负责部门的: it is in one of my departments.
  {
    id: 'my-departments',
    labelKey: 'views.myDepartments',
    filter: () => flag('access.myDepartments'),
    sort: '-updatedAt',
    preset: true,
  },
  {
    id: 'unassigned',
    labelKey: 'views.unassigned',
    filter: () => ({ all: [open, { field: 'ownerAgentId', op: 'is_empty' }] }),
    sort: '-priority,-updatedAt',
    preset: true,
  },
  // 全部: every ticket I may see.
  { id: 'all', labelKey: 'views.all', filter: () => ({ all: [] }), sort: '-updatedAt', preset: true },
  { id: 'open', labelKey: 'views.allOpen', filter: () => open, sort: '-priority,-updatedAt' },
  {
    id: 'needs-reply',
    labelKey: 'views.needsReply',
    filter: () => ({ all: [open, { field: 'needsReply', op: 'eq', value: true }] }),
    sort: 'lastCustomerMessageAt',
  },
  {
    id: 'reopened',
    labelKey: 'views.reopened',
    filter: () => ({ all: [open, { field: 'reopenCount', op: 'gt', value: 0 }] }),
    sort: '-updatedAt',
  },
  {
    id: 'vip',
    labelKey: 'views.vip',
    filter: () => ({
      all: [
        open,
        {
          any: [
            { field: 'organization.tier', op: 'in', value: ['vip', 'high_value'] },
            { field: 'contact.vip', op: 'eq', value: true },
          ],
        },
      ],
    }),
    sort: '-priority,-updatedAt',
  },
  {
    id: 'sla-breached',
    labelKey: 'views.slaBreached',
    filter: () => ({ all: [open, { field: 'sla.breached', op: 'eq', value: true }] }),
    // Queue order: on a busy desk many tickets are overdue, and this order walks an index.
    sort: '-priority,-updatedAt',
  },
  {
    id: 'sla-due-soon',
    labelKey: 'views.slaDueSoon',
    // Within the hour from the current minute (the condition language has no "now"; the minute
    // keeps the query stable between renders).
    filter: () => ({
      all: [
        open,
        { field: 'sla.nextDueAt', op: 'gte', value: minuteFromNow(0) },
        { field: 'sla.nextDueAt', op: 'lte', value: minuteFromNow(60) },
      ],
    }),
    sort: 'sla.nextDueAt',
  },
  {
    id: 'sla-paused',
    labelKey: 'views.slaPaused',
    filter: () => ({ all: [open, { field: 'sla.paused', op: 'eq', value: true }] }),
    sort: '-updatedAt',
  },
  {
    id: 'closed',
    labelKey: 'views.closed',
    filter: () => ({ field: 'statusCategory', op: 'in', value: ['resolved', 'closed'] }),
    sort: '-updatedAt',
  },
];

/** Ids the side bar used before the preset views: old links still land on the same tickets. */
const RENAMED: Record<string, string> = { recent: 'all' };

/** The id a view is known by now (a renamed built-in's new id; any other id as it is). */
export function canonicalViewId(id: string): string {
  return RENAMED[id] ?? id;
}

/** The view an id names, or "All open" (the list's default). */
export function findView(id: string | undefined): ViewDefinition {
  const wanted = id === undefined ? 'open' : canonicalViewId(id);
  return BUILT_IN_VIEWS.find((v) => v.id === wanted) ?? BUILT_IN_VIEWS.find((v) => v.id === 'open')!;
}
