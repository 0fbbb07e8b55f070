// Why an agent may or may not see a ticket, for the administrator's "view as" preview.
import { eq } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { type AccessExplanation, assertAdmin, explainTicketAccess } from '../access/index.ts';
import { loadOrg } from '../directory/index.ts';
import { tickets, ticketTeam } from './schema.ts';

export interface AccessExplainDto extends AccessExplanation {
  agentId: string;
  agentName: string;
  ticketId: string;
  ticketNumber: string;
}

export async function explainAccess(ctx: Ctx, agentId: string, ticketId: string): Promise<AccessExplainDto> {
  assertAdmin(ctx.actor, 'agents');
  const org = await loadOrg(ctx.db);
  const agent = org.agents.find((a) => a.id === agentId);
  if (!agent) throw invalid('agentId', 'no such agent');
  const [ticket] = await ctx.db.select().from(tickets).where(eq(tickets.id, ticketId));
  if (!ticket) throw notFound('Ticket');
  const team = await ctx.db
    .select({ agentId: ticketTeam.agentId, access: ticketTeam.access })
    .from(ticketTeam)
    .where(eq(ticketTeam.ticketId, ticketId));
  const explanation = explainTicketAccess(org, agentId, {
    ownerAgentId: ticket.ownerAgentId,
    ownerGroupId: ticket.ownerGroupId,
    departmentId: ticket.departmentId,
    voided: ticket.voidedAt !== null,
    team,
  });
  return { ...explanation, agentId, agentName: agent.name, ticketId, ticketNumber: ticket.number };
}
