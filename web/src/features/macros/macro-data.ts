// The records of the macro screens, typed from the API document, with their cache keys.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../app/api-client.ts';
import type { paths } from '../../app/api-types.ts';
import { type ActionType, type AutomationAction, TEMPLATE_PLACEHOLDERS } from '../automation/action-draft.ts';

export type Macro = paths['/api/v1/macros/{id}']['get']['responses']['200']['content']['application/json'];
export type ApplyResult =
  paths['/api/v1/macros/{id}/apply']['post']['responses']['200']['content']['application/json'];
export type TicketResult = ApplyResult['results'][number];
export type MacroChange = TicketResult['changes'][number];
export type MacroEffect = TicketResult['effects'][number];

/** The action types a macro may take, in the order the builder offers them. */
export const MACRO_ACTION_TYPES = [
  'set_field',
  'assign',
  'add_tags',
  'remove_tags',
  'add_team_member',
  'add_note',
  'reply',
] as const satisfies readonly ActionType[];
export type MacroActionType = (typeof MACRO_ACTION_TYPES)[number];
/** One action of a macro (the API's shapes: see the rules' action list). */
export type MacroAction = Extract<AutomationAction, { type: MacroActionType }>;
/** What a macro's note or reply may say, filled in per ticket (no rule there to name). */
export const MACRO_PLACEHOLDERS = TEMPLATE_PLACEHOLDERS.filter((p) => p !== 'rule.name');

export const macroKeys = {
  all: ['macros'] as const,
  list: ['macros', 'list'] as const,
};

export const useMacros = () =>
  useQuery({
    queryKey: macroKeys.list,
    queryFn: async () => unwrap(await api.GET('/api/v1/macros')).items,
  });

export function useMacroRefresh(): () => Promise<void> {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: macroKeys.all });
}

export async function applyMacro(id: string, ticketIds: string[], preview: boolean): Promise<ApplyResult> {
  return unwrap(
    await api.POST('/api/v1/macros/{id}/apply', { params: { path: { id } }, body: { ticketIds, preview } }),
  );
}

/** The actions of a macro. */
export const actionsOf = (macro: Macro): MacroAction[] => macro.actions as unknown as MacroAction[];

export function useCustomFields() {
  return useQuery({
    queryKey: ['custom-fields'],
    queryFn: async () => unwrap(await api.GET('/api/v1/custom-fields')).items,
    staleTime: 5 * 60_000,
  });
}

/** A label in the agent's language from a labels object (English, then the key, as fallbacks). */
export function useLabelOf(): (labels: unknown, fallback: string) => string {
  const { i18n } = useTranslation();
  return (labels, fallback) => {
    const l = (labels ?? {}) as Record<string, string | undefined>;
    return l[i18n.language] ?? l.en ?? fallback;
  };
}
