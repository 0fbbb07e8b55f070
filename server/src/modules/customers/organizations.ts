// Organizations: customer companies with a tier, an account manager and the email domains whose
// mail belongs to them. A domain belongs to one organization at most.
import { and, arrayContains, arrayOverlaps, eq, getTableColumns, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { type Db, isForeignKeyViolation, isUniqueViolation } from '../../platform/db.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { assertAdmin } from '../access/index.ts';
import { agents } from '../directory/index.ts';
import { afterNameCursor, byName, containsPattern, pageOf, sortKeyOf } from './name-cursor.ts';
import { contacts, type ORGANIZATION_TIERS, organizations } from './schema.ts';
import { searchVectorOf } from './search-vector.ts';

export type OrganizationTier = (typeof ORGANIZATION_TIERS)[number];
export type OrganizationRow = typeof organizations.$inferSelect;

export interface OrganizationDto {
  id: string;
  name: string;
  tier: OrganizationTier;
  emailDomains: string[];
  accountManagerId: string | null;
  phone: string | null;
  website: string | null;
  notes: string;
  custom: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export interface OrganizationInput {
  name?: string | undefined;
  tier?: OrganizationTier | undefined;
  emailDomains?: string[] | undefined;
  accountManagerId?: string | null | undefined;
  phone?: string | null | undefined;
  website?: string | null | undefined;
  notes?: string | undefined;
  custom?: Record<string, unknown> | undefined;
}

export function toOrganizationDto(row: OrganizationRow): OrganizationDto {
  return {
    id: row.id,
    name: row.name,
    tier: row.tier,
    emailDomains: row.emailDomains,
    accountManagerId: row.accountManagerId,
    phone: row.phone,
    website: row.website,
    notes: row.notes,
    custom: row.custom,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

// Labels of letters, digits and inner hyphens (internationalized names allowed), at least two labels.
const DOMAIN =
  /^(?=.{1,253}$)(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;

/** Lower-cased, de-duplicated domains; `@acme.com` and `acme.com.` are read as `acme.com`. */
export function normalizeDomains(domains: readonly string[]): string[] {
  const out: string[] = [];
  domains.forEach((raw, index) => {
    const domain = raw.trim().toLowerCase().replace(/^@/, '').replace(/\.$/, '');
    if (!DOMAIN.test(domain)) throw invalid(`emailDomains/${index}`, 'is not a domain name');
    if (!out.includes(domain)) out.push(domain);
  });
  return out;
}

/** The domain of an email address, lower-cased; undefined when it has none. */
export function domainOfEmail(email: string): string | undefined {
  const at = email.lastIndexOf('@');
  if (at < 0) return undefined;
  const domain = email
    .slice(at + 1)
    .trim()
    .toLowerCase();
  return domain || undefined;
}

function cleanName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw invalid('name', 'must not be empty');
  return trimmed;
}

const optionalText = (value: string | null | undefined): string | null | undefined =>
  value === undefined || value === null ? value : value.trim() || null;

/** A website is an http(s) URL only: a `javascript:` or `data:` one would run when clicked. */
function cleanWebsite(value: string | null | undefined): string | null | undefined {
  const text = optionalText(value);
  if (text === undefined || text === null) return text;
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname)
    throw invalid('website', 'must be an http:// or https:// address');
  return text;
}

async function assertAgent(db: Db, id: string): Promise<void> {
  const [found] = await db.select({ id: agents.id }).from(agents).where(eq(agents.id, id));
  if (!found) throw invalid('accountManagerId', 'is not an agent');
}

// Serializes changes to domains: no unique index can hold "one organization per array element".
const DOMAIN_LOCK = sql`SELECT pg_advisory_xact_lock(hashtext('caseway.organizations.email_domains'))`;

async function assertDomainsFree(
  tx: Db,
  given: readonly string[],
  domains: string[],
  exceptId?: string,
): Promise<void> {
  if (!domains.length) return;
  await tx.execute(DOMAIN_LOCK);
  const taken = await tx
    .select({ id: organizations.id, name: organizations.name, emailDomains: organizations.emailDomains })
    .from(organizations)
    .where(
      and(
        arrayOverlaps(organizations.emailDomains, domains),
        exceptId ? ne(organizations.id, exceptId) : undefined,
      ),
    );
  for (const domain of domains) {
    const owner = taken.find((o) => o.emailDomains.includes(domain));
    if (!owner) continue;
    const index = given.findIndex((raw) => normalizeDomains([raw])[0] === domain);
    throw new AppError(
      'duplicate',
      `${domain} already belongs to the organization ${owner.name}`,
      [{ field: `emailDomains/${index}`, message: `already belongs to the organization ${owner.name}` }],
      { organizationId: owner.id },
    );
  }
}

function duplicateName(err: unknown): unknown {
  if (isUniqueViolation(err)) {
    return new AppError('duplicate', 'An organization with this name exists', [
      { field: 'name', message: 'is already used' },
    ]);
  }
  return err;
}

export async function createOrganization(
  ctx: Ctx,
  input: OrganizationInput & { name: string },
): Promise<OrganizationDto> {
  const name = cleanName(input.name);
  const emailDomains = normalizeDomains(input.emailDomains ?? []);
  const website = cleanWebsite(input.website);
  if (input.accountManagerId) await assertAgent(ctx.db, input.accountManagerId);
  const notes = input.notes ?? '';
  try {
    const row = await ctx.db.transaction(async (tx) => {
      await assertDomainsFree(tx, input.emailDomains ?? [], emailDomains);
      const now = ctx.clock.now();
      const [inserted] = await tx
        .insert(organizations)
        .values({
          name,
          tier: input.tier ?? 'standard',
          emailDomains,
          accountManagerId: input.accountManagerId ?? null,
          phone: optionalText(input.phone) ?? null,
          website: website ?? null,
          notes,
          custom: input.custom ?? {},
          searchVector: searchVectorOf(name, ...emailDomains, notes),
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      return inserted!;
    });
    return toOrganizationDto(row);
  } catch (err) {
    throw duplicateName(err);
  }
}

export async function updateOrganization(
  ctx: Ctx,
  id: string,
  input: OrganizationInput,
): Promise<OrganizationDto> {
  const name = input.name === undefined ? undefined : cleanName(input.name);
  const emailDomains = input.emailDomains === undefined ? undefined : normalizeDomains(input.emailDomains);
  const website = cleanWebsite(input.website);
  if (input.accountManagerId) await assertAgent(ctx.db, input.accountManagerId);
  try {
    const row = await ctx.db.transaction(async (tx) => {
      const [current] = await tx.select().from(organizations).where(eq(organizations.id, id)).for('update');
      if (!current) throw notFound('Organization');
      if (emailDomains) await assertDomainsFree(tx, input.emailDomains ?? [], emailDomains, id);
      const next = {
        name: name ?? current.name,
        emailDomains: emailDomains ?? current.emailDomains,
        notes: input.notes ?? current.notes,
      };
      const [updated] = await tx
        .update(organizations)
        .set({
          ...next,
          ...(input.tier !== undefined ? { tier: input.tier } : {}),
          ...(input.accountManagerId !== undefined ? { accountManagerId: input.accountManagerId } : {}),
          ...(input.phone !== undefined ? { phone: optionalText(input.phone) } : {}),
          ...(website !== undefined ? { website } : {}),
          ...(input.custom !== undefined ? { custom: input.custom } : {}),
          searchVector: searchVectorOf(next.name, ...next.emailDomains, next.notes),
          updatedAt: ctx.clock.now(),
        })
        .where(eq(organizations.id, id))
        .returning();
      return updated!;
    });
    return toOrganizationDto(row);
  } catch (err) {
    throw duplicateName(err);
  }
}

/** Administrators only; refused while contacts or tickets still belong to the organization. */
export async function deleteOrganization(ctx: Ctx, id: string): Promise<void> {
  assertAdmin(ctx.actor, 'customers');
  try {
    await ctx.db.transaction(async (tx) => {
      const [current] = await tx
        .select({ id: organizations.id })
        .from(organizations)
        .where(eq(organizations.id, id))
        .for('update');
      if (!current) throw notFound('Organization');
      const [members] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(contacts)
        .where(eq(contacts.organizationId, id));
      if (members && members.n > 0) {
        throw new AppError(
          'conflict',
          `The organization still has ${members.n} contact(s); move or delete them first`,
          [],
          {
            contactCount: members.n,
          },
        );
      }
      await tx.delete(organizations).where(eq(organizations.id, id));
    });
  } catch (err) {
    if (isForeignKeyViolation(err)) {
      throw new AppError('conflict', 'The organization still has tickets; it cannot be deleted');
    }
    throw err;
  }
}

export async function findOrganization(db: Db, id: string): Promise<OrganizationDto | null> {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, id));
  return row ? toOrganizationDto(row) : null;
}

export async function getOrganization(db: Db, id: string): Promise<OrganizationDto> {
  const found = await findOrganization(db, id);
  if (!found) throw notFound('Organization');
  return found;
}

/** The organization whose email domains include the domain of this address, if any. */
export async function organizationForEmailDomain(db: Db, email: string): Promise<OrganizationDto | null> {
  const domain = domainOfEmail(email);
  if (!domain) return null;
  const [row] = await db
    .select()
    .from(organizations)
    .where(arrayContains(organizations.emailDomains, [domain]));
  return row ? toOrganizationDto(row) : null;
}

export interface OrganizationListOptions {
  q?: string | undefined;
  tier?: OrganizationTier | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** Sorted by name; `q` matches part of the name or of an email domain (or an address's domain). */
export async function listOrganizations(
  db: Db,
  opts: OrganizationListOptions,
): Promise<{ items: OrganizationDto[]; nextCursor: string | null }> {
  const conditions: Array<SQL | undefined> = [];
  const q = opts.q?.trim().toLowerCase();
  if (q) {
    const like = containsPattern(q);
    const domain = q.includes('@') ? domainOfEmail(q) : undefined;
    conditions.push(
      or(
        sql`lower(${organizations.name}) LIKE ${like}`,
        sql`array_to_string(${organizations.emailDomains}, ' ') LIKE ${like}`,
        domain ? arrayContains(organizations.emailDomains, [domain]) : undefined,
      ),
    );
  }
  if (opts.tier) conditions.push(eq(organizations.tier, opts.tier));
  if (opts.cursor) conditions.push(afterNameCursor(organizations.name, organizations.id, opts.cursor));
  const rows = await db
    .select({ ...getTableColumns(organizations), sortKey: sortKeyOf(organizations.name) })
    .from(organizations)
    .where(and(...conditions))
    .orderBy(...byName(organizations.name, organizations.id))
    .limit(opts.limit + 1);
  return pageOf(rows, opts.limit, toOrganizationDto);
}
