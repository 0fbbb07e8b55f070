// Installation settings the ticket module owns (the ticket number prefix).
import { eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { invalid } from '../../platform/errors.ts';
import { appSettings } from '../../platform/schema.ts';
import { assertAdmin } from '../access/index.ts';
import { DEFAULT_NUMBER_PREFIX } from './create-ticket.ts';

export interface TicketSettings {
  numberPrefix: string;
}

export async function getTicketSettings(db: Db): Promise<TicketSettings> {
  const [row] = await db.select().from(appSettings).where(eq(appSettings.key, 'ticket_number_prefix'));
  return { numberPrefix: typeof row?.value === 'string' ? row.value : DEFAULT_NUMBER_PREFIX };
}

/** A new prefix applies to tickets created from now on; existing numbers never change. */
export async function updateTicketSettings(
  ctx: Ctx,
  input: { numberPrefix: string },
): Promise<TicketSettings> {
  assertAdmin(ctx.actor, 'settings');
  if (!/^[A-Za-z0-9#_-]{0,10}$/.test(input.numberPrefix)) {
    throw invalid('numberPrefix', 'at most 10 letters, digits, #, _ or -');
  }
  await ctx.db
    .insert(appSettings)
    .values({ key: 'ticket_number_prefix', value: sql`to_jsonb(${input.numberPrefix}::text)` })
    .onConflictDoUpdate({
      target: appSettings.key,
      set: { value: sql`to_jsonb(${input.numberPrefix}::text)` },
    });
  return getTicketSettings(ctx.db);
}
