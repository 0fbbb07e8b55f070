// Notifications: what an agent should know about (SLA warnings and breaches, escalations, …),
// given by other modules in their transaction or after commit (ticketNoticeSubscriber, on the
// SLA's ticket events) and read by the agent (N1).

export {
  type NewNotification,
  NOTIFICATIONS_CHANNEL,
  type NotificationDto,
  notifyAgents,
} from './notifications.ts';
export { notificationRoutes } from './routes.ts';
export { notifications } from './schema.ts';
export { type Recipient, recipientsOf, ticketNoticeSubscriber } from './ticket-notices.ts';
