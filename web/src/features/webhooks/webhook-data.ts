// The records of the Webhooks screens, typed from the API document, with their cache keys.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../app/api-client.ts';
import type { paths } from '../../app/api-types.ts';

export type Webhook =
  paths['/api/v1/webhooks/{id}']['get']['responses']['200']['content']['application/json'];
export type Delivery =
  paths['/api/v1/webhooks/{id}/test']['post']['responses']['200']['content']['application/json'];
export type WebhookEvent = NonNullable<
  paths['/api/v1/webhooks']['post']['requestBody']
>['content']['application/json']['events'][number];
export type DeliveryStatus = Delivery['status'];

/** Every event an administrator can subscribe to, in the order the form lists them. */
export const WEBHOOK_EVENTS: readonly WebhookEvent[] = [
  'ticket.created',
  'ticket.updated',
  'ticket.replied',
  'ticket.customer_replied',
  'ticket.note_added',
  'ticket.sla_warning',
  'ticket.sla_breached',
  'ticket.sla_escalated',
  'ticket.merged',
  'ticket.voided',
];

export const STATUS_COLORS: Record<DeliveryStatus, string> = {
  pending: 'yellow',
  succeeded: 'teal',
  failed: 'red',
};

export const webhookKeys = {
  all: ['webhooks'] as const,
  list: ['webhooks', 'list'] as const,
  one: (id: string) => ['webhooks', 'one', id] as const,
  deliveries: (id: string) => ['webhooks', 'deliveries', id] as const,
  settings: ['webhooks', 'settings'] as const,
};

export const useWebhooks = () =>
  useQuery({
    queryKey: webhookKeys.list,
    queryFn: async () => unwrap(await api.GET('/api/v1/webhooks')).items,
  });

export const useWebhook = (id: string) =>
  useQuery({
    queryKey: webhookKeys.one(id),
    queryFn: async () => unwrap(await api.GET('/api/v1/webhooks/{id}', { params: { path: { id } } })),
  });

export const useDeliveries = (id: string) =>
  useQuery({
    queryKey: webhookKeys.deliveries(id),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/webhooks/{id}/deliveries', { params: { path: { id }, query: { limit: 50 } } }),
      ),
    // Deliveries waiting for a retry change on their own.
    refetchInterval: (query) => (query.state.data?.items.some((d) => d.status === 'pending') ? 5_000 : false),
  });

export const useWebhookSettings = () =>
  useQuery({
    queryKey: webhookKeys.settings,
    queryFn: async () => unwrap(await api.GET('/api/v1/webhooks/settings')),
  });

/** After a change: every webhook screen refetches. */
export function useWebhookRefresh(): () => Promise<void> {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: webhookKeys.all });
}
