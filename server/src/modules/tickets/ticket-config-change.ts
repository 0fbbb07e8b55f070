// Announcing a change of picklists or custom fields, so every node's cached copy is dropped.
import { sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { queryRows } from '../../platform/db.ts';

export const TICKET_CONFIG_CHANNEL = 'caseway_ticket_config';

export interface ConfigInvalidator {
  invalidate(): void;
}

export type AdminCtx = Ctx & { config?: ConfigInvalidator | undefined };

/** Call inside the changing transaction: other nodes hear of it on commit. */
export async function announceConfigChange(ctx: AdminCtx): Promise<void> {
  ctx.config?.invalidate();
  await queryRows(ctx.db, sql`SELECT pg_notify(${TICKET_CONFIG_CHANNEL}, '')`);
}
