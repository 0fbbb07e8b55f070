// The SLA fields of a ticket in the condition language (filters, views, sorts, rules), read from
// the ticket's ticket_sla row. The composition root registers them with the tickets module.
import { type SQL, sql } from 'drizzle-orm';
import type { FieldDef, FieldType } from '../conditions/index.ts';

const of = (expr: string): SQL =>
  sql.raw(`(SELECT ${expr} FROM ticket_sla s WHERE s.ticket_id = tickets.id)`);

const ROW = sql.raw('ticket_sla s WHERE s.ticket_id = tickets.id');

function field(name: string, type: FieldType, expr: string, sortable = false): FieldDef {
  return {
    name,
    type,
    sql: of(expr),
    // Filters start from ticket_sla (its indexes), not from a subquery per ticket.
    row: { from: ROW, column: sql.raw(expr) },
    read: (snapshot) => snapshot[name] ?? null,
    load: true,
    ...(sortable ? { sortable: true } : {}),
  };
}

export const SLA_TICKET_FIELDS: readonly FieldDef[] = [
  field('sla.policy', 'id', 's.policy_id'),
  field('sla.firstResponseDueAt', 'datetime', 's.first_response_due_at', true),
  field('sla.nextResponseDueAt', 'datetime', 's.next_response_due_at', true),
  field('sla.resolutionDueAt', 'datetime', 's.resolution_due_at', true),
  field('sla.nextDueAt', 'datetime', 's.next_due_at', true),
  field('sla.paused', 'boolean', 'coalesce(s.paused_since IS NOT NULL AND s.resolved_at IS NULL, false)'),
  field('sla.firstResponseBreached', 'boolean', 's.first_response_breached'),
  field('sla.nextResponseBreached', 'boolean', 's.next_response_breached'),
  field('sla.resolutionBreached', 'boolean', 's.resolution_breached'),
  field(
    'sla.breached',
    'boolean',
    '(s.first_response_breached OR s.next_response_breached OR s.resolution_breached)',
  ),
  field(
    'sla.firstResponseMet',
    'boolean',
    '(s.first_response_at IS NOT NULL AND NOT s.first_response_breached)',
  ),
  field('sla.resolutionMet', 'boolean', '(s.resolved_at IS NOT NULL AND NOT s.resolution_breached)'),
  field('sla.resolutionSeconds', 'number', 's.resolution_seconds', true),
];
