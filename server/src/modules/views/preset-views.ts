// The preset views every agent has (A7, FxiaoKe's 预设场景), as the console's side bar shows them:
// conditions in the condition language, several on the per-viewer access.* fields. The console
// keeps the same list (web/src/features/tickets-list/built-in-views.ts; preset-views.test.ts holds
// the two equal) for its lists; the counts endpoint takes their ids (`presets`), so the side bar's
// counts come from this copy.
import type { Actor } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { Condition } from '../conditions/index.ts';

export interface PresetView {
  id: string;
  /** What the view holds for the agent `me`. */
  condition: (me: string) => Condition;
  sort: string;
}

const open: Condition = { field: 'isOpen', op: 'eq', value: true };
const flag = (field: string): Condition => ({ field, op: 'eq', value: true });

/** In the side bar's order. */
export const PRESET_VIEWS: readonly PresetView[] = [
  // 未解决的工单: I own it and it is not resolved.
  {
    id: 'mine',
    condition: (me) => ({ all: [open, { field: 'ownerAgentId', op: 'eq', value: me }] }),
    sort: '-priority,-updatedAt',
  },
  // 紧急的工单: mine, open and urgent.
  {
    id: 'my-urgent',
    condition: (me) => ({
      all: [
        open,
        { field: 'ownerAgentId', op: 'eq', value: me },
        { field: 'priority', op: 'eq', value: 'urgent' },
      ],
    }),
    sort: '-updatedAt',
  },
  // 已关闭的工单: mine, resolved or closed.
  {
    id: 'my-closed',
    condition: (me) => ({
      all: [
        { field: 'ownerAgentId', op: 'eq', value: me },
        { field: 'statusCategory', op: 'in', value: ['resolved', 'closed'] },
      ],
    }),
    sort: '-updatedAt',
  },
  // 我负责的: every ticket I own, open or not.
  {
    id: 'owned',
    condition: (me) => ({ field: 'ownerAgentId', op: 'eq', value: me }),
    sort: '-updatedAt',
  },
  // 我参与的: I am on its related team.
  { id: 'participating', condition: () => flag('access.participant'), sort: '-updatedAt' },
  // 我下属负责的: a subordinate owns it.
  { id: 'subordinates', condition: () => flag('access.subordinateOwned'), sort: '-updatedAt' },
  // 我下属参与的: a subordinate is on its related team.
  {
    id: 'subordinates-participating',
    condition: () => flag('access.subordinateParticipant'),
    sort: '-updatedAt',
  },
  // 共享给我的: a sharing rule reaches it.
  { id: 'shared-with-me', condition: () => flag('access.sharedWithMe'), sort: '-updatedAt' },
  // 我负责部门的: it is in one of my departments.
  { id: 'my-departments', condition: () => flag('access.myDepartments'), sort: '-updatedAt' },
  {
    id: 'unassigned',
    condition: () => ({ all: [open, { field: 'ownerAgentId', op: 'is_empty' }] }),
    sort: '-priority,-updatedAt',
  },
  // 全部: everything I may see (the visibility predicate does the rest).
  { id: 'all', condition: () => ({ all: [] }), sort: '-updatedAt' },
];

export const PRESET_VIEW_IDS = PRESET_VIEWS.map((v) => v.id);

export function presetView(id: string): PresetView | undefined {
  return PRESET_VIEWS.find((v) => v.id === id);
}

/** The conditions of the named presets for the acting agent, keyed by id. */
export function presetFilters(actor: Actor, ids: readonly string[]): Record<string, Condition> {
  if (actor.type !== 'agent') throw new AppError('forbidden', 'Only agents have views');
  const filters: Record<string, Condition> = {};
  for (const id of ids) {
    const view = presetView(id);
    if (view) filters[id] = view.condition(actor.id);
  }
  return filters;
}
