// When a group is deleted its tickets lose it through the update command, one event each, so
// their history shows the change; the directory calls this (wired in app.ts) inside the deletion.
import { eq } from 'drizzle-orm';
import type { TicketCtx } from './command-core.ts';
import { tickets } from './schema.ts';
import { updateTicket } from './update-ticket.ts';

/** Sets the owning group of every ticket of `groupId` to none, in the caller's transaction (ctx.db). */
export async function releaseGroupTickets(ctx: TicketCtx, groupId: string): Promise<number> {
  const rows = await ctx.db.select({ id: tickets.id }).from(tickets).where(eq(tickets.ownerGroupId, groupId));
  for (const { id } of rows)
    await updateTicket({ ...ctx, depth: ctx.depth ?? 0 }, id, { ownerGroupId: null });
  return rows.length;
}
