// Giving agents notifications and letting them read them. Other modules call notifyAgents inside
// their own transaction, so a notification exists exactly when the change that caused it does.
import { and, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.ts';
import type { Ctx } from '../../platform/context.ts';
import { type Db, notifySql, queryRows, uuidArray } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { ticketScope } from '../access/index.ts';
import { notifications } from './schema.ts';

/** NOTIFY channel: payload {agentIds} so a live stream can tell the agents concerned. */
export const NOTIFICATIONS_CHANNEL = 'caseway_notifications';
const MAX_PAGE = 100;

export interface NewNotification {
  kind: string;
  ticketId?: string | null;
  data?: Record<string, unknown>;
  /** The ticket event it tells of: given once per agent and event, however often this is called. */
  eventId?: number | null;
}

export interface NotificationDto {
  id: string;
  kind: string;
  ticketId: string | null;
  data: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

/** One notification for each of the (distinct, active) agents. */
export async function notifyAgents(
  db: Db,
  clock: Clock,
  agentIds: readonly string[],
  notification: NewNotification,
): Promise<number> {
  const ids = [...new Set(agentIds)];
  if (!ids.length) return 0;
  const now = clock.now();
  const rows = await queryRows<{ agent_id: string }>(
    db,
    sql`INSERT INTO notifications (agent_id, ticket_id, kind, data, created_at, event_id)
        SELECT a.id, ${notification.ticketId ?? null}::uuid, ${notification.kind},
               ${JSON.stringify(notification.data ?? {})}::jsonb, ${now}, ${notification.eventId ?? null}::bigint
          FROM agents a WHERE a.id = ANY(${uuidArray(ids)}) AND a.active
        ON CONFLICT (agent_id, event_id) WHERE event_id IS NOT NULL DO NOTHING
        RETURNING agent_id`,
  );
  if (rows.length) {
    await queryRows(
      db,
      notifySql(NOTIFICATIONS_CHANNEL, JSON.stringify({ agentIds: rows.map((r) => r.agent_id) })),
    );
  }
  return rows.length;
}

function toDto(row: typeof notifications.$inferSelect): NotificationDto {
  return {
    id: String(row.id),
    kind: row.kind,
    ticketId: row.ticketId,
    data: row.data,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

function me(ctx: Ctx): string {
  if (ctx.actor.type !== 'agent') throw new AppError('forbidden', 'Only agents have notifications');
  return ctx.actor.id;
}

/**
 * Notifications about a ticket show only while the agent may see the ticket (a notification keeps
 * its subject and number, and access changes after it was given).
 */
function visibleToReader(ctx: Ctx) {
  return sql`(${notifications.ticketId} IS NULL OR EXISTS (SELECT 1 FROM tickets nt WHERE nt.id = ${notifications.ticketId} AND ${ticketScope(ctx.actor, sql`nt`)}))`;
}

/** The agent's notifications, newest first, with the number still unread. */
export async function listNotifications(
  ctx: Ctx,
  opts: { limit?: number; before?: string; unreadOnly?: boolean },
): Promise<{ items: NotificationDto[]; unread: number; nextCursor: string | null }> {
  const agentId = me(ctx);
  const limit = Math.min(opts.limit ?? 50, MAX_PAGE);
  const rows = await ctx.db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.agentId, agentId),
        opts.before ? lt(notifications.id, Number(opts.before)) : undefined,
        opts.unreadOnly ? isNull(notifications.readAt) : undefined,
        visibleToReader(ctx),
      ),
    )
    .orderBy(desc(notifications.id))
    .limit(limit + 1);
  const [count] = await queryRows<{ n: number }>(
    ctx.db,
    sql`SELECT count(*)::int AS n FROM notifications WHERE agent_id = ${agentId} AND read_at IS NULL AND ${visibleToReader(ctx)}`,
  );
  const page = rows.slice(0, limit);
  return {
    items: page.map(toDto),
    unread: Number(count?.n ?? 0),
    nextCursor: rows.length > limit ? String(page[page.length - 1]!.id) : null,
  };
}

/** Marks the agent's notifications read: the given ones, or all. Returns how many changed. */
export async function markRead(ctx: Ctx, ids: readonly string[] | 'all'): Promise<number> {
  const agentId = me(ctx);
  const rows = await ctx.db
    .update(notifications)
    .set({ readAt: ctx.clock.now() })
    .where(
      and(
        eq(notifications.agentId, agentId),
        isNull(notifications.readAt),
        ids === 'all' ? undefined : inArray(notifications.id, ids.map(Number)),
      ),
    )
    .returning({ id: notifications.id });
  return rows.length;
}
