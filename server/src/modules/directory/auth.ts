// Sign-in: password sessions (cookie + CSRF token), personal API tokens, invitations, lockout.
import { and, desc, eq, gt, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.ts';
import { addMs } from '../../platform/clock.ts';
import type { Actor } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import type { AgentRow } from './agents.ts';
import type { CredentialCache } from './credential-cache.ts';
import { actorOf, loadOrg } from './org-load.ts';
import { endCredentialsAfterPasswordChange } from './own-sessions.ts';
import { assertAcceptablePassword, hashPassword, newSecret, sha256, verifyPassword } from './passwords.ts';
import { agents, apiTokens, sessions } from './schema.ts';

export const SESSION_COOKIE = 'caseway_session';
export const CSRF_HEADER = 'x-caseway-csrf';
const SESSION_TTL_MS = 12 * 3600_000;
const REMEMBER_TTL_MS = 30 * 24 * 3600_000;
export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MS = 15 * 60_000;

const INVALID_CREDENTIALS = () => new AppError('unauthorized', 'The email or password is not correct');

/**
 * Failed attempts for addresses with no account are counted in memory, so an unknown address
 * locks exactly like a known one and the answers reveal nothing.
 */
const unknownFailures = new Map<string, { count: number; until: number }>();

function lockedAnswer(untilMs: number, nowMs: number): AppError {
  const minutes = Math.max(1, Math.ceil((untilMs - nowMs) / 60_000));
  return new AppError('rate_limited', `Too many failed sign-ins; try again in ${minutes} minute(s)`, [], {
    retryAfterSeconds: Math.ceil((untilMs - nowMs) / 1000),
  });
}

/**
 * Counts one failed sign-in in a single statement, so failures sent at once are all counted and
 * the lock starts exactly at the threshold. A lock that has run out starts the count again.
 */
async function countFailedSignIn(db: Db, agentId: string, now: Date): Promise<void> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const expired = sql`(${agents.lockedUntil} IS NOT NULL AND ${agents.lockedUntil} <= ${at})`;
  const next = sql`(CASE WHEN ${expired} THEN 1 ELSE ${agents.failedSignIns} + 1 END)`;
  await db
    .update(agents)
    .set({
      failedSignIns: next,
      lockedUntil: sql`CASE WHEN ${next} >= ${MAX_FAILED_SIGN_INS} THEN ${addMs(now, LOCKOUT_MS).toISOString()}::timestamptz
        WHEN ${expired} THEN NULL ELSE ${agents.lockedUntil} END`,
    })
    .where(eq(agents.id, agentId));
}

