// Tickets: the record, its conversation, history and attachments. A ticket changes only through
// the commands here, each writing events; other modules react to those events (subscribers).

export { type AddMessageInput, addMessage } from './add-message.ts';
export { afterCommitHandlers, announcesJobs } from './after-commit.ts';
export { TicketSchema } from './api-schemas.ts';
export { pruneUnsentImages, referencedBlobs } from './attachments.ts';
export { bulkUpdate } from './bulk-update.ts';
export type {
  AfterCommitSubscriber,
  AlongsideSubscriber,
  BeforeCreateSubscriber,
  CreateShaping,
  InTransactionSubscriber,
  PendingChange,
  TicketChange,
  TicketCtx,
  TicketHooks,
} from './command-core.ts';
export {
  appendEvents as appendTicketEvents,
  type NewEvent,
  recordTicketEvents,
  TICKET_EVENTS_CHANNEL,
  type TicketEventRow,
  type TicketWrite,
} from './command-core.ts';
export { conditionSnapshot, withRelated } from './condition-snapshot.ts';
export { type CreateTicketInput, createTicket } from './create-ticket.ts';
export { checkCustomValue, loadCustomFieldDefs } from './custom-fields.ts';
export { permissionFieldCatalog, ticketDtoFor } from './field-permissions.ts';
export { releaseGroupTickets } from './group-release.ts';
export { duplicateTicket, mergeTicket, splitMessage } from './merge-split.ts';
export { ensureDefaultPicklists, loadPicklists } from './picklists.ts';
export { REFERENCE_FIELDS, type ReadAhead, referencesAhead } from './references.ts';
export { ticketRoutes } from './routes.ts';
export { ticketAdminRoutes } from './routes-admin.ts';
export { ticketTeamRoutes } from './routes-team.ts';
export {
  attachments,
  type FieldChange,
  ticketEvents,
  ticketMessages,
  tickets,
  ticketTeam,
} from './schema.ts';
export { createTicketConfigCache, TICKET_CONFIG_CHANNEL, type TicketConfigCache } from './ticket-config.ts';
export { registerTicketFields } from './ticket-fields.ts';
export {
  countTickets,
  getTicket,
  history,
  listTickets,
  ticketRegistry,
  ticketSnapshots,
  timeline,
} from './ticket-queries.ts';
export { diffTickets, type TicketDto, type TicketRow } from './ticket-record.ts';
export { ticketStreamRoutes } from './ticket-stream.ts';
export { addTeamMember } from './ticket-team.ts';
export { applyUpdate, eventKindFor, type UpdateTicketInput, updateTicket } from './update-ticket.ts';
export { deleteTicket, restoreTicket, voidTicket } from './void-delete.ts';
