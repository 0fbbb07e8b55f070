// An agent's own sign-in sessions: where they are signed in, and ending the ones they no longer want.
// Sessions are keyed by the sha256 of their cookie; the API names them by a hash of that key, so
// no value that could resolve a session ever leaves the server.
import Bowser from 'bowser';
import { and, desc, eq, gt, isNull, ne } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { sha256 } from './passwords.ts';
import { apiTokens, sessions } from './schema.ts';

export interface SessionDto {
  id: string;
  current: boolean;
  browser: string | null;
  os: string | null;
  /** desktop, mobile, tablet or tv, when the user agent says. */
  platform: string | null;
  userAgent: string | null;
  ip: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

/** The public name of a session (its key hashed again, shortened). */
export function sessionRef(sessionId: string): string {
  return sha256(`session-ref:${sessionId}`).slice(0, 32);
}

function describe(userAgent: string | null): Pick<SessionDto, 'browser' | 'os' | 'platform'> {
  if (!userAgent) return { browser: null, os: null, platform: null };
  const parsed = Bowser.parse(userAgent);
  const major = parsed.browser.version?.split('.')[0];
  const browser = parsed.browser.name ? [parsed.browser.name, major].filter(Boolean).join(' ') : null;
  const os = parsed.os.name ? [parsed.os.name, parsed.os.versionName].filter(Boolean).join(' ') : null;
  return { browser, os, platform: parsed.platform.type ?? null };
}

export async function listOwnSessions(
  db: Db,
  clock: Clock,
  agentId: string,
  currentSessionId: string | undefined,
): Promise<SessionDto[]> {
  const rows = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.agentId, agentId), gt(sessions.expiresAt, clock.now())))
    .orderBy(desc(sessions.lastSeenAt));
  return rows
    .map((row) => ({
      id: sessionRef(row.id),
      current: row.id === currentSessionId,
      ...describe(row.userAgent),
      userAgent: row.userAgent,
      ip: row.ip,
      createdAt: row.createdAt.toISOString(),
      lastSeenAt: row.lastSeenAt.toISOString(),
      expiresAt: row.expiresAt.toISOString(),
    }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

/** Ends one of the agent's sessions, named by its public reference; another agent's is not found. */
export async function endOwnSession(db: Db, agentId: string, ref: string): Promise<void> {
  const rows = await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.agentId, agentId));
  const hit = rows.find((row) => sessionRef(row.id) === ref);
  if (!hit) throw notFound('Session');
  await db.delete(sessions).where(and(eq(sessions.id, hit.id), eq(sessions.agentId, agentId)));
}

/** Ends every session of the agent but `keepSessionId` (all of them when it is undefined). */
export async function endOtherSessions(
  db: Db,
  agentId: string,
  keepSessionId: string | undefined,
): Promise<number> {
  const rows = await db
    .delete(sessions)
    .where(
      keepSessionId
        ? and(eq(sessions.agentId, agentId), ne(sessions.id, keepSessionId))
        : eq(sessions.agentId, agentId),
    )
    .returning({ id: sessions.id });
  return rows.length;
}

/**
 * Ends what a password change must end, in the caller's transaction: every session of the agent
 * but `keepSessionId`, and every API token of theirs (revoked).
 */
export async function endCredentialsAfterPasswordChange(
  db: Db,
  now: Date,
  agentId: string,
  keepSessionId: string | undefined,
): Promise<void> {
  await endOtherSessions(db, agentId, keepSessionId);
  await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.agentId, agentId), isNull(apiTokens.revokedAt)));
}