export interface SignInResult {
  agent: AgentRow;
  sessionToken: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function signIn(
  db: Db,
  clock: Clock,
  input: { email: string; password: string; remember?: boolean | undefined; ip?: string; userAgent?: string },
): Promise<SignInResult> {
  const now = clock.now();
  const email = input.email.trim().toLowerCase();
  const [row] = await db.select().from(agents).where(sql`lower(${agents.email}) = ${email}`);
  if (!row?.active) {
    const entry = unknownFailures.get(email);
    if (entry && entry.count >= MAX_FAILED_SIGN_INS && entry.until > now.getTime())
      throw lockedAnswer(entry.until, now.getTime());
    // Counted before the slow hash, so attempts arriving together are all counted.
    const count = (entry && entry.until > now.getTime() ? entry.count : 0) + 1;
    unknownFailures.set(email, { count, until: now.getTime() + LOCKOUT_MS });
    if (unknownFailures.size > 10_000) unknownFailures.delete(unknownFailures.keys().next().value!);
    await verifyPassword(null, input.password);
    throw INVALID_CREDENTIALS();
  }
  if (row.lockedUntil && row.lockedUntil > now) throw lockedAnswer(row.lockedUntil.getTime(), now.getTime());
  if (!(await verifyPassword(row.passwordHash, input.password))) {
    await countFailedSignIn(db, row.id, now);
    throw INVALID_CREDENTIALS();
  }
  // Clears the count only if no lock started meanwhile (wrong passwords sent alongside this one).
  const [cleared] = await db
    .update(agents)
    .set({ failedSignIns: 0, lockedUntil: null })
    .where(and(eq(agents.id, row.id), or(isNull(agents.lockedUntil), lte(agents.lockedUntil, now))))
    .returning({ id: agents.id });
  if (!cleared) {
    const [locked] = await db.select({ until: agents.lockedUntil }).from(agents).where(eq(agents.id, row.id));
    throw lockedAnswer(locked?.until?.getTime() ?? now.getTime() + LOCKOUT_MS, now.getTime());
  }
  const sessionToken = newSecret();
  const csrfToken = newSecret(18);
  const expiresAt = addMs(now, input.remember ? REMEMBER_TTL_MS : SESSION_TTL_MS);
  await db.insert(sessions).values({
    id: sha256(sessionToken),
    agentId: row.id,
    csrfToken,
    createdAt: now,
    expiresAt,
    lastSeenAt: now,
    ip: input.ip ?? null,
    userAgent: input.userAgent?.slice(0, 500) ?? null,
  });
  return { agent: row, sessionToken, csrfToken, expiresAt };
}

export async function signOut(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export interface ResolvedSession {
  actor: Extract<Actor, { type: 'agent' }>;
  sessionId: string;
  csrfToken: string;
}

export async function resolveSession(
  db: Db,
  clock: Clock,
  sessionToken: string,
  cache?: CredentialCache,
): Promise<ResolvedSession | null> {
  const id = sha256(sessionToken);
  const now = clock.now();
  const cached = cache?.get<ResolvedSession & { expiresAt: number }>(`session:${id}`, now.getTime());
  if (cached) return cached.expiresAt > now.getTime() ? cached : null;
  const [hit] = await db
    .select({ session: sessions, agent: agents })
    .from(sessions)
    .innerJoin(agents, eq(agents.id, sessions.agentId))
    .where(eq(sessions.id, id));
  if (!hit || hit.session.expiresAt <= now || !hit.agent.active) return null;
  // Touch at most once a minute to keep reads cheap.
  if (now.getTime() - hit.session.lastSeenAt.getTime() > 60_000) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
  }
  const org = await loadOrg(db, { cache, nowMs: now.getTime() });
  const resolved = { actor: actorOf(hit.agent, org), sessionId: id, csrfToken: hit.session.csrfToken };
  cache?.set(`session:${id}`, { ...resolved, expiresAt: hit.session.expiresAt.getTime() }, now.getTime());
  return resolved;
}

export async function resolveApiToken(
  db: Db,
  clock: Clock,
  token: string,
  cache?: CredentialCache,
): Promise<Extract<Actor, { type: 'agent' }> | null> {
  const now = clock.now();
  const hash = sha256(token);
  const cached = cache?.get<{ actor: Extract<Actor, { type: 'agent' }>; expiresAt: number | null }>(
    `token:${hash}`,
    now.getTime(),
  );
  if (cached) return cached.expiresAt === null || cached.expiresAt > now.getTime() ? cached.actor : null;
  const [hit] = await db
    .select({ token: apiTokens, agent: agents })
    .from(apiTokens)
    .innerJoin(agents, eq(agents.id, apiTokens.agentId))
    .where(eq(apiTokens.tokenHash, hash));
  if (!hit || hit.token.revokedAt || !hit.agent.active) return null;
  if (hit.token.expiresAt && hit.token.expiresAt <= now) return null;
  if (!hit.token.lastUsedAt || now.getTime() - hit.token.lastUsedAt.getTime() > 60_000) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, hit.token.id));
  }
  const actor = actorOf(hit.agent, await loadOrg(db, { cache, nowMs: now.getTime() }));
  cache?.set(`token:${hash}`, { actor, expiresAt: hit.token.expiresAt?.getTime() ?? null }, now.getTime());
  return actor;
}

/** The key an API token is stored under (its sha256). */
export const apiTokenHash = (token: string): string => sha256(token);

/**
 * Which of these credentials still work right now, each with its agent as they are now: read
 * from the database, never the cache (a live stream asks after a sign-out, revoke or change).
 */
export async function liveCredentials(
  db: Db,
  clock: Clock,
  wanted: { sessionIds: string[]; tokenHashes: string[] },
): Promise<Map<string, Extract<Actor, { type: 'agent' }>>> {
  const now = clock.now();
  const live = new Map<string, Extract<Actor, { type: 'agent' }>>();
  const org = await loadOrg(db);
  if (wanted.sessionIds.length) {
    const rows = await db
      .select({ id: sessions.id, agent: agents })
      .from(sessions)
      .innerJoin(agents, eq(agents.id, sessions.agentId))
      .where(
        and(inArray(sessions.id, wanted.sessionIds), gt(sessions.expiresAt, now), eq(agents.active, true)),
      );
    for (const row of rows) live.set(`session:${row.id}`, actorOf(row.agent, org));
  }
  if (wanted.tokenHashes.length) {
    const rows = await db
      .select({ hash: apiTokens.tokenHash, agent: agents })
      .from(apiTokens)
      .innerJoin(agents, eq(agents.id, apiTokens.agentId))
      .where(
        and(
          inArray(apiTokens.tokenHash, wanted.tokenHashes),
          isNull(apiTokens.revokedAt),
          or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
          eq(agents.active, true),
        ),
      );
    for (const row of rows) live.set(`token:${row.hash}`, actorOf(row.agent, org));
  }
  return live;
}

