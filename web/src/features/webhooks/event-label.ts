// An event's name in the agent's language ("ticket.created" → "Ticket created"); unknown ones as sent.
import { useTranslation } from 'react-i18next';

export function useEventLabel(): (event: string) => string {
  const { t } = useTranslation('webhooks');
  return (event) => t(`events.${event}`, { defaultValue: event });
}
