// Commands: void (hidden from everyone but administrators), restore, delete (administrators, recorded).
import { eq } from 'drizzle-orm';
import { AppError } from '../../platform/errors.ts';
import { inTransaction, lockTicket, type TicketCtx } from './command-core.ts';
import { ticketDeletions, tickets } from './schema.ts';
import { type TicketRow, toTicketDto } from './ticket-record.ts';
import { saveTicketChange } from './update-ticket.ts';

export async function voidTicket(ctx: TicketCtx, id: string, reason?: string): Promise<TicketRow> {
  return inTransaction(ctx, async (tx) => {
    const row = await lockTicket(tx, id, 'void');
    if (row.voidedAt) throw new AppError('conflict', 'This ticket is already voided');
    const next = {
      ...row,
      voidedAt: tx.clock.now(),
      voidedBy: tx.actor.type === 'agent' ? tx.actor.id : null,
    };
    return saveTicketChange(tx, row, next, { kind: 'voided', data: reason ? { reason } : {} });
  });
}

export async function restoreTicket(ctx: TicketCtx, id: string): Promise<TicketRow> {
  return inTransaction(ctx, async (tx) => {
    // Looked up first: a voided ticket does not exist (404) for those who may not restore it.
    const row = await lockTicket(tx, id, 'restore');
    if (!row.voidedAt) throw new AppError('conflict', 'This ticket is not voided');
    return saveTicketChange(tx, row, { ...row, voidedAt: null, voidedBy: null }, { kind: 'restored' });
  });
}

/** Deletes a ticket and its conversation for good; a deletion record keeps who, what and when. */
export async function deleteTicket(ctx: TicketCtx, id: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const row = await lockTicket(tx, id, 'delete');
    if (tx.actor.type !== 'agent') throw new AppError('forbidden', 'Only an administrator deletes tickets');
    await tx.db.insert(ticketDeletions).values({
      ticketId: row.id,
      number: row.number,
      subject: row.subject,
      snapshot: { ...toTicketDto(row) },
      deletedBy: tx.actor.id,
      deletedAt: tx.clock.now(),
    });
    await tx.db.update(tickets).set({ mergedIntoId: null }).where(eq(tickets.mergedIntoId, row.id));
    await tx.db.delete(tickets).where(eq(tickets.id, row.id));
  });
}
