// Create a ticket for a requester given by email (and name), as integrators send it: the contact
// with that address (compared lower-cased) is matched, or created, in the ticket's transaction.
import type { AppError } from '../../platform/errors.ts';
import { invalid } from '../../platform/errors.ts';
import { assertCanOnTickets } from '../access/index.ts';
import { createContact, findContactByEmail, isEmailAddress, normalizeEmail } from '../customers/index.ts';
import { inTransaction, type TicketCtx } from './command-core.ts';
import { type CreateTicketInput, createTicket } from './create-ticket.ts';
import type { TicketRow } from './ticket-record.ts';

export interface Requester {
  email: string;
  /** Used only when the contact is created; the address itself when omitted. */
  name?: string | undefined;
}

export interface CreateTicketRequest extends CreateTicketInput {
  requester?: Requester | undefined;
}

export async function createTicketForRequester(
  ctx: TicketCtx,
  input: CreateTicketRequest,
): Promise<TicketRow> {
  const { requester, ...ticket } = input;
  if (!requester) return createTicket(ctx, ticket);
  // Checked before a contact can be created on the way.
  assertCanOnTickets(ctx.actor, 'create');
  if (ticket.contactId !== undefined)
    throw invalid('requester', 'give either contactId or requester, not both');
  const email = normalizeEmail(requester.email);
  if (!isEmailAddress(email)) throw invalid('requester/email', 'is not an email address');
  const name = requester.name?.trim() || email;
  return inTransaction(ctx, async (tx) => {
    const contactId = await matchOrCreateContact(tx, email, name);
    return createTicket(tx, { ...ticket, contactId });
  });
}

async function matchOrCreateContact(ctx: TicketCtx, email: string, name: string): Promise<string> {
  const found = await findContactByEmail(ctx.db, email);
  if (found) return found.id;
  try {
    // A savepoint in the ticket's transaction.
    return (await createContact(ctx, { name, emails: [email] })).id;
  } catch (err) {
    // Another request created the contact meanwhile (and committed): use it.
    const other = (err as AppError).code === 'duplicate' ? await findContactByEmail(ctx.db, email) : null;
    if (other) return other.id;
    throw err;
  }
}
