// SLA: business-hours calendars, the policies that pick a ticket's targets, and the pure clock that
// turns targets into due times (business time, holidays, pauses). Ticket-side SLA state subscribes
// to ticket events and reads policies through loadPolicies / choosePolicy / targetFor.

export {
  type CalendarDto,
  type CalendarInput,
  createCalendar,
  deleteCalendar,
  getCalendar,
  type HolidayImport,
  importHolidays,
  listCalendars,
  updateCalendar,
} from './calendars.ts';
export * from './clock/index.ts';
export { type ElapsedInput, type PreviewInput, previewDueAt, previewElapsed } from './clock-preview.ts';
export { type HolidayList, parseHolidayText } from './holiday-import.ts';
export {
  createPolicy,
  deletePolicy,
  getPolicy,
  listPolicies,
  type PolicyDto,
  type PolicyInput,
  reorderPolicies,
  updatePolicy,
} from './policies.ts';
export {
  choosePolicy,
  compiledCalendarOf,
  createSlaConfigCache,
  loadPolicies,
  type SlaConfigCache,
  type SlaPolicy,
  type SlaTargetClock,
  targetFor,
} from './policy-matching.ts';
export {
  type EscalationAction,
  type EscalationLevel,
  type NotifyRecipient,
  type PolicyTargets,
  type PriorityTargets,
  SLA_METRICS,
  type SlaMetric,
  type SlaTarget,
  type SlaWarning,
} from './policy-shapes.ts';
export { slaRoutes } from './routes.ts';
export {
  ALWAYS_OPEN_CALENDAR_ID,
  DEFAULT_POLICY_ID,
  slaCalendars,
  slaPolicies,
  ticketSla,
} from './schema.ts';
export {
  announceSlaConfigChange,
  SLA_CONFIG_CHANNEL,
  type SlaAdminCtx,
  type SlaConfigChange,
  type SlaConfigInvalidator,
} from './sla-config-change.ts';
export { SLA_TICKET_FIELDS } from './sla-fields.ts';
export { factsFromHistory, type SlaHistoryItem, stepFacts } from './sla-history.ts';
export { loadSlaHistory } from './sla-history-load.ts';
export { rebuildTicketSlas } from './sla-rebuild.ts';
export {
  queueRecompute,
  type RecomputeProgress,
  recomputeBatch,
  recomputeHandler,
  recomputeProgress,
  SLA_RECOMPUTE_TOPIC,
} from './sla-recompute.ts';
export { SLA_SCAN_EVERY_MS, SLA_SCAN_TOPIC, scanSlaTimers } from './sla-timers.ts';
export { slaPartOf, slaSubscriber, type TicketSlaRow } from './ticket-sla.ts';
export { type TicketSlaDto, ticketSlaOf, ticketSlas } from './ticket-sla-read.ts';
export { TicketSlaSchema, ticketSlaRoutes } from './ticket-sla-routes.ts';
