// Calendars and policies of the SLA administration screens: types from the API, one cache key per
// record, and the problem JSON of a failed save turned into messages by field path.
import { useQuery } from '@tanstack/react-query';
import { ApiError, api, unwrap } from '../../app/api-client.ts';
import type { paths } from '../../app/api-types.ts';

export type Calendar =
  paths['/api/v1/sla/calendars/{id}']['get']['responses']['200']['content']['application/json'];
export type CalendarDefinition = Calendar['definition'];
export type Week = CalendarDefinition['week'];
export type WeekKey = keyof Week;
export type Interval = [string, string];
export type HolidayImport =
  paths['/api/v1/sla/calendars/{id}/holidays/import']['post']['responses']['200']['content']['application/json'];

export type Policy =
  paths['/api/v1/sla/policies/{id}']['get']['responses']['200']['content']['application/json'];
export type PolicyTargets = Policy['targets'];
export type PolicyWarning = Policy['warning'];
export type EscalationLevel = Policy['escalations'][number];
export type EscalationAction = EscalationLevel['actions'][number];

export const SLA_METRICS = ['firstResponse', 'nextResponse', 'resolution'] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];

/** The seeded default policy keeps its English name and description until an administrator renames it. */
export const SEEDED_DEFAULT_NAME = 'Default';
export const SEEDED_DEFAULT_DESCRIPTION = 'Applies when no other policy matches';

export const slaKeys = {
  calendars: ['sla', 'calendars'] as const,
  calendar: (id: string) => ['sla', 'calendars', id] as const,
  policies: ['sla', 'policies'] as const,
  policy: (id: string) => ['sla', 'policies', id] as const,
};

export function useCalendars() {
  return useQuery({
    queryKey: slaKeys.calendars,
    // openapi-fetch loses the [start, end] tuples of the week; the document has them.
    queryFn: async () => unwrap(await api.GET('/api/v1/sla/calendars')).items as Calendar[],
  });
}

export function useCalendar(id: string | null) {
  return useQuery({
    queryKey: slaKeys.calendar(id ?? ''),
    enabled: id !== null,
    staleTime: 0,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/sla/calendars/{id}', { params: { path: { id: id! } } })) as Calendar,
  });
}

export function usePolicies() {
  return useQuery({
    queryKey: slaKeys.policies,
    queryFn: async () => unwrap(await api.GET('/api/v1/sla/policies')).items,
  });
}

export function usePolicy(id: string | null) {
  return useQuery({
    queryKey: slaKeys.policy(id ?? ''),
    enabled: id !== null,
    staleTime: 0,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/sla/policies/{id}', { params: { path: { id: id! } } })),
  });
}

/** Messages of a failed save by field path, `body/` removed (`definition/week/mon/0/1`). */
export type FieldErrors = ReadonlyMap<string, string>;
export const NO_ERRORS: FieldErrors = new Map();

export function fieldErrorsOf(err: unknown): Map<string, string> {
  const map = new Map<string, string>();
  if (!(err instanceof ApiError)) return map;
  for (const e of err.problem.errors ?? []) {
    const path = e.field.replace(/^\/+/, '').replace(/^body(\/|$)/, '');
    if (!map.has(path)) map.set(path, e.message);
  }
  return map;
}

/** The messages at `prefix` and below it, for a summary beside a row or a section. */
export function errorsUnder(errors: FieldErrors, prefix: string): string[] {
  const out: string[] = [];
  for (const [path, message] of errors)
    if (path === prefix || path.startsWith(`${prefix}/`)) out.push(message);
  return out;
}

/** The current record a 409 answer carries. */
export function conflictOf<T>(err: unknown): T | null {
  if (!(err instanceof ApiError) || err.status !== 409) return null;
  return (err.problem.current as T | undefined) ?? null;
}
