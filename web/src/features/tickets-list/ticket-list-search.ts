// The list page's URL search parameters: the view, a sort chosen by clicking a header, and the
// quick filters layered on the view.
export interface QuickFilters {
  priority?: string[];
  channel?: string[];
  product?: string[];
  group?: string[];
  tags?: string[];
}

export interface TicketListSearch extends QuickFilters {
  view?: string;
  sort?: string;
}

export const QUICK_FILTER_KEYS = ['priority', 'channel', 'product', 'group', 'tags'] as const;

function stringList(value: unknown): string[] | undefined {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  const clean = list.filter((v): v is string => typeof v === 'string' && v.length > 0 && v.length <= 100);
  return clean.length ? clean.slice(0, 50) : undefined;
}

export function validateTicketListSearch(search: Record<string, unknown>): TicketListSearch {
  const out: TicketListSearch = {};
  if (typeof search.view === 'string') out.view = search.view;
  if (typeof search.sort === 'string' && /^[-+]?[\w.]+(,[-+]?[\w.]+){0,3}$/.test(search.sort))
    out.sort = search.sort;
  for (const key of QUICK_FILTER_KEYS) {
    const list = stringList(search[key]);
    if (list) out[key] = list;
  }
  return out;
}
