// Full-text search over contacts and organizations for the global search box (words by prefix,
// Chinese by bigrams; see platform/text-search.ts).
import { asc, desc, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { searchQuery } from '../../platform/text-search.ts';
import { type ContactDto, contactDtos } from './contacts.ts';
import { type OrganizationDto, toOrganizationDto } from './organizations.ts';
import { contacts, organizations } from './schema.ts';

function tsQuery(q: string): SQL | null {
  const query = searchQuery(q);
  return query === null ? null : sql`to_tsquery('simple', ${query})`;
}

/** Contacts whose name, emails, phones or notes contain every word of `q`, best first. */
export async function searchContacts(db: Db, q: string, limit: number): Promise<ContactDto[]> {
  const query = tsQuery(q);
  if (!query) return [];
  const rows = await db
    .select()
    .from(contacts)
    .where(sql`${contacts.searchVector} @@ ${query}`)
    .orderBy(desc(sql`ts_rank(${contacts.searchVector}, ${query})`), asc(contacts.name), asc(contacts.id))
    .limit(limit);
  return contactDtos(db, rows);
}

/** Organizations whose name, email domains or notes contain every word of `q`, best first. */
export async function searchOrganizations(db: Db, q: string, limit: number): Promise<OrganizationDto[]> {
  const query = tsQuery(q);
  if (!query) return [];
  const rows = await db
    .select()
    .from(organizations)
    .where(sql`${organizations.searchVector} @@ ${query}`)
    .orderBy(
      desc(sql`ts_rank(${organizations.searchVector}, ${query})`),
      asc(organizations.name),
      asc(organizations.id),
    )
    .limit(limit);
  return rows.map(toOrganizationDto);
}
