// Tickets: the record, its conversation, history and attachments. A ticket changes only through
// the commands here, each writing events; other modules react to those events (subscribers).
export type { TicketChange, TicketCtx, TicketHooks, InTransactionSubscriber } from './command-core.ts';
export { TICKET_EVENTS_CHANNEL } from './command-core.ts';
export { createTicket, type CreateTicketInput } from './create-ticket.ts';
export { updateTicket, type UpdateTicketInput } from './update-ticket.ts';
export { addMessage, type AddMessageInput } from './add-message.ts';
export { mergeTicket, splitMessage, duplicateTicket } from './merge-split.ts';
export { voidTicket, restoreTicket, deleteTicket } from './void-delete.ts';
export { bulkUpdate } from './bulk-update.ts';
export { getTicket, listTickets, countTickets, timeline, history, ticketRegistry } from './ticket-queries.ts';
export { toTicketDto, type TicketDto, type TicketRow } from './ticket-record.ts';
export { ensureDefaultPicklists, loadPicklists } from './picklists.ts';
export { ticketRoutes } from './routes.ts';
export { ticketAdminRoutes } from './routes-admin.ts';
export { ticketStreamRoutes } from './ticket-stream.ts';
export { TicketSchema } from './api-schemas.ts';
export { tickets, ticketEvents, ticketMessages, attachments } from './schema.ts';
