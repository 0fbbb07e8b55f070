// What the console reads of tickets' SLA: one ticket's clocks (under ['ticket', id, …], so the
// live event stream refreshes them with the ticket) and many tickets' at once for a list.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, unwrap } from '../../app/api-client.ts';
import type { paths } from '../../app/api-types.ts';

export type TicketSla =
  paths['/api/v1/tickets/{id}/sla']['get']['responses']['200']['content']['application/json'];
export type SlaClock = TicketSla['clocks'][number];

export function useTicketSla(ticketId: string) {
  return useQuery({
    queryKey: ['ticket', ticketId, 'sla'],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/tickets/{id}/sla', { params: { path: { id: ticketId } } })),
  });
}

const CHUNK = 200;

/** The SLA of a list's loaded rows, asked for in chunks of 200 ids; a map by ticket id. */
export function useTicketSlas(ids: readonly string[], enabled: boolean): Map<string, TicketSla> {
  const chunk = ids.slice(0, CHUNK);
  const query = useQuery({
    queryKey: ['tickets', 'sla', chunk],
    enabled: enabled && chunk.length > 0,
    queryFn: async () => unwrap(await api.POST('/api/v1/sla/tickets', { body: { ids: [...chunk] } })).items,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const map = new Map<string, TicketSla>();
  for (const item of query.data ?? []) map.set(item.ticketId, item);
  return map;
}

/** The current time, moving every `ms` (for countdowns). */
export function useNow(ms = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

/** The clock that matters most: breached first, then the running one due soonest. */
export function mostUrgent(sla: TicketSla | undefined): SlaClock | undefined {
  if (!sla) return undefined;
  const open = sla.clocks.filter((c) => c.status !== 'met' && c.status !== 'stopped');
  const breached = open.filter((c) => c.status === 'breached');
  if (breached.length) return breached[0];
  return (
    open.filter((c) => c.dueAt !== null).sort((a, b) => Date.parse(a.dueAt!) - Date.parse(b.dueAt!))[0] ??
    open[0]
  );
}

/** The seeded default policy, shown in the agent's language until an administrator renames it. */
const DEFAULT_POLICY_ID = '00000000-0000-4000-8000-0000000000d1';
export function policyLabel(
  policy: { id: string | null; name: string | null },
  defaultName: string,
): string | null {
  if (policy.name === null) return null;
  return policy.id === DEFAULT_POLICY_ID && policy.name === 'Default' ? defaultName : policy.name;
}
