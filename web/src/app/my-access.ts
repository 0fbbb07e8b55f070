// What the signed-in agent's role and profiles allow (GET /api/v1/me → access): which ticket
// fields they may not see or not change. While previewing (view as), the previewed agent's.
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from './api-client.ts';
import { currentViewAs } from './view-as.ts';

export type FieldAccess = 'hidden' | 'read_only' | 'editable';

/** The profile's name of a ticket field, from its API key (`ownerAgentId` → `owner`). */
const PROFILE_NAME: Record<string, string> = {
  ownerAgentId: 'owner',
  ownerGroupId: 'group',
  departmentId: 'department',
  contactId: 'contact',
  organizationId: 'organization',
  productId: 'product',
};

export function useMyAccess() {
  return useQuery({
    queryKey: ['me', 'access'],
    queryFn: async () => unwrap(await api.GET('/api/v1/me')).access,
    staleTime: 5 * 60_000,
  });
}

/** `(apiField) => access`: read-only for every field while previewing as another agent. */
export function useFieldAccess(): (field: string) => FieldAccess {
  const fields = useMyAccess().data?.fields ?? {};
  const previewing = Boolean(currentViewAs());
  return (field) => {
    const access = fields[PROFILE_NAME[field] ?? field] ?? 'editable';
    return previewing && access === 'editable' ? 'read_only' : access;
  };
}
