// Related team members (相关团队成员): colleagues added to a ticket with read or read-write access.
// Adding, changing and removing one are ticket commands, recorded as events.
import { and, asc, eq } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { agents } from '../directory/index.ts';
import { inTransaction, lockTicket, type TicketCtx } from './command-core.ts';
import { ticketTeam } from './schema.ts';
import { getTicket } from './ticket-queries.ts';
import { saveTicketChange } from './update-ticket.ts';

export type TeamAccess = 'read' | 'read_write';

export interface TeamMemberDto {
  agentId: string;
  name: string;
  access: TeamAccess;
  addedAt: string;
  addedBy: string | null;
}

/** The ticket's related team, for anyone who may see the ticket. */
export async function listTeam(ctx: Ctx, ticketId: string): Promise<TeamMemberDto[]> {
  await getTicket(ctx, ticketId);
  const rows = await ctx.db
    .select({ member: ticketTeam, name: agents.name })
    .from(ticketTeam)
    .innerJoin(agents, eq(agents.id, ticketTeam.agentId))
    .where(eq(ticketTeam.ticketId, ticketId))
    .orderBy(asc(agents.name));
  return rows.map(({ member, name }) => ({
    agentId: member.agentId,
    name,
    access: member.access,
    addedAt: member.addedAt.toISOString(),
    addedBy: member.addedBy,
  }));
}

/** Adds a colleague, or changes their access; needs the right to act on the ticket. */
export async function addTeamMember(
  ctx: TicketCtx,
  ticketId: string,
  input: { agentId: string; access: TeamAccess },
): Promise<TeamMemberDto[]> {
  await inTransaction(ctx, async (tx) => {
    const row = await lockTicket(tx, ticketId);
    const [agent] = await tx.db
      .select({ id: agents.id, active: agents.active })
      .from(agents)
      .where(eq(agents.id, input.agentId));
    if (!agent?.active) throw invalid('agentId', 'is not an active agent');
    const [current] = await tx.db
      .select()
      .from(ticketTeam)
      .where(and(eq(ticketTeam.ticketId, ticketId), eq(ticketTeam.agentId, input.agentId)));
    if (current?.access === input.access) return;
    await tx.db
      .insert(ticketTeam)
      .values({
        ticketId,
        agentId: input.agentId,
        access: input.access,
        addedBy: tx.actor.type === 'agent' ? tx.actor.id : null,
        addedAt: tx.clock.now(),
      })
      .onConflictDoUpdate({
        target: [ticketTeam.ticketId, ticketTeam.agentId],
        set: { access: input.access },
      });
    await saveTicketChange(
      tx,
      row,
      { ...row },
      {
        kind: current ? 'team_member_changed' : 'team_member_added',
        data: { agentId: input.agentId, access: input.access },
      },
    );
  });
  return listTeam(ctx, ticketId);
}

export async function removeTeamMember(ctx: TicketCtx, ticketId: string, agentId: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const row = await lockTicket(tx, ticketId);
    const removed = await tx.db
      .delete(ticketTeam)
      .where(and(eq(ticketTeam.ticketId, ticketId), eq(ticketTeam.agentId, agentId)))
      .returning({ agentId: ticketTeam.agentId });
    if (!removed.length) throw notFound('Team member');
    await saveTicketChange(tx, row, { ...row }, { kind: 'team_member_removed', data: { agentId } });
  });
}
