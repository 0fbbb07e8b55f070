// Search: the global search box (tickets, contacts, organizations). Reads through the tickets and
// customers modules; owns no tables (the search vectors belong to the records' modules).

export { searchRoutes } from './routes.ts';
export { type SearchResult, search } from './search.ts';
