// The views every agent has (V1–V2). Each is a condition in the server's condition language.
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

/** The start of the current minute plus `minutes`, as an ISO instant. */
function minuteFromNow(minutes: number): string {
  return new Date(Math.floor(Date.now() / 60_000) * 60_000 + minutes * 60_000).toISOString();
}

export const BUILT_IN_VIEWS: ViewDefinition[] = [
  {
    id: 'mine',
    labelKey: 'views.mine',
    filter: (me) => ({ all: [open, { field: 'ownerAgentId', op: 'eq', value: me }] }),
    sort: '-priority,-updatedAt',
  },
  {
    id: 'unassigned',
    labelKey: 'views.unassigned',
    filter: () => ({ all: [open, { field: 'ownerAgentId', op: 'is_empty' }] }),
    sort: '-priority,-updatedAt',
  },
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
  { id: 'recent', labelKey: 'views.recent', filter: () => ({ all: [] }), sort: '-updatedAt' },
  {
    id: 'closed',
    labelKey: 'views.closed',
    filter: () => ({ field: 'statusCategory', op: 'in', value: ['resolved', 'closed'] }),
    sort: '-updatedAt',
  },
];

export function findView(id: string | undefined): ViewDefinition {
  return BUILT_IN_VIEWS.find((v) => v.id === id) ?? BUILT_IN_VIEWS[2]!;
}