export interface ApiTokenDto {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  status: 'active' | 'expired' | 'revoked';
}

function toTokenDto(row: typeof apiTokens.$inferSelect, now: Date): ApiTokenDto {
  const status = row.revokedAt ? 'revoked' : row.expiresAt && row.expiresAt <= now ? 'expired' : 'active';
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    status,
  };
}

export async function createApiToken(
  db: Db,
  clock: Clock,
  agentId: string,
  input: { name: string; expiresAt?: Date | undefined },
): Promise<{ token: ApiTokenDto; secret: string }> {
  if (input.name.trim() === '') throw invalid('name', 'must not be empty');
  const now = clock.now();
  if (input.expiresAt && input.expiresAt <= now) throw invalid('expiresAt', 'must be in the future');
  const secret = `cw_${newSecret(30)}`;
  const [row] = await db
    .insert(apiTokens)
    .values({
      agentId,
      name: input.name.trim(),
      tokenHash: sha256(secret),
      prefix: secret.slice(0, 10),
      createdAt: now,
      expiresAt: input.expiresAt ?? null,
    })
    .returning();
  return { token: toTokenDto(row!, now), secret };
}

export async function listApiTokens(db: Db, clock: Clock, agentId: string): Promise<ApiTokenDto[]> {
  const now = clock.now();
  const rows = await db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.agentId, agentId))
    .orderBy(desc(apiTokens.createdAt));
  return rows.map((row) => toTokenDto(row, now));
}

export async function revokeApiToken(db: Db, clock: Clock, agentId: string, tokenId: string): Promise<void> {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: clock.now() })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.agentId, agentId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  if (!row) throw notFound('API token');
}

/**
 * Sets the invited agent's password. An invitation works once and for `ttlHours` after the agent
 * was invited; its hash stays after use so a second use can be told apart from a wrong link.
 */
export async function acceptInvitation(
  db: Db,
  clock: Clock,
  input: { token: string; password: string },
  ttlHours: number,
): Promise<AgentRow> {
  const [row] = await db
    .select()
    .from(agents)
    .where(eq(agents.invitationTokenHash, sha256(input.token)));
  if (!row?.active)
    throw new AppError('not_found', 'This invitation link is not valid', [
      { field: 'token', message: 'is not a valid invitation' },
    ]);
  const usedAnswer = () =>
    new AppError('conflict', 'This invitation link was already used; sign in with your password', [
      { field: 'token', message: 'was already used' },
    ]);
  if (row.passwordHash !== null) throw usedAnswer();
  const now = clock.now();
  if (addMs(row.createdAt, ttlHours * 3600_000) <= now)
    throw new AppError('validation', 'This invitation link has expired; ask an administrator for access', [
      { field: 'token', message: 'has expired' },
    ]);
  assertAcceptablePassword('password', input.password, row);
  // The password-is-null guard makes the link single-use even when two requests race.
  const [updated] = await db
    .update(agents)
    .set({ passwordHash: await hashPassword(input.password), updatedAt: now })
    .where(and(eq(agents.id, row.id), isNull(agents.passwordHash)))
    .returning();
  if (!updated) throw usedAnswer();
  return updated;
}

export async function changeOwnPassword(
  db: Db,
  clock: Clock,
  agentId: string,
  input: { currentPassword: string; newPassword: string },
  keepSessionId: string | undefined,
): Promise<void> {
  const [row] = await db.select().from(agents).where(eq(agents.id, agentId));
  if (!row || !(await verifyPassword(row.passwordHash, input.currentPassword))) {
    throw invalid('currentPassword', 'is not correct');
  }
  assertAcceptablePassword('newPassword', input.newPassword, row);
  const passwordHash = await hashPassword(input.newPassword);
  const now = clock.now();
  // Other sessions and every API token end when the password changes; the session that changed
  // it stays signed in. One transaction: no half-changed credentials.
  await db.transaction(async (tx) => {
    await tx.update(agents).set({ passwordHash, updatedAt: now }).where(eq(agents.id, agentId));
    await endCredentialsAfterPasswordChange(tx, now, agentId, keepSessionId);
  });
}

/** Removes sessions past their expiry (a daily maintenance job). */
export async function pruneExpiredSessions(db: Db, now: Date): Promise<number> {
  const rows = await db.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ id: sessions.id });
  return rows.length;
}
