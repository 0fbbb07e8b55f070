// Saved views, the active view (built-in or saved) with quick filters layered on, and the
// live-refreshing counts of many views in one request.
import { useThrottledValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { api, unwrap } from '../../app/api-client.ts';
import type { paths } from '../../app/api-types.ts';
import { BUILT_IN_VIEWS, type Condition, findView } from './built-in-views.ts';
import type { QuickFilters } from './ticket-list-search.ts';

export type SavedView = paths['/api/v1/views/{id}']['get']['responses']['200']['content']['application/json'];
export type CustomFieldDef =
  paths['/api/v1/custom-fields']['get']['responses']['200']['content']['application/json']['items'][number];

export function useSavedViews() {
  return useQuery({
    queryKey: ['views'],
    queryFn: async () => unwrap(await api.GET('/api/v1/views')).items,
    staleTime: 60_000,
  });
}

export function useCustomFieldDefs() {
  return useQuery({
    queryKey: ['custom-fields'],
    queryFn: async () => unwrap(await api.GET('/api/v1/custom-fields')).items,
    staleTime: 5 * 60_000,
  });
}

export function useProducts(enabled = true) {
  return useQuery({
    queryKey: ['products', 'all-active'],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/products', { params: { query: { limit: 200 } } })).items,
    staleTime: 5 * 60_000,
    enabled,
  });
}

export interface ActiveView {
  /** The built-in view's id, or the saved view's uuid. */
  id: string;
  /** Translated name for built-in views, the saved name otherwise. */
  labelKey?: string;
  name?: string;
  condition: Condition;
  sort: string;
  /** Columns the view defines (saved views); null means the default set. */
  columns: string[] | null;
  saved?: SavedView;
}

/** The view the URL names: a saved view by id, a built-in by key, else "All open". */
export function resolveView(id: string | undefined, me: string, saved: SavedView[] | undefined): ActiveView {
  const found = id ? saved?.find((v) => v.id === id) : undefined;
  if (found) {
    return {
      id: found.id,
      name: found.name,
      condition: found.condition as Condition,
      sort: found.sort,
      columns: found.columns.length ? found.columns : null,
      saved: found,
    };
  }
  const builtIn = findView(id);
  return {
    id: builtIn.id,
    labelKey: builtIn.labelKey,
    condition: builtIn.filter(me),
    sort: builtIn.sort,
    columns: null,
  };
}

/** The quick filters as one condition, or null when none is set. */
export function quickCondition(q: QuickFilters): Condition | null {
  const parts: Condition[] = [];
  if (q.priority?.length) parts.push({ field: 'priority', op: 'in', value: q.priority });
  if (q.channel?.length) parts.push({ field: 'channel', op: 'in', value: q.channel });
  if (q.product?.length) parts.push({ field: 'productId', op: 'in', value: q.product });
  if (q.group?.length) parts.push({ field: 'ownerGroupId', op: 'in', value: q.group });
  if (q.tags?.length) parts.push({ field: 'tags', op: 'has_any', value: q.tags });
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0]! : { all: parts };
}

/** A view's condition with the quick filters on top: `{ all: [view, quick] }`. */
export function layered(view: Condition, quick: Condition | null): Condition {
  return quick ? { all: [view, quick] } : view;
}

/**
 * A value that changes when live events arrive, at most every `ms`: the event stream invalidates
 * every ['tickets', …] query, which refetches this one (no network), whose time is then throttled.
 * Counts scan many rows, so they follow this slower beat rather than every event.
 */
export function useLiveBeat(ms: number): number {
  const sentinel = useQuery({
    queryKey: ['tickets', 'live-beat'],
    queryFn: () => Date.now(),
    staleTime: Number.POSITIVE_INFINITY,
  });
  return useThrottledValue(sentinel.dataUpdatedAt, ms);
}

export interface ViewCount {
  n: number;
  /** The server stopped counting at `n` (10,000): there are more. */
  more: boolean;
}

/** One key's count from a counts answer. */
export function countOf(
  data: { counts: Record<string, number>; capped: string[] } | undefined,
  key: string,
): ViewCount | undefined {
  const n = data?.counts[key];
  return n === undefined ? undefined : { n, more: data!.capped.includes(key) };
}

/** "1,234", or "10,000+" when the server stopped counting. */
export function formatCount(format: { number(n: number): string }, count: ViewCount): string {
  return count.more ? `${format.number(count.n)}+` : format.number(count.n);
}

/** What one counts request asks for: conditions by key, and server presets counted under their ids. */
export interface CountsRequest {
  filters: Record<string, Condition>;
  presets?: string[];
}

/**
 * Counts of many conditions in one request, refreshed live (throttled). Big views are counted
 * up to 10,000 (see `capped`), so the side bar costs the same on a million tickets.
 */
export function useTicketCounts(request: CountsRequest, enabled = true) {
  const beat = useLiveBeat(2000);
  const presets = request.presets ?? [];
  const body = JSON.stringify({ filters: request.filters, presets });
  const active = enabled && Object.keys(request.filters).length + presets.length > 0;
  const query = useQuery({
    queryKey: ['view-counts', body],
    queryFn: async () =>
      unwrap(
        await api.POST('/api/v1/tickets/counts', {
          body: {
            filters: request.filters as Record<string, Record<string, unknown>>,
            ...(presets.length ? { presets: presets as PresetId[] } : {}),
          },
        }),
      ),
    enabled: active,
    placeholderData: keepPreviousData,
    staleTime: 1000,
  });
  // Every component showing these counts asks on each beat; the cache sends one request.
  const { refetch } = query;
  const lastBeat = useRef(beat);
  useEffect(() => {
    if (lastBeat.current === beat) return;
    lastBeat.current = beat;
    if (active) void refetch({ cancelRefetch: false });
  }, [beat, active, refetch]);
  return query;
}

type PresetId = NonNullable<
  NonNullable<
    paths['/api/v1/tickets/counts']['post']['requestBody']
  >['content']['application/json']['presets']
>[number];

/**
 * The counts of the side bar: the presets by id (the server defines them for the agent), the
 * other built-in views and the saved ones (up to the server's 50) by condition.
 */
export function sideBarCounts(me: string, saved: SavedView[] | undefined): CountsRequest {
  const filters: Record<string, Condition> = {};
  const presets: string[] = [];
  for (const v of BUILT_IN_VIEWS) {
    if (v.preset) presets.push(v.id);
    else filters[v.id] = v.filter(me);
  }
  for (const v of (saved ?? []).slice(0, 50 - BUILT_IN_VIEWS.length))
    filters[`view:${v.id}`] = v.condition as Condition;
  return { filters, presets };
}
