// The records of the macro screens, typed from the API document, with their cache keys.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../app/api-client.ts';
import type { paths } from '../../app/api-types.ts';

export type Macro = paths['/api/v1/macros/{id}']['get']['responses']['200']['content']['application/json'];
export type ApplyResult =
  paths['/api/v1/macros/{id}/apply']['post']['responses']['200']['content']['application/json'];
export type TicketResult = ApplyResult['results'][number];
export type MacroChange = TicketResult['changes'][number];
export type MacroEffect = TicketResult['effects'][number];

/** One action as the builder edits it (the API's shapes: see the rules' action list). */
export type MacroAction =
  | { type: 'set_field'; field: string; value: string | number | boolean | null }
  | { type: 'assign'; agentId?: string | null; groupId?: string | null }
  | { type: 'add_tags'; tags: string[] }
  | { type: 'remove_tags'; tags: string[] }
  | { type: 'add_team_member'; agentId: string; access: 'read' | 'read_write' }
  | { type: 'add_note'; body: string }
  | { type: 'reply'; body: string };
export type MacroActionType = MacroAction['type'];

/** The action types a macro may take, in the order the builder offers them. */
export const MACRO_ACTION_TYPES: readonly MacroActionType[] = [
  'set_field',
  'assign',
  'add_tags',
  'remove_tags',
  'add_team_member',
  'add_note',
  'reply',
];

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

/** The actions of a macro as the builder edits them. */
export const actionsOf = (macro: Macro): MacroAction[] => macro.actions as unknown as MacroAction[];
