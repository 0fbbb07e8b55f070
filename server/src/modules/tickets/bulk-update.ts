// Bulk change of owner, status, priority or tags: each ticket is its own command and transaction,
// so one refusal does not undo the others; the answer says what happened to each.
import { toAppError } from '../../platform/errors.ts';
import { assertCanOnTickets } from '../access/index.ts';
import type { TicketCtx } from './command-core.ts';
import { ticketDtoFor } from './field-permissions.ts';
import type { TicketDto } from './ticket-record.ts';
import { updateTicket } from './update-ticket.ts';

export interface BulkChanges {
  ownerAgentId?: string | null | undefined;
  ownerGroupId?: string | null | undefined;
  status?: string | undefined;
  priority?: string | undefined;
  addTags?: string[] | undefined;
  removeTags?: string[] | undefined;
}

export type BulkResult =
  | { id: string; ok: true; ticket: TicketDto }
  | {
      id: string;
      ok: false;
      status: number;
      error: string;
      errors?: Array<{ field: string; message: string }>;
    };

export async function bulkUpdate(ctx: TicketCtx, ids: string[], changes: BulkChanges): Promise<BulkResult[]> {
  assertCanOnTickets(ctx.actor, 'bulk');
  const results: BulkResult[] = [];
  for (const id of [...new Set(ids)]) {
    try {
      const row = await updateTicket(ctx, id, changes);
      results.push({ id, ok: true, ticket: ticketDtoFor(ctx.actor, row) });
    } catch (err) {
      const e = toAppError(err);
      if (e.code === 'internal') throw err;
      results.push({
        id,
        ok: false,
        status: e.status,
        error: e.message,
        ...(e.errors.length ? { errors: e.errors } : {}),
      });
    }
  }
  return results;
}
