// The records of the Team administration screens (A1–A6) as the access API describes them
// (roles, profiles, groups, departments, sharing rules, agents' role and memberships), one cache
// key per list, and the problem JSON of a failed save turned into messages by field.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiRequest } from '../../app/api-client.ts';

export type Action = 'view' | 'create' | 'edit' | 'delete' | 'export';
export const ACTIONS: readonly Action[] = ['view', 'create', 'edit', 'delete', 'export'];
export type TicketReach = 'all' | 'departments' | 'rules';
export const TICKET_REACHES: readonly TicketReach[] = ['all', 'departments', 'rules'];
export type FieldLevel = 'hidden' | 'read_only' | 'editable';

export interface Role {
  id: string;
  name: string;
  description: string;
  parentId: string | null;
  profileIds: string[];
  agentCount: number;
  shipped: boolean;
}

export interface Profile {
  id: string;
  name: string;
  description: string;
  ticketReach: TicketReach;
  permissions: Record<string, Action[]>;
  fieldAccess: Record<string, 'hidden' | 'read_only'>;
  roleIds: string[];
  shipped: boolean;
}

export interface Catalog {
  modules: Array<{ key: string; actions: Action[] }>;
  fields: Array<{ key: string; custom: boolean; label: string }>;
}

export type SourceType = 'agent' | 'group' | 'department' | 'role_and_subordinates';
export type TargetType = 'agent' | 'group' | 'department' | 'role' | 'role_and_subordinates';
export const SOURCE_TYPES: readonly SourceType[] = ['agent', 'group', 'department', 'role_and_subordinates'];
export const TARGET_TYPES: readonly TargetType[] = [
  'agent',
  'group',
  'department',
  'role',
  'role_and_subordinates',
];
export type ShareAccess = 'read' | 'read_write';

export interface SharingRule {
  id: string;
  number: number;
  sourceType: SourceType;
  sourceId: string;
  sourceName: string;
  targetType: TargetType;
  targetId: string;
  targetName: string;
  access: ShareAccess;
}

export interface TeamAgent {
  id: string;
  name: string;
  email: string;
  language: string;
  timeZone: string;
  active: boolean;
  admin: boolean;
  invitationPending: boolean;
  roleId?: string;
  groupIds?: string[];
  departmentIds?: string[];
}

export interface TeamGroup {
  id: string;
  name: string;
  description: string;
  departmentId: string | null;
  memberIds: string[];
}

export interface Department {
  id: string;
  name: string;
  active: boolean;
  parentId?: string | null;
  headAgentId?: string | null;
  memberIds?: string[];
}

export interface AccessSettings {
  headsSeeSubDepartments: boolean;
}

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

const list = async <T>(url: string): Promise<T[]> => (await apiRequest<{ items: T[] }>('GET', url)).items;

export const useRoles = () =>
  useQuery({ queryKey: teamKeys.roles, queryFn: () => list<Role>('/api/v1/roles') });
export const useProfiles = () =>
  useQuery({ queryKey: teamKeys.profiles, queryFn: () => list<Profile>('/api/v1/profiles') });
export const useCatalog = () =>
  useQuery({
    queryKey: teamKeys.catalog,
    queryFn: () => apiRequest<Catalog>('GET', '/api/v1/profiles/catalog'),
    staleTime: 5 * 60_000,
  });
export const useSharingRules = () =>
  useQuery({ queryKey: teamKeys.rules, queryFn: () => list<SharingRule>('/api/v1/sharing-rules') });
export const useTeamAgents = () =>
  useQuery({ queryKey: teamKeys.agents, queryFn: () => list<TeamAgent>('/api/v1/agents?limit=500') });
export const useTeamGroups = () =>
  useQuery({ queryKey: teamKeys.groups, queryFn: () => list<TeamGroup>('/api/v1/groups') });
export const useDepartments = () =>
  useQuery({ queryKey: teamKeys.departments, queryFn: () => list<Department>('/api/v1/departments') });
export const useAccessSettings = () =>
  useQuery({
    queryKey: teamKeys.settings,
    queryFn: () => apiRequest<AccessSettings>('GET', '/api/v1/access/settings'),
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
