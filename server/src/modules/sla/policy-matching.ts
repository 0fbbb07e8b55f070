// Which policy applies to a ticket and what its targets are, for the code that keeps tickets' due
// times. Policies are read with their calendars already compiled; a compiled calendar is kept per
// calendar id and version, so a changed calendar is compiled afresh and an unchanged one never again.
import { performance } from 'node:perf_hooks';
import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { type Condition, evaluate, type FieldRegistry } from '../conditions/index.ts';
import { type CalendarJson, type CompiledCalendar, compileCalendar } from './clock/index.ts';
import {
  calendarIdsOf,
  type EscalationLevel,
  type PolicyTargets,
  type SlaMetric,
  type SlaWarning,
} from './policy-shapes.ts';
import { slaCalendars, slaPolicies } from './schema.ts';
import type { SlaConfigInvalidator } from './sla-config-change.ts';

export interface SlaPolicy {
  id: string;
  name: string;
  isDefault: boolean;
  position: number;
  version: number;
  /** Null for the default policy. */
  condition: Condition | null;
  targets: PolicyTargets;
  warning: SlaWarning | null;
  escalations: EscalationLevel[];
  /** The compiled calendars the targets use, by calendar id. */
  calendars: ReadonlyMap<string, CompiledCalendar>;
}

export interface SlaTargetClock {
  minutes: number;
  calendarId: string;
  calendar: CompiledCalendar;
}

const MAX_COMPILED = 64;
const compiled = new Map<string, CompiledCalendar>();

/** A stored calendar, compiled once per id and version (a few dozen kept per process). */
export function compiledCalendarOf(row: { id: string; version: number; definition: CalendarJson }) {
  const key = `${row.id}@${row.version}`;
  let calendar = compiled.get(key);
  if (calendar) return calendar;
  calendar = compileCalendar(row.definition);
  if (compiled.size >= MAX_COMPILED) {
    const oldest = compiled.keys().next().value;
    if (oldest !== undefined) compiled.delete(oldest);
  }
  compiled.set(key, calendar);
  return calendar;
}

/** Non-default policies by position (ties by age, then id), the default always last. */
export const POLICY_ORDER = [
  asc(slaPolicies.isDefault),
  asc(slaPolicies.position),
  asc(slaPolicies.createdAt),
  asc(slaPolicies.id),
];

/** The active policies in the order they are tried, with their calendars compiled. */
export async function loadPolicies(db: Db): Promise<SlaPolicy[]> {
  const rows = await db
    .select()
    .from(slaPolicies)
    .where(eq(slaPolicies.active, true))
    .orderBy(...POLICY_ORDER);
  const ids = [...new Set(rows.flatMap((r) => [...calendarIdsOf(r.targets)]))];
  const calendars = ids.length
    ? await db
        .select({ id: slaCalendars.id, version: slaCalendars.version, definition: slaCalendars.definition })
        .from(slaCalendars)
        .where(inArray(slaCalendars.id, ids))
    : [];
  const byId = new Map(calendars.map((c) => [c.id, compiledCalendarOf(c)]));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    isDefault: r.isDefault,
    position: r.position,
    version: r.version,
    condition: r.condition,
    targets: r.targets,
    warning: r.warning,
    escalations: r.escalations,
    calendars: new Map(
      [...calendarIdsOf(r.targets)].flatMap((id) => (byId.has(id) ? [[id, byId.get(id)!]] : [])),
    ),
  }));
}

function matches(condition: Condition, snapshot: Record<string, unknown>, registry: FieldRegistry): boolean {
  try {
    return evaluate(condition, snapshot, registry);
  } catch (err) {
    // A condition naming a custom field since removed no longer checks: it matches nothing.
    if (err instanceof AppError && err.code === 'validation') return false;
    throw err;
  }
}

/**
 * The policy for a ticket: the first non-default policy (in the given order) whose condition holds
 * for the snapshot, else the default; null only when the list holds no default. `policies` as
 * loadPolicies returns them; `registry` the ticket field registry (ticketRegistry).
 */
export function choosePolicy(
  policies: readonly SlaPolicy[],
  snapshot: Record<string, unknown>,
  registry: FieldRegistry,
): SlaPolicy | null {
  let fallback: SlaPolicy | null = null;
  for (const policy of policies) {
    if (policy.isDefault) fallback ??= policy;
    else if (policy.condition && matches(policy.condition, snapshot, registry)) return policy;
  }
  return fallback;
}

/** A policy's target for a priority and metric, with its compiled calendar; null when it sets none. */
export function targetFor(policy: SlaPolicy, priority: string, metric: SlaMetric): SlaTargetClock | null {
  if (!Object.hasOwn(policy.targets, priority)) return null;
  const target = policy.targets[priority]?.[metric];
  if (!target) return null;
  const calendar = policy.calendars.get(target.calendarId);
  if (!calendar) return null;
  return { minutes: target.minutes, calendarId: target.calendarId, calendar };
}

const TTL_MS = 30_000;

export interface SlaConfigCache extends SlaConfigInvalidator {
  /** The active policies as loadPolicies returns them, from memory for up to 30 s. */
  get(db: Db): Promise<SlaPolicy[]>;
}

/**
 * The node's copy of the active policies. app.ts empties it when any node announces a change on
 * SLA_CONFIG_CHANNEL; the time-to-live bounds staleness should a notification be missed.
 */
export function createSlaConfigCache(): SlaConfigCache {
  let value: { policies: SlaPolicy[]; at: number } | null = null;
  let generation = 0;
  return {
    get: async (db) => {
      if (value && performance.now() - value.at < TTL_MS) return value.policies;
      const started = generation;
      const policies = await loadPolicies(db);
      // A change announced while loading makes this copy stale already: use it once, keep none.
      if (started === generation) value = { policies, at: performance.now() };
      return policies;
    },
    invalidate: () => {
      generation += 1;
      value = null;
    },
  };
}
