// The list page's URL search parameters.
export interface TicketListSearch {
  view?: string;
}

export function validateTicketListSearch(search: Record<string, unknown>): TicketListSearch {
  return typeof search.view === 'string' ? { view: search.view } : {};
}
