// The full-text vector kept on contacts and organizations for the global search (see
// platform/text-search.ts): recomputed from the whole record on every create and update.
import { type SQL, sql } from 'drizzle-orm';
import { searchDocument } from '../../platform/text-search.ts';

export function searchVectorOf(...texts: Array<string | null | undefined>): SQL {
  return sql`to_tsvector('simple', ${searchDocument(...texts)})`;
}
