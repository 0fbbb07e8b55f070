// The rows of a list: keyset pages loaded as the agent scrolls, kept current by a small "what
// changed since this list was loaded" query that the live event stream refreshes (N4). Loaded rows
// are patched in place and never reordered; new tickets wait until revealed, so nothing jumps
// under the agent's cursor.
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { api, type Ticket, unwrap } from '../../app/api-client.ts';
import type { Condition } from './built-in-views.ts';

const FIRST_PAGE = 100;
const NEXT_PAGES = 200;
/** How far before the first page's time the change query looks, for commits racing the load. */
const MARGIN_MS = 5_000;

interface ListPage {
  items: Ticket[];
  nextCursor: string | null;
  /** The server's time of the answer (Date header): changes after it are what the list may lack. */
  fetchedAt: string;
}

export interface ListRow {
  ticket: Ticket;
  /** The ticket changed and no longer matches the view (kept until it is safe to drop it). */
  left: boolean;
}

async function fetchPage(filter: string, sort: string, cursor: string | undefined, limit: number) {
  const result = await api.GET('/api/v1/tickets', {
    params: { query: { filter, sort, limit, ...(cursor ? { cursor } : {}) } },
  });
  const data = unwrap(result);
  const date = result.response.headers.get('date');
  const fetchedAt = new Date(date ? Date.parse(date) : Date.now()).toISOString();
  return { items: data.items, nextCursor: data.nextCursor, fetchedAt } satisfies ListPage;
}

export function useTicketList(condition: Condition, sort: string, enabled: boolean) {
  const queryClient = useQueryClient();
  const filter = JSON.stringify(condition);
  // Not under ['tickets']: the live stream must not refetch thousands of loaded rows.
  const queryKey = useMemo(() => ['ticket-list', filter, sort] as const, [filter, sort]);
  const list = useInfiniteQuery({
    queryKey,
    enabled,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => fetchPage(filter, sort, pageParam, pageParam ? NEXT_PAGES : FIRST_PAGE),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 5 * 60_000,
  });

  const loadedAt = list.data?.pages[0]?.fetchedAt;
  const since = loadedAt ? new Date(Date.parse(loadedAt) - MARGIN_MS).toISOString() : undefined;
  const changes = useQuery({
    queryKey: ['tickets', 'list-changes', filter, sort, since],
    enabled: enabled && since !== undefined,
    staleTime: 0,
    queryFn: async () => {
      const changed: Condition = { field: 'updatedAt', op: 'gt', value: since };
      const get = async (c: Condition) =>
        unwrap(
          await api.GET('/api/v1/tickets', {
            params: { query: { filter: JSON.stringify(c), sort: '-updatedAt', limit: 200 } },
          }),
        );
      const [inView, outside] = await Promise.all([
        get({ all: [condition, changed] }),
        get({ all: [{ not: condition }, changed] }),
      ]);
      return {
        inView: inView.items,
        left: outside.items.map((x) => x.id),
        overflow: inView.nextCursor !== null || outside.nextCursor !== null,
      };
    },
  });

  const sortsByRecentChange = sort.startsWith('-updatedAt');
  const { rows, pending } = useMemo(() => {
    const fresh = new Map((changes.data?.inView ?? []).map((x) => [x.id, x]));
    const left = new Set(changes.data?.left ?? []);
    const seen = new Set<string>();
    const out: ListRow[] = [];
    for (const page of list.data?.pages ?? []) {
      for (const ticket of page.items) {
        if (seen.has(ticket.id)) continue;
        seen.add(ticket.id);
        const newer = fresh.get(ticket.id);
        out.push({
          ticket: newer && newer.version >= ticket.version ? newer : ticket,
          left: left.has(ticket.id),
        });
      }
    }
    // New tickets, and (when the list is newest-changed first) changed ones not loaded yet.
    const waiting = (changes.data?.inView ?? []).filter(
      (x) => !seen.has(x.id) && (sortsByRecentChange || (loadedAt !== undefined && x.createdAt > loadedAt)),
    );
    return { rows: out, pending: waiting.length + (changes.data?.overflow ? 1 : 0) };
  }, [list.data, changes.data, sortsByRecentChange, loadedAt]);

  /** Loads the list again from the top, without blanking it while the first page loads. */
  const reveal = useCallback(async () => {
    const first = await fetchPage(filter, sort, undefined, FIRST_PAGE);
    queryClient.setQueryData(queryKey, { pages: [first], pageParams: [undefined] });
  }, [filter, sort, queryClient, queryKey]);

  return {
    rows,
    /** Tickets that belong in the list but are not shown yet. */
    pending,
    leftCount: rows.filter((r) => r.left).length,
    reveal,
    isLoading: list.isLoading,
    isError: list.isError,
    error: list.error,
    hasNextPage: list.hasNextPage,
    isFetchingNextPage: list.isFetchingNextPage,
    fetchNextPage: list.fetchNextPage,
  };
}
