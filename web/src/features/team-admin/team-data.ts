// The records of the Team administration screens (A1–A6), typed from the API document (roles,
// profiles, groups, departments, sharing rules, agents' role and memberships), one cache key per
// list, and the problem JSON of a failed save turned into messages by field.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, unwrap } from '../../app/api-client.ts';
import type { paths } from '../../app/api-types.ts';

type Json<P extends keyof paths, M extends 'get' | 'post', C extends 200 | 201> = paths[P][M] extends {
  responses: { [K in C]: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

export type Role = Json<'/api/v1/roles/{id}', 'get', 200>;
export type Profile = Json<'/api/v1/profiles/{id}', 'get', 200>;
export type Catalog = Json<'/api/v1/profiles/catalog', 'get', 200>;
export type SharingRule = Json<'/api/v1/sharing-rules', 'get', 200>['items'][number];
export type TeamAgent = Json<'/api/v1/agents/{id}', 'get', 200>;
export type TeamGroup = Json<'/api/v1/groups', 'get', 200>['items'][number];
export type Department = Json<'/api/v1/departments', 'get', 200>['items'][number];
export type AccessSettings = Json<'/api/v1/access/settings', 'get', 200>;

export type Action = Catalog['modules'][number]['actions'][number];
export const ACTIONS: readonly Action[] = ['view', 'create', 'edit', 'delete', 'export'];
export type TicketReach = Profile['ticketReach'];
export const TICKET_REACHES: readonly TicketReach[] = ['all', 'departments', 'rules'];
export type FieldLevel = 'hidden' | 'read_only' | 'editable';

export type SourceType = SharingRule['sourceType'];
export type TargetType = SharingRule['targetType'];
export type ShareAccess = SharingRule['access'];
export const SOURCE_TYPES: readonly SourceType[] = ['agent', 'group', 'department', 'role_and_subordinates'];
export const TARGET_TYPES: readonly TargetType[] = [
  'agent',
  'group',
  'department',
  'role',
  'role_and_subordinates',
];

export const teamKeys = {
  roles: ['team', 'roles'] as const,
  profiles: ['team', 'profiles'] as const,
  catalog: ['team', 'catalog'] as const,
  rules: ['team', 'sharing-rules'] as const,
  agents: ['team', 'agents'] as const,
  groups: ['team', 'groups'] as const,
  departments: ['team', 'departments'] as const,
  settings: ['team', 'access-settings'] as const,
};

export const useRoles = () =>
  useQuery({
    queryKey: teamKeys.roles,
    queryFn: async () => unwrap(await api.GET('/api/v1/roles')).items,
  });
export const useProfiles = () =>
  useQuery({
    queryKey: teamKeys.profiles,
    queryFn: async () => unwrap(await api.GET('/api/v1/profiles')).items,
  });
export const useCatalog = () =>
  useQuery({
    queryKey: teamKeys.catalog,
    queryFn: async () => unwrap(await api.GET('/api/v1/profiles/catalog')),
    staleTime: 5 * 60_000,
  });
export const useSharingRules = () =>
  useQuery({
    queryKey: teamKeys.rules,
    queryFn: async () => unwrap(await api.GET('/api/v1/sharing-rules')).items,
  });
export const useTeamAgents = () =>
  useQuery({
    queryKey: teamKeys.agents,
    queryFn: async () => unwrap(await api.GET('/api/v1/agents', { params: { query: { limit: 500 } } })).items,
  });
export const useTeamGroups = () =>
  useQuery({
    queryKey: teamKeys.groups,
    queryFn: async () => unwrap(await api.GET('/api/v1/groups')).items,
  });
export const useDepartments = () =>
  useQuery({
    queryKey: teamKeys.departments,
    queryFn: async () => unwrap(await api.GET('/api/v1/departments')).items,
  });
export const useAccessSettings = () =>
  useQuery({
    queryKey: teamKeys.settings,
    queryFn: async () => unwrap(await api.GET('/api/v1/access/settings')),
  });

/**
 * After a change: the team lists refetch, and so do the app-wide agents and groups the pickers of
 * the other screens keep (reference-data.ts).
 */
export function useTeamRefresh(): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['team'] }),
      queryClient.invalidateQueries({ queryKey: ['agents'] }),
      queryClient.invalidateQueries({ queryKey: ['groups'] }),
      queryClient.invalidateQueries({ queryKey: ['departments'] }),
    ]);
  };
}

/**
 * The server's messages by field (`parentId`, `permissions.tickets`, `fieldAccess.priority`), for
 * @mantine/form's setErrors; the leading `body/` or `/body/` of schema errors removed.
 */
export function fieldErrorsOf(err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(err instanceof ApiError)) return out;
  for (const e of err.problem.errors ?? []) {
    const field = e.field
      .replace(/^\/+/, '')
      .replace(/^body(\/|$)/, '')
      .replace(/\//g, '.');
    if (field && !(field in out)) out[field] = e.message;
  }
  return out;
}

/** The message of a failed change for an alert: the problem's detail, or a generic fallback. */
export function messageOf(err: unknown, fallback: string): string {
  return err instanceof ApiError ? err.message : fallback;
}
