// A ticket as conditions read it in memory (rules, SLA policies): the row, plus what the condition
// reads from elsewhere — the organization's tier, the contact's VIP flag, and the fields other
// modules keep in their own tables (`load`, e.g. SLA state), fetched only when asked for.
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../platform/db.ts';
import type { FieldRegistry } from '../conditions/index.ts';
import type { TicketRow } from './ticket-record.ts';

type TicketLike = Pick<TicketRow, 'id' | 'organizationId' | 'contactId'>;

/** The ticket with its organization's tier and contact's VIP flag, as the condition fields read them. */
export function withRelated<T extends TicketLike>(
  ticket: T,
  related: { tier: string | null; vip: boolean | null } | undefined,
): Record<string, unknown> {
  return {
    ...ticket,
    organization: related?.tier ? { tier: related.tier } : null,
    contact: related?.vip === null || related?.vip === undefined ? null : { vip: related.vip },
  };
}

export async function conditionSnapshot(
  db: Db,
  ticket: TicketLike,
  reads: ReadonlySet<string>,
  registry: FieldRegistry,
): Promise<Record<string, unknown>> {
  const wantsOrg = !!ticket.organizationId && [...reads].some((f) => f.startsWith('organization.'));
  const wantsContact = !!ticket.contactId && [...reads].some((f) => f.startsWith('contact.'));
  let snapshot: Record<string, unknown> = { ...ticket };
  if (wantsOrg || wantsContact) {
    const [row] = await queryRows<{ tier: string | null; vip: boolean | null }>(
      db,
      sql`SELECT (SELECT tier FROM organizations WHERE id = ${ticket.organizationId}) AS tier,
                 (SELECT vip FROM contacts WHERE id = ${ticket.contactId}) AS vip`,
    );
    snapshot = withRelated(ticket, row);
  }
  const loaded = [...reads].flatMap((name) => {
    const def = registry.get(name);
    return def?.load ? [def] : [];
  });
  if (loaded.length) {
    const columns = sql.join(
      loaded.map((def, i) => sql`${def.sql} AS ${sql.identifier(`f${i}`)}`),
      sql`, `,
    );
    const [row] = await queryRows<Record<string, unknown>>(
      db,
      sql`SELECT ${columns} FROM (SELECT ${ticket.id}::uuid AS id) AS tickets`,
    );
    loaded.forEach((def, i) => {
      snapshot[def.name] = row?.[`f${i}`] ?? null;
    });
  }
  return snapshot;
}
