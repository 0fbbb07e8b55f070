// What the ticket page reads from the server. Everything about one ticket lives under
// ['ticket', id, …] so the live event stream refreshes it all with one invalidation.
import {
  infiniteQueryOptions,
  type QueryClient,
  queryOptions,
  useInfiniteQuery,
  useQuery,
} from '@tanstack/react-query';
import { api, type CustomField, type Ticket, type TimelineItem, unwrap } from '../../app/api-client.ts';
import type { paths } from '../../app/api-types.ts';

export type HistoryEvent =
  paths['/api/v1/tickets/{id}/history']['get']['responses']['200']['content']['application/json']['items'][number];
export type TicketMessage = Extract<TimelineItem, { type: 'message' }>['message'];
export type TicketEvent = Extract<TimelineItem, { type: 'event' }>['event'];
export type Attachment = TicketMessage['attachments'][number];
export type Department =
  paths['/api/v1/departments']['get']['responses']['200']['content']['application/json']['items'][number];
export type TimelineOrder = 'asc' | 'desc';

/** The fields a PATCH accepts (everything but the version). */
export type TicketPatch = Omit<
  NonNullable<paths['/api/v1/tickets/{id}']['patch']['requestBody']>['content']['application/json'],
  'version'
>;

export const ticketKey = (id: string) => ['ticket', id] as const;

const ticketQuery = (id: string) =>
  queryOptions({
    queryKey: ticketKey(id),
    queryFn: async () => unwrap(await api.GET('/api/v1/tickets/{id}', { params: { path: { id } } })),
    // A refetch that started before one of our own saves must not bring back an older version.
    structuralSharing: (old: unknown, next: unknown) =>
      old && next && (old as Ticket).version > (next as Ticket).version ? old : next,
  });

export function useTicket(id: string) {
  return useQuery(ticketQuery(id));
}

/** Another ticket, only to show its number (merged into, split from). */
export function useOtherTicket(id: string | null | undefined) {
  return useQuery({
    queryKey: ['ticket', id ?? '', 'summary'],
    enabled: Boolean(id),
    queryFn: async (): Promise<Ticket | null> => {
      const res = await api.GET('/api/v1/tickets/{id}', { params: { path: { id: id ?? '' } } });
      return res.response.status === 404 ? null : unwrap(res);
    },
    staleTime: 5 * 60_000,
  });
}

const TIMELINE_ORDER_KEY = 'caseway.ticket.timelineOrder';
export const TIMELINE_ORDERS: readonly TimelineOrder[] = ['desc', 'asc'];

/** The agent's timeline order (remembered in this browser): newest first unless chosen otherwise. */
export function storedTimelineOrder(): TimelineOrder {
  const stored = localStorage.getItem(TIMELINE_ORDER_KEY);
  return stored === 'asc' ? 'asc' : 'desc';
}
export { TIMELINE_ORDER_KEY };

const timelineQuery = (id: string, order: TimelineOrder) =>
  infiniteQueryOptions({
    queryKey: ['ticket', id, 'timeline', order],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/tickets/{id}/timeline', {
          params: { path: { id }, query: { order, limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export function useTimeline(id: string, order: TimelineOrder) {
  return useInfiniteQuery(timelineQuery(id, order));
}

/**
 * Starts loading a ticket and its first timeline page side by side, as soon as the page is
 * chosen (the router's loader), before the page's code has even rendered.
 */
export function prefetchTicketPage(client: QueryClient, id: string): void {
  void client.prefetchQuery(ticketQuery(id));
  void client.prefetchInfiniteQuery(timelineQuery(id, storedTimelineOrder()));
}

export function useHistory(id: string) {
  return useInfiniteQuery({
    queryKey: ['ticket', id, 'history'],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/tickets/{id}/history', {
          params: { path: { id }, query: { limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useCustomFields() {
  return useQuery({
    queryKey: ['custom-fields'],
    queryFn: async (): Promise<CustomField[]> => unwrap(await api.GET('/api/v1/custom-fields')).items,
    staleTime: 5 * 60_000,
  });
}

export function useDepartments() {
  return useQuery({
    queryKey: ['departments'],
    queryFn: async (): Promise<Department[]> => unwrap(await api.GET('/api/v1/departments')).items,
    staleTime: 5 * 60_000,
  });
}

export function useContact(id: string | null | undefined) {
  return useQuery({
    queryKey: ['contact', id ?? ''],
    enabled: Boolean(id),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/contacts/{id}', { params: { path: { id: id ?? '' } } })),
    staleTime: 60_000,
  });
}

export function useOrganization(id: string | null | undefined) {
  return useQuery({
    queryKey: ['organization', id ?? ''],
    enabled: Boolean(id),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/organizations/{id}', { params: { path: { id: id ?? '' } } })),
    staleTime: 60_000,
  });
}

export function useProduct(id: string | null | undefined) {
  return useQuery({
    queryKey: ['product', id ?? ''],
    enabled: Boolean(id),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/products/{id}', { params: { path: { id: id ?? '' } } })),
    staleTime: 5 * 60_000,
  });
}

/** A customer's tickets, newest first; under ['tickets', …] so the live stream keeps it fresh. */
export function useCustomerTickets(kind: 'contacts' | 'organizations', id: string | null | undefined) {
  return useQuery({
    queryKey: ['tickets', kind, id ?? ''],
    enabled: Boolean(id),
    queryFn: async () => {
      const path =
        kind === 'contacts' ? '/api/v1/contacts/{id}/tickets' : '/api/v1/organizations/{id}/tickets';
      return unwrap(
        await api.GET(path, { params: { path: { id: id ?? '' }, query: { limit: 11, sort: '-createdAt' } } }),
      );
    },
  });
}

/** The download (and preview) address of an attachment. */
export const attachmentUrl = (ticketId: string, attachmentId: string): string =>
  `/api/v1/tickets/${encodeURIComponent(ticketId)}/attachments/${encodeURIComponent(attachmentId)}`;

export const PREVIEWABLE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
