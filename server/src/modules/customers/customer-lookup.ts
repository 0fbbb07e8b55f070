// Customer lookup for the new-ticket form (T10). The administrator chooses the mode: "exact" finds
// a customer only by a full email address, a full phone number or the exact name, so nobody can
// list customers by guessing letters; "fuzzy" also matches parts and misspellings, ranked.
import { arrayContains, desc, eq, getTableColumns, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { appSettings } from '../../platform/schema.ts';
import { assertAdmin } from '../access/index.ts';
import {
  type ContactDto,
  contactDtos,
  hasEmail,
  hasEmailLike,
  hasPhoneDigitsLike,
  looksLikePhone,
  phoneDigits,
} from './contacts.ts';
import { containsPattern, prefixPattern } from './name-cursor.ts';
import {
  domainOfEmail,
  normalizeDomains,
  type OrganizationDto,
  type OrganizationTier,
  toOrganizationDto,
} from './organizations.ts';
import { contacts, organizations } from './schema.ts';

export const LOOKUP_MODES = ['exact', 'fuzzy'] as const;
export type LookupMode = (typeof LOOKUP_MODES)[number];

const MODE_KEY = 'customer_lookup_mode';
/** A phone number is looked up exactly only when it is this long, so a few digits find nothing. */
const MIN_EXACT_PHONE_DIGITS = 5;
const MIN_FUZZY_PHONE_DIGITS = 3;

export async function getLookupMode(db: Db): Promise<LookupMode> {
  const [row] = await db.select().from(appSettings).where(eq(appSettings.key, MODE_KEY));
  return row?.value === 'exact' ? 'exact' : 'fuzzy';
}

/** Administrators only. */
export async function setLookupMode(ctx: Ctx, mode: LookupMode): Promise<LookupMode> {
  assertAdmin(ctx.actor, 'settings');
  await ctx.db
    .insert(appSettings)
    .values({ key: MODE_KEY, value: mode })
    .onConflictDoUpdate({ target: appSettings.key, set: { value: mode } });
  return mode;
}

export interface OrganizationSummary {
  id: string;
  name: string;
  tier: OrganizationTier;
}

export interface LookupContact extends ContactDto {
  organization: OrganizationSummary | null;
}

export interface CustomerLookup {
  mode: LookupMode;
  contacts: LookupContact[];
  organizations: OrganizationDto[];
}

interface Matchers {
  contacts: { where: SQL | undefined; rank: SQL };
  organizations: { where: SQL | undefined; rank: SQL };
}

function asDomain(text: string): string | undefined {
  const domain = text.includes('@') ? domainOfEmail(text) : text;
  if (!domain) return undefined;
  try {
    return normalizeDomains([domain])[0];
  } catch {
    return undefined;
  }
}

function exactMatchers(lq: string): Matchers {
  const digits = looksLikePhone(lq) ? phoneDigits(lq) : '';
  const phone = digits.length >= MIN_EXACT_PHONE_DIGITS ? digits : undefined;
  const domain = asDomain(lq);
  return {
    contacts: {
      where: or(
        sql`lower(${contacts.name}) = ${lq}`,
        lq.includes('@') ? hasEmail(lq) : undefined,
        phone ? hasPhoneDigitsLike(phone) : undefined,
      ),
      rank: sql`1`,
    },
    organizations: {
      where: or(
        sql`lower(${organizations.name}) = ${lq}`,
        domain ? arrayContains(organizations.emailDomains, [domain]) : undefined,
        phone
          ? sql`regexp_replace(coalesce(${organizations.phone}, ''), '[^0-9]', '', 'g') = ${phone}`
          : undefined,
      ),
      rank: sql`1`,
    },
  };
}

function fuzzyMatchers(lq: string): Matchers {
  const like = containsPattern(lq);
  const prefix = prefixPattern(lq);
  const digits = looksLikePhone(lq) ? phoneDigits(lq) : '';
  const phoneLike = digits.length >= MIN_FUZZY_PHONE_DIGITS ? containsPattern(digits) : undefined;
  const domain = lq.includes('@') ? asDomain(lq) : undefined;
  // Exact and prefix matches first, then substring, then trigram similarity (misspellings).
  const nameRank = (name: SQL) => sql`greatest(
    CASE WHEN ${name} = ${lq} THEN 1 WHEN ${name} LIKE ${prefix} THEN 0.9 WHEN ${name} LIKE ${like} THEN 0.7 ELSE 0 END,
    similarity(${name}, ${lq}),
    word_similarity(${lq}, ${name}) * 0.8)`;
  const nameMatches = (name: SQL) =>
    or(sql`${name} LIKE ${like}`, sql`${name} % ${lq}`, sql`${lq} <% ${name}`);
  const contactName = sql`lower(${contacts.name})`;
  const orgName = sql`lower(${organizations.name})`;
  const orgDomains = sql`array_to_string(${organizations.emailDomains}, ' ')`;
  return {
    contacts: {
      where: or(
        nameMatches(contactName),
        hasEmailLike(prefix),
        phoneLike ? hasPhoneDigitsLike(phoneLike) : undefined,
      ),
      rank: sql`greatest(
        ${nameRank(contactName)},
        CASE WHEN ${hasEmail(lq)} THEN 1 WHEN ${hasEmailLike(prefix)} THEN 0.85 ELSE 0 END,
        ${phoneLike ? sql`CASE WHEN ${hasPhoneDigitsLike(phoneLike)} THEN 0.8 ELSE 0 END` : sql`0`})`,
    },
    organizations: {
      where: or(
        nameMatches(orgName),
        sql`${orgDomains} LIKE ${like}`,
        domain ? arrayContains(organizations.emailDomains, [domain]) : undefined,
      ),
      rank: sql`greatest(
        ${nameRank(orgName)},
        ${domain ? sql`CASE WHEN ${arrayContains(organizations.emailDomains, [domain])} THEN 0.95 ELSE 0 END` : sql`0`},
        CASE WHEN ${orgDomains} LIKE ${like} THEN 0.6 ELSE 0 END)`,
    },
  };
}

/** Contacts (with their organization's name and tier) and organizations matching `q`, best first. */
export async function lookupCustomers(
  db: Db,
  q: string,
  opts: { limit: number; mode?: LookupMode | undefined },
): Promise<CustomerLookup> {
  const mode = opts.mode ?? (await getLookupMode(db));
  const lq = q.trim().toLowerCase();
  if (!lq) return { mode, contacts: [], organizations: [] };
  const match = mode === 'exact' ? exactMatchers(lq) : fuzzyMatchers(lq);
  const [contactRows, organizationRows] = await Promise.all([
    db
      .select({ ...getTableColumns(contacts), rank: sql<number>`${match.contacts.rank}` })
      .from(contacts)
      .where(match.contacts.where)
      .orderBy(desc(sql`${match.contacts.rank}`), sql`lower(${contacts.name})`, contacts.id)
      .limit(opts.limit),
    db
      .select()
      .from(organizations)
      .where(match.organizations.where)
      .orderBy(desc(sql`${match.organizations.rank}`), sql`lower(${organizations.name})`, organizations.id)
      .limit(opts.limit),
  ]);
  const orgIds = [
    ...new Set(contactRows.map((c) => c.organizationId).filter((id): id is string => id !== null)),
  ];
  const orgs = orgIds.length
    ? await db
        .select({ id: organizations.id, name: organizations.name, tier: organizations.tier })
        .from(organizations)
        .where(inArray(organizations.id, orgIds))
    : [];
  const found = await contactDtos(db, contactRows);
  return {
    mode,
    contacts: found.map((c) => ({ ...c, organization: orgs.find((o) => o.id === c.organizationId) ?? null })),
    organizations: organizationRows.map(toOrganizationDto),
  };
}
