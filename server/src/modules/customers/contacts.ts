// Contacts: the customer people who raise tickets. Each email address belongs to one contact at
// most (a row in contact_emails); a contact may belong to an organization.
import { and, asc, eq, getTableColumns, inArray, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { type Db, isForeignKeyViolation, isUniqueViolation } from '../../platform/db.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { isLanguage, type Language } from '../../platform/i18n.ts';
import { assertAdmin } from '../access/index.ts';
import { afterNameCursor, byName, containsPattern, pageOf, sortKeyOf } from './name-cursor.ts';
import { organizationForEmailDomain } from './organizations.ts';
import { contactEmails, contacts, organizations } from './schema.ts';
import { searchVectorOf } from './search-vector.ts';

export type ContactRow = typeof contacts.$inferSelect;

export interface ContactDto {
  id: string;
  name: string;
  /** Lower-cased; the first is the primary address. */
  emails: string[];
  phones: string[];
  organizationId: string | null;
  language: Language;
  vip: boolean;
  notes: string;
  custom: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export interface ContactInput {
  name?: string | undefined;
  emails?: string[] | undefined;
  phones?: string[] | undefined;
  /** On create, omitted means "link the organization of an email's domain, if any"; null means none. */
  organizationId?: string | null | undefined;
  language?: string | undefined;
  vip?: boolean | undefined;
  notes?: string | undefined;
  custom?: Record<string, unknown> | undefined;
}

export function toContactDto(row: ContactRow, emails: string[]): ContactDto {
  return {
    id: row.id,
    name: row.name,
    emails,
    phones: row.phones,
    organizationId: row.organizationId,
    language: isLanguage(row.language) ? row.language : 'en',
    vip: row.vip,
    notes: row.notes,
    custom: row.custom,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Digits with the usual separators, an optional leading + and an optional extension.
const PHONE = /^\+?[0-9 ()./-]+(?:\s*(?:x|ext\.?|#)\s*[0-9]{1,10})?$/i;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** True when the (normalized) text is an email address contacts accept. */
export function isEmailAddress(email: string): boolean {
  return email.length <= 320 && EMAIL.test(email);
}

/** Lower-cased, de-duplicated addresses (the first occurrence keeps its place). */
export function normalizeEmails(emails: readonly string[]): string[] {
  const out: string[] = [];
  emails.forEach((raw, index) => {
    const email = normalizeEmail(raw);
    if (!isEmailAddress(email)) throw invalid(`emails/${index}`, 'is not an email address');
    if (!out.includes(email)) out.push(email);
  });
  return out;
}

export function normalizePhones(phones: readonly string[]): string[] {
  const out: string[] = [];
  phones.forEach((raw, index) => {
    const phone = raw.trim().replace(/\s+/g, ' ');
    if (!PHONE.test(phone) || phoneDigits(phone).length < 3)
      throw invalid(`phones/${index}`, 'is not a phone number');
    if (!out.includes(phone)) out.push(phone);
  });
  return out;
}

/** True when the text is written like a phone number (digits, separators, an extension). */
export function looksLikePhone(text: string): boolean {
  return PHONE.test(text.trim());
}

/** The digits of a phone number, which is how numbers are compared. */
export function phoneDigits(phone: string): string {
  return phone.replace(/\D/g, '');
}

function cleanName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw invalid('name', 'must not be empty');
  return trimmed;
}

function checkLanguage(language: string | undefined): Language | undefined {
  if (language === undefined) return undefined;
  if (!isLanguage(language)) throw invalid('language', 'must be one of en, zh-CN, zh-TW, ru, fr');
  return language;
}

async function assertOrganization(db: Db, id: string): Promise<void> {
  const [found] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.id, id));
  if (!found) throw invalid('organizationId', 'is not an organization');
}

/** Names the first given address another contact already has (409). */
async function assertEmailsFree(
  db: Db,
  given: readonly string[],
  emails: string[],
  exceptId?: string,
): Promise<void> {
  if (!emails.length) return;
  const taken = await db
    .select({ contactId: contactEmails.contactId, email: contactEmails.email })
    .from(contactEmails)
    .where(
      and(inArray(contactEmails.email, emails), exceptId ? ne(contactEmails.contactId, exceptId) : undefined),
    );
  for (const email of emails) {
    const owner = taken.find((t) => t.email === email);
    if (!owner) continue;
    const index = given.findIndex((raw) => normalizeEmail(raw) === email);
    throw new AppError(
      'duplicate',
      `${email} already belongs to another contact`,
      [{ field: `emails/${index}`, message: 'already belongs to another contact' }],
      { contactId: owner.contactId },
    );
  }
}

export async function emailsOf(db: Db, contactIds: string[]): Promise<Map<string, string[]>> {
  const byContact = new Map<string, string[]>(contactIds.map((id) => [id, []]));
  if (!contactIds.length) return byContact;
  const rows = await db
    .select()
    .from(contactEmails)
    .where(inArray(contactEmails.contactId, contactIds))
    .orderBy(asc(contactEmails.contactId), asc(contactEmails.position));
  for (const row of rows) byContact.get(row.contactId)?.push(row.email);
  return byContact;
}

/** Contact rows as DTOs, their emails read in one query. */
export async function contactDtos(db: Db, rows: ContactRow[]): Promise<ContactDto[]> {
  const emails = await emailsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => toContactDto(row, emails.get(row.id) ?? []));
}

/** A unique violation that slipped past the check (two requests at once) is still named. */
async function explainEmailConflict(
  db: Db,
  err: unknown,
  given: readonly string[],
  emails: string[],
  exceptId?: string,
): Promise<unknown> {
  if (!isUniqueViolation(err)) return err;
  await assertEmailsFree(db, given, emails, exceptId);
  return new AppError('duplicate', 'An email address already belongs to another contact', [
    { field: 'emails', message: 'already used' },
  ]);
}

/** Any agent (or the system, e.g. for inbound mail); the contact and its emails are written together. */
export async function createContact(ctx: Ctx, input: ContactInput & { name: string }): Promise<ContactDto> {
  const name = cleanName(input.name);
  const given = input.emails ?? [];
  const emails = normalizeEmails(given);
  const phones = normalizePhones(input.phones ?? []);
  const language = checkLanguage(input.language) ?? 'en';
  let organizationId = input.organizationId ?? null;
  if (organizationId) await assertOrganization(ctx.db, organizationId);
  if (input.organizationId === undefined) {
    for (const email of emails) {
      const org = await organizationForEmailDomain(ctx.db, email);
      if (org) {
        organizationId = org.id;
        break;
      }
    }
  }
  const notes = input.notes ?? '';
  try {
    return await ctx.db.transaction(async (tx) => {
      await assertEmailsFree(tx, given, emails);
      const now = ctx.clock.now();
      const [row] = await tx
        .insert(contacts)
        .values({
          name,
          phones,
          organizationId,
          language,
          vip: input.vip ?? false,
          notes,
          custom: input.custom ?? {},
          searchVector: searchVectorOf(name, ...emails, ...phones, notes),
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      const contact = row!;
      if (emails.length) {
        await tx
          .insert(contactEmails)
          .values(emails.map((email, position) => ({ contactId: contact.id, email, position })));
      }
      return toContactDto(contact, emails);
    });
  } catch (err) {
    throw await explainEmailConflict(ctx.db, err, given, emails);
  }
}

/** Any agent. Given emails or phones replace the current ones. */
export async function updateContact(ctx: Ctx, id: string, input: ContactInput): Promise<ContactDto> {
  const name = input.name === undefined ? undefined : cleanName(input.name);
  const given = input.emails;
  const emails = given === undefined ? undefined : normalizeEmails(given);
  const phones = input.phones === undefined ? undefined : normalizePhones(input.phones);
  const language = checkLanguage(input.language);
  if (input.organizationId) await assertOrganization(ctx.db, input.organizationId);
  try {
    return await ctx.db.transaction(async (tx) => {
      const [current] = await tx.select().from(contacts).where(eq(contacts.id, id)).for('update');
      if (!current) throw notFound('Contact');
      if (emails) await assertEmailsFree(tx, given ?? [], emails, id);
      const nextEmails = emails ?? (await emailsOf(tx, [id])).get(id) ?? [];
      const next = {
        name: name ?? current.name,
        phones: phones ?? current.phones,
        notes: input.notes ?? current.notes,
      };
      const [row] = await tx
        .update(contacts)
        .set({
          ...next,
          ...(input.organizationId !== undefined ? { organizationId: input.organizationId } : {}),
          ...(language !== undefined ? { language } : {}),
          ...(input.vip !== undefined ? { vip: input.vip } : {}),
          ...(input.custom !== undefined ? { custom: input.custom } : {}),
          searchVector: searchVectorOf(next.name, ...nextEmails, ...next.phones, next.notes),
          updatedAt: ctx.clock.now(),
        })
        .where(eq(contacts.id, id))
        .returning();
      if (emails) {
        await tx.delete(contactEmails).where(eq(contactEmails.contactId, id));
        if (emails.length) {
          await tx
            .insert(contactEmails)
            .values(emails.map((email, position) => ({ contactId: id, email, position })));
        }
      }
      return toContactDto(row!, nextEmails);
    });
  } catch (err) {
    throw await explainEmailConflict(ctx.db, err, given ?? [], emails ?? [], id);
  }
}

/** Administrators only; refused while tickets or messages refer to the contact. */
export async function deleteContact(ctx: Ctx, id: string): Promise<void> {
  assertAdmin(ctx.actor, 'customers');
  try {
    const [deleted] = await ctx.db.delete(contacts).where(eq(contacts.id, id)).returning({ id: contacts.id });
    if (!deleted) throw notFound('Contact');
  } catch (err) {
    if (isForeignKeyViolation(err))
      throw new AppError('conflict', 'The contact has tickets; it cannot be deleted');
    throw err;
  }
}

export async function findContact(db: Db, id: string): Promise<ContactDto | null> {
  const [row] = await db.select().from(contacts).where(eq(contacts.id, id));
  return row ? toContactDto(row, (await emailsOf(db, [id])).get(id) ?? []) : null;
}

export async function getContact(db: Db, id: string): Promise<ContactDto> {
  const found = await findContact(db, id);
  if (!found) throw notFound('Contact');
  return found;
}

/** The contact that has this address (compared lower-cased), if any. */
export async function findContactByEmail(db: Db, email: string): Promise<ContactDto | null> {
  const [link] = await db
    .select({ contactId: contactEmails.contactId })
    .from(contactEmails)
    .where(eq(contactEmails.email, normalizeEmail(email)));
  return link ? findContact(db, link.contactId) : null;
}

export interface ContactListOptions {
  q?: string | undefined;
  organizationId?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** SQL: the contact has this (lower-cased) email address. */
export function hasEmail(email: string): SQL {
  return sql`EXISTS (SELECT 1 FROM ${contactEmails} WHERE ${contactEmails.contactId} = ${contacts.id} AND ${contactEmails.email} = ${email})`;
}

/** SQL: the contact has an email address matching a LIKE pattern. */
export function hasEmailLike(pattern: string): SQL {
  return sql`EXISTS (SELECT 1 FROM ${contactEmails} WHERE ${contactEmails.contactId} = ${contacts.id} AND ${contactEmails.email} LIKE ${pattern})`;
}

/** SQL: one of the contact's phone numbers has these digits (LIKE pattern on digits only). */
export function hasPhoneDigitsLike(pattern: string): SQL {
  return sql`EXISTS (SELECT 1 FROM unnest(${contacts.phones}) AS p(phone) WHERE regexp_replace(p.phone, '[^0-9]', '', 'g') LIKE ${pattern})`;
}

/** Sorted by name; `q` matches part of the name, of an email address or of a phone number. */
export async function listContacts(
  db: Db,
  opts: ContactListOptions,
): Promise<{ items: ContactDto[]; nextCursor: string | null }> {
  const conditions: Array<SQL | undefined> = [];
  const q = opts.q?.trim().toLowerCase();
  if (q) {
    const like = containsPattern(q);
    const digits = phoneDigits(q);
    conditions.push(
      or(
        sql`lower(${contacts.name}) LIKE ${like}`,
        hasEmailLike(like),
        digits.length >= 3 && looksLikePhone(q) ? hasPhoneDigitsLike(containsPattern(digits)) : undefined,
      ),
    );
  }
  if (opts.organizationId) conditions.push(eq(contacts.organizationId, opts.organizationId));
  if (opts.cursor) conditions.push(afterNameCursor(contacts.name, contacts.id, opts.cursor));
  const rows = await db
    .select({ ...getTableColumns(contacts), sortKey: sortKeyOf(contacts.name) })
    .from(contacts)
    .where(and(...conditions))
    .orderBy(...byName(contacts.name, contacts.id))
    .limit(opts.limit + 1);
  const page = pageOf(rows, opts.limit, (row) => row);
  return { items: await contactDtos(db, page.items), nextCursor: page.nextCursor };
}
