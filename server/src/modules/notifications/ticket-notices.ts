// Notifications about tickets, given after commit: an after-commit subscriber to the events the SLA
// timers record (warning, breach, escalation) and to the `rule_applied` events of rules that notify.
// Delivery is at least once, so each notification names its event and is given once per agent and
// event.
import { sql } from 'drizzle-orm';
import { type Db, queryRows, uuidArray } from '../../platform/db.ts';
import type { AfterCommitSubscriber } from '../tickets/index.ts';
import { notifyAgents } from './notifications.ts';

/** Who a notice goes to, as SLA escalations (and later rules) name them. */
export interface Recipient {
  recipient: 'owner' | 'group' | 'agent' | 'supervisor' | 'account_manager';
  agentId?: string | null;
}

interface TicketFacts {
  number: string;
  subject: string;
  owner_agent_id: string | null;
  owner_group_id: string | null;
  organization_id: string | null;
}

const SLA_KINDS = new Set(['sla_warning', 'sla_breached', 'sla_escalated']);

async function groupMembers(db: Db, groupId: string | null): Promise<string[]> {
  if (!groupId) return [];
  const rows = await queryRows<{ id: string }>(
    db,
    sql`SELECT agent_id AS id FROM group_members WHERE group_id = ${groupId}`,
  );
  return rows.map((r) => r.id);
}

/** The agents a recipient names for a ticket: the owner (or the group while nobody owns it), … */
export async function recipientsOf(db: Db, ticket: TicketFacts, to: Recipient): Promise<string[]> {
  switch (to.recipient) {
    case 'owner':
      return ticket.owner_agent_id ? [ticket.owner_agent_id] : groupMembers(db, ticket.owner_group_id);
    case 'group':
      return groupMembers(db, ticket.owner_group_id);
    case 'agent':
      return to.agentId ? [to.agentId] : [];
    case 'supervisor': {
      // The owner's manager in the role tree: the agents of the role their role reports to; while
      // nobody owns the ticket, the managers of its group's members.
      const owners = ticket.owner_agent_id
        ? [ticket.owner_agent_id]
        : await groupMembers(db, ticket.owner_group_id);
      if (!owners.length) return [];
      const rows = await queryRows<{ id: string }>(
        db,
        sql`SELECT DISTINCT m.id FROM agents o JOIN roles r ON r.id = o.role_id JOIN agents m ON m.role_id = r.parent_id
             WHERE o.id = ANY(${uuidArray(owners)}) AND m.active`,
      );
      return rows.map((r) => r.id);
    }
    case 'account_manager': {
      if (!ticket.organization_id) return [];
      const rows = await queryRows<{ id: string | null }>(
        db,
        sql`SELECT account_manager_id AS id FROM organizations WHERE id = ${ticket.organization_id}`,
      );
      return rows[0]?.id ? [rows[0].id] : [];
    }
  }
}

function notifyActions(event: { kind: string; data?: Record<string, unknown> }): Recipient[] {
  const actions = event.kind === 'rule_applied' ? event.data?.notify : event.data?.actions;
  if (!Array.isArray(actions)) return [];
  return actions.filter(
    (a): a is Recipient =>
      typeof a === 'object' &&
      a !== null &&
      (event.kind === 'rule_applied' || (a as { type?: unknown }).type === 'notify'),
  );
}

/**
 * Warnings and breaches go to the owner (or the group's members); escalations and rules to whom
 * their actions name.
 */
export function ticketNoticeSubscriber(): AfterCommitSubscriber {
  return {
    name: 'notifications',
    // A rule's event only when the rule asks for a notification.
    wants: (kinds, events) =>
      kinds.some((k) => SLA_KINDS.has(k)) ||
      events.some((e) => e.kind === 'rule_applied' && notifyActions(e).length > 0),
    async handle(events, { db, clock }) {
      const notices = events.filter(
        (e) => SLA_KINDS.has(e.kind) || (e.kind === 'rule_applied' && notifyActions(e).length > 0),
      );
      if (!notices.length) return;
      const ticketId = notices[0]!.ticketId;
      const [ticket] = await queryRows<TicketFacts>(
        db,
        sql`SELECT number, subject, owner_agent_id, owner_group_id, organization_id FROM tickets WHERE id = ${ticketId}`,
      );
      if (!ticket) return;
      for (const event of notices) {
        const about = {
          metric: event.data.metric,
          dueAt: event.data.dueAt,
          number: ticket.number,
          subject: ticket.subject,
        };
        if (event.kind === 'rule_applied') {
          for (const to of notifyActions(event)) {
            await notifyAgents(db, clock, await recipientsOf(db, ticket, to), {
              kind: 'rule_notice',
              ticketId,
              data: {
                number: ticket.number,
                subject: ticket.subject,
                ruleName: event.data.ruleName,
                shippedKey: event.data.shippedKey ?? null,
              },
              eventId: event.id,
            });
          }
          continue;
        }
        if (event.kind !== 'sla_escalated') {
          const to = await recipientsOf(db, ticket, { recipient: 'owner' });
          await notifyAgents(db, clock, to, { kind: event.kind, ticketId, data: about, eventId: event.id });
          continue;
        }
        for (const action of notifyActions(event)) {
          const to = await recipientsOf(db, ticket, action);
          await notifyAgents(db, clock, to, {
            kind: event.kind,
            ticketId,
            data: { ...about, level: event.data.level },
            eventId: event.id,
          });
        }
      }
    },
  };
}
