// Announcing a change of calendars or policies, so every node drops what it cached of them.
import { sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { queryRows } from '../../platform/db.ts';
import { queueRecompute } from './sla-recompute.ts';

export const SLA_CONFIG_CHANNEL = 'caseway_sla_config';

export interface SlaConfigInvalidator {
  invalidate(): void;
}

/** What the calendar and policy services receive: the context, and the node's cache to drop. */
export type SlaAdminCtx = Ctx & { sla?: SlaConfigInvalidator | undefined };

export interface SlaConfigChange {
  kind: 'calendar' | 'policy';
  id: string | null;
}

/**
 * Call inside the changing transaction: other nodes hear of it on commit, and open tickets get
 * their policy and due times worked out again in the background.
 */
export async function announceSlaConfigChange(ctx: SlaAdminCtx, change: SlaConfigChange): Promise<void> {
  ctx.sla?.invalidate();
  await queryRows(ctx.db, sql`SELECT pg_notify(${SLA_CONFIG_CHANNEL}, ${JSON.stringify(change)})`);
  await queueRecompute(ctx.db, ctx.clock);
}
