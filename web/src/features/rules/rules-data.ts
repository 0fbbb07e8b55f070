// The records of the Rules screens, typed from the API document, with their cache keys; and the
// rule's trigger and actions as the server checks them (server/src/modules/rules/rule-shapes.ts).

import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { api, unwrap } from '../../app/api-client.ts';
import type { paths } from '../../app/api-types.ts';
import { shownRuleName } from '../../app/rule-name.ts';
import type { AutomationAction } from '../automation/action-draft.ts';

type Json<P extends keyof paths, M extends 'get' | 'post', S extends 200 | 201> = paths[P][M] extends {
  responses: { [K in S]: { content: { 'application/json': infer B } } };
}
  ? B
  : never;

/** A rule; `shippedKey` names a rule Caseway ships (its name then comes from the ruleTemplates strings). */
export type Rule = Json<'/api/v1/rules/{id}', 'get', 200> & { shippedKey?: string | null };
export type RuleRun = Json<'/api/v1/rules/runs', 'get', 200>['items'][number];
export type DryRunPage = Json<'/api/v1/rules/dry-run', 'post', 200>;
export type DryRunMatch = DryRunPage['matches'][number];
export type RunsQuery = NonNullable<paths['/api/v1/rules/runs']['get']['parameters']['query']>;

export const EVENT_TRIGGERS = [
  'created',
  'updated',
  'field_changed',
  'customer_replied',
  'agent_replied',
  'note_added',
  'sla_warning',
  'sla_breached',
] as const;
export type EventTrigger = (typeof EVENT_TRIGGERS)[number];
export const TIME_ANCHORS = [
  'created',
  'updated',
  'inactive',
  'last_customer_reply',
  'status_entered',
] as const;
export type TimeAnchor = (typeof TIME_ANCHORS)[number];
export const TIME_UNITS = ['minutes', 'hours', 'days'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];

export interface EventRuleTrigger {
  type: EventTrigger;
  fields?: string[];
}
export interface TimeRuleTrigger {
  type: 'time';
  after: TimeAnchor;
  amount: number;
  unit: TimeUnit;
  calendarId: string | null;
  status?: string;
}
export type RuleTrigger = EventRuleTrigger | TimeRuleTrigger;
export const isTimeTrigger = (t: RuleTrigger): t is TimeRuleTrigger => t.type === 'time';

/** A rule's action: any but a reply (macros only). */
export type RuleAction = Exclude<AutomationAction, { type: 'reply' }>;
export type RuleActionType = RuleAction['type'];
export const ACTION_TYPES: readonly RuleActionType[] = [
  'set_field',
  'assign',
  'add_tags',
  'remove_tags',
  'add_team_member',
  'add_note',
  'notify',
  'webhook',
  'stop',
];
export const MAX_ACTIONS = 20;

export const ruleKeys = {
  all: ['rules'] as const,
  list: ['rules', 'list'] as const,
  one: (id: string) => ['rules', 'one', id] as const,
  runs: (query: RunsQuery) => ['rules', 'runs', query] as const,
};

export const useRules = () =>
  useQuery({
    queryKey: ruleKeys.list,
    queryFn: async () => unwrap(await api.GET('/api/v1/rules')).items as Rule[],
  });

export const useRule = (id: string | null) =>
  useQuery({
    queryKey: ruleKeys.one(id ?? ''),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/rules/{id}', { params: { path: { id: id ?? '' } } })) as Rule,
    enabled: id !== null,
  });

export const RUNS_PAGE = 50;

export const useRuleRuns = (query: RunsQuery) =>
  useInfiniteQuery({
    queryKey: ruleKeys.runs(query),
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/rules/runs', {
          params: { query: { ...query, limit: RUNS_PAGE, ...(pageParam ? { before: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor,
  });

export function useDepartments() {
  return useQuery({
    queryKey: ['departments'],
    queryFn: async () => unwrap(await api.GET('/api/v1/departments')).items,
    staleTime: 5 * 60_000,
  });
}

/** After a change: every rule screen refetches. */
export function useRuleRefresh(): () => Promise<void> {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ruleKeys.all });
}

/** A rule's name: a shipped rule's from the ruleTemplates strings, else as the administrator gave it. */
/** The rule's name in the reader's language (a shipped one while not renamed); load `ruleTemplates`. */
export function ruleName(rule: Pick<Rule, 'name' | 'shippedKey'>, t: TFunction): string {
  return shownRuleName(t, rule.name, rule.shippedKey);
}

/** The rule's description, a shipped one's in the reader's language; load `ruleTemplates`. */
export function ruleDescription(rule: Pick<Rule, 'description' | 'shippedKey'>, t: TFunction): string {
  return rule.shippedKey
    ? String(t(`${rule.shippedKey}.description`, { ns: 'ruleTemplates', defaultValue: rule.description }))
    : rule.description;
}
