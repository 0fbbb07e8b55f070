// The search API as the header box and the results page use it.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../app/api-client.ts';
import type { paths } from '../../app/api-types.ts';

export type SearchResult = paths['/api/v1/search']['get']['responses']['200']['content']['application/json'];

export function useSearchResults(query: string, limit: number, enabled = true) {
  return useQuery({
    queryKey: ['search', query, limit],
    enabled: enabled && query.length > 0,
    queryFn: async () => unwrap(await api.GET('/api/v1/search', { params: { query: { q: query, limit } } })),
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

/** The typed words, to highlight in what was found. */
export const wordsOf = (q: string): string[] =>
  q
    .split(/[\s,;]+/u)
    .map((w) => w.trim())
    .filter((w) => w.length > 0);
