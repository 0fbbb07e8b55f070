// Agents: the support staff who sign in and work tickets.
import { and, asc, eq, gt, ilike, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { isLanguage } from '../../platform/i18n.ts';
import { sanitizeRichText } from '../../platform/rich-text.ts';
import { assertAdmin } from '../access/index.ts';
import { endCredentialsAfterPasswordChange } from './own-sessions.ts';
import { assertAcceptablePassword, hashPassword, newSecret, sha256 } from './passwords.ts';
import {
  agents,
  apiTokens,
  departmentMembers,
  departments,
  groupMembers,
  groups,
  roles,
  SHIPPED,
  sessions,
} from './schema.ts';

export type AgentRow = typeof agents.$inferSelect;

export interface AgentDto {
  id: string;
  name: string;
  email: string;
  language: string;
  timeZone: string;
  active: boolean;
  admin: boolean;
  invitationPending: boolean;
  /** Sanitized HTML put under the agent's public replies by the composer. */
  signature: string;
  roleId: string;
  groupIds: string[];
  departmentIds: string[];
  createdAt: string;
  updatedAt: string;
}

export interface AgentMemberships {
  groupIds: string[];
  departmentIds: string[];
}

/** The groups and departments each of these agents is a member of. */
export async function membershipsOf(db: Db, ids: string[]): Promise<Map<string, AgentMemberships>> {
  const out = new Map<string, AgentMemberships>(ids.map((id) => [id, { groupIds: [], departmentIds: [] }]));
  if (!ids.length) return out;
  const [g, d] = await Promise.all([
    db.select().from(groupMembers).where(inArray(groupMembers.agentId, ids)),
    db.select().from(departmentMembers).where(inArray(departmentMembers.agentId, ids)),
  ]);
  for (const m of g) out.get(m.agentId)?.groupIds.push(m.groupId);
  for (const m of d) out.get(m.agentId)?.departmentIds.push(m.departmentId);
  for (const v of out.values()) {
    v.groupIds.sort();
    v.departmentIds.sort();
  }
  return out;
}

/** The API form of agents, with their group and department memberships. */
export async function agentDtos(db: Db, rows: AgentRow[]): Promise<AgentDto[]> {
  const memberships = await membershipsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toAgentDto(r, memberships.get(r.id)));
}

export async function agentDto(db: Db, row: AgentRow): Promise<AgentDto> {
  return (await agentDtos(db, [row]))[0]!;
}

export function toAgentDto(
  row: AgentRow,
  memberships: AgentMemberships = { groupIds: [], departmentIds: [] },
): AgentDto {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    language: row.language,
    timeZone: row.timeZone,
    active: row.active,
    admin: row.admin,
    invitationPending: row.passwordHash === null,
    signature: row.signature,
    roleId: row.roleId,
    groupIds: memberships.groupIds,
    departmentIds: memberships.departmentIds,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function isTimeZone(zone: string): boolean {
  try {
    Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface AgentInput {
  name?: string | undefined;
  email?: string | undefined;
  language?: string | undefined;
  timeZone?: string | undefined;
  active?: boolean | undefined;
  admin?: boolean | undefined;
  password?: string | undefined;
  signature?: string | undefined;
  /** Without one, the shipped Agent role at the bottom of the tree. */
  roleId?: string | undefined;
  /** Replace the agent's group and department memberships. */
  groupIds?: string[] | undefined;
  departmentIds?: string[] | undefined;
}

/** Refuses unknown roles, groups and departments, naming the field. */
async function assertOrgReferences(db: Db, input: AgentInput): Promise<void> {
  if (input.roleId !== undefined) {
    const [r] = await db.select({ id: roles.id }).from(roles).where(eq(roles.id, input.roleId));
    if (!r) throw invalid('roleId', 'unknown role');
  }
  const check = async (
    field: string,
    table: typeof groups | typeof departments,
    ids: string[] | undefined,
  ) => {
    if (!ids?.length) return;
    const found = await db.select({ id: table.id }).from(table).where(inArray(table.id, ids));
    const missing = ids.find((id) => !found.some((f) => f.id === id));
    if (missing) throw invalid(field, `unknown ${field === 'groupIds' ? 'group' : 'department'} ${missing}`);
  };
  await check('groupIds', groups, input.groupIds);
  await check('departmentIds', departments, input.departmentIds);
}

/** Replaces the memberships the input names, in the caller's transaction. */
async function writeMemberships(db: Db, agentId: string, input: AgentInput): Promise<void> {
  if (input.groupIds) {
    await db.delete(groupMembers).where(eq(groupMembers.agentId, agentId));
    const ids = [...new Set(input.groupIds)];
    if (ids.length) await db.insert(groupMembers).values(ids.map((groupId) => ({ groupId, agentId })));
  }
  if (input.departmentIds) {
    await db.delete(departmentMembers).where(eq(departmentMembers.agentId, agentId));
    const ids = [...new Set(input.departmentIds)];
    if (ids.length)
      await db.insert(departmentMembers).values(ids.map((departmentId) => ({ departmentId, agentId })));
  }
}

function validateAgentInput(input: AgentInput): void {
  if (input.name !== undefined && input.name.trim() === '') throw invalid('name', 'must not be empty');
  if (input.email !== undefined && !EMAIL.test(input.email))
    throw invalid('email', 'is not an email address');
  if (input.language !== undefined && !isLanguage(input.language)) {
    throw invalid('language', 'must be one of en, zh-CN, zh-TW, ru, fr');
  }
  if (input.timeZone !== undefined && !isTimeZone(input.timeZone))
    throw invalid('timeZone', 'is not an IANA time zone');
}

async function assertEmailFree(db: Db, email: string, exceptId?: string): Promise<void> {
  const [existing] = await db
    .select({ id: agents.id })
    .from(agents)
    .where(sql`lower(${agents.email}) = lower(${email})`);
  if (existing && existing.id !== exceptId) {
    throw new AppError('duplicate', 'An agent with this email already exists', [
      { field: 'email', message: 'is already used' },
    ]);
  }
}

export interface CreatedAgent {
  agent: AgentDto;
  /** Set when no password was given: the secret the new agent uses once to choose a password. */
  invitationToken?: string;
  /** The console page that accepts it, relative to the public address. */
  invitationUrl?: string;
}

/** Creates an agent without permission checks (first administrator, demo data). */
export async function insertAgent(
  db: Db,
  now: Date,
  input: AgentInput & { name: string; email: string },
): Promise<CreatedAgent> {
  validateAgentInput(input);
  if (input.password !== undefined) assertAcceptablePassword('password', input.password, input);
  await assertEmailFree(db, input.email);
  await assertOrgReferences(db, input);
  const invitationToken = input.password ? undefined : newSecret();
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const row = await db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(agents)
      .values({
        name: input.name.trim(),
        email: input.email.trim(),
        language: input.language ?? 'en',
        timeZone: input.timeZone ?? 'UTC',
        active: input.active ?? true,
        admin: input.admin ?? false,
        roleId: input.roleId ?? SHIPPED.agentRole,
        passwordHash,
        invitationTokenHash: invitationToken ? sha256(invitationToken) : null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await writeMemberships(tx, inserted!.id, input);
    return inserted!;
  });
  return {
    agent: await agentDto(db, row),
    ...(invitationToken
      ? { invitationToken, invitationUrl: `/accept-invitation?token=${encodeURIComponent(invitationToken)}` }
      : {}),
  };
}

export async function createAgent(
  ctx: Ctx,
  input: AgentInput & { name: string; email: string },
): Promise<CreatedAgent> {
  assertAdmin(ctx.actor, 'agents');
  return insertAgent(ctx.db, ctx.clock.now(), input);
}

export async function getAgentRow(db: Db, id: string): Promise<AgentRow> {
  const [row] = await db.select().from(agents).where(eq(agents.id, id));
  if (!row) throw notFound('Agent');
  return row;
}

/** `keepSessionId`: the session making the change, kept when an agent sets their own password. */
export async function updateAgent(
  ctx: Ctx,
  id: string,
  input: AgentInput,
  keepSessionId?: string,
): Promise<AgentDto> {
  const self = ctx.actor.type === 'agent' && ctx.actor.id === id;
  const adminOnly =
    input.email !== undefined ||
    input.active !== undefined ||
    input.admin !== undefined ||
    input.roleId !== undefined ||
    input.groupIds !== undefined ||
    input.departmentIds !== undefined;
  if (!self || adminOnly) assertAdmin(ctx.actor, 'agents');
  if (input.password !== undefined && !(ctx.actor.type === 'agent' && ctx.actor.admin)) {
    throw new AppError('forbidden', 'Change your own password through /api/v1/me/password');
  }
  validateAgentInput(input);
  const current = await getAgentRow(ctx.db, id);
  if (input.password !== undefined)
    assertAcceptablePassword('password', input.password, {
      email: input.email ?? current.email,
      name: input.name ?? current.name,
    });
  if (input.email !== undefined) await assertEmailFree(ctx.db, input.email, id);
  await assertOrgReferences(ctx.db, input);
  if (self && (input.admin === false || input.active === false)) {
    throw invalid(
      input.admin === false ? 'admin' : 'active',
      'you cannot remove your own administrator access',
    );
  }
  const passwordHash = input.password !== undefined ? await hashPassword(input.password) : undefined;
  const now = ctx.clock.now();
  const row = await ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(agents)
      .set({
        ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        ...(input.email !== undefined ? { email: input.email.trim() } : {}),
        ...(input.language !== undefined ? { language: input.language } : {}),
        ...(input.timeZone !== undefined ? { timeZone: input.timeZone } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        ...(input.admin !== undefined ? { admin: input.admin } : {}),
        ...(input.roleId !== undefined ? { roleId: input.roleId } : {}),
        ...(input.signature !== undefined ? { signature: sanitizeRichText(input.signature) } : {}),
        ...(passwordHash !== undefined ? { passwordHash, invitationTokenHash: null } : {}),
        updatedAt: now,
      })
      .where(eq(agents.id, current.id))
      .returning();
    // A new password ends the agent's sessions (but the one making the change, when it is their
    // own) and revokes their API tokens.
    if (passwordHash !== undefined)
      await endCredentialsAfterPasswordChange(tx, now, current.id, self ? keepSessionId : undefined);
    // Deactivating ends every session and revokes every API token of the agent.
    if (input.active === false && current.active) {
      await tx.delete(sessions).where(eq(sessions.agentId, current.id));
      await tx
        .update(apiTokens)
        .set({ revokedAt: now })
        .where(and(eq(apiTokens.agentId, current.id), isNull(apiTokens.revokedAt)));
    }
    await writeMemberships(tx, current.id, input);
    return updated;
  });
  return agentDto(ctx.db, row!);
}

export async function listAgents(
  db: Db,
  opts: { q?: string | undefined; active?: boolean | undefined; limit: number; cursor?: string | undefined },
): Promise<{ items: AgentDto[]; nextCursor: string | null }> {
  const conditions = [];
  if (opts.q) {
    const like = `%${opts.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(agents.name, like), ilike(agents.email, like)));
  }
  if (opts.active !== undefined) conditions.push(eq(agents.active, opts.active));
  if (opts.cursor) conditions.push(gt(agents.id, opts.cursor));
  const rows = await db
    .select()
    .from(agents)
    .where(and(...conditions))
    .orderBy(asc(agents.id))
    .limit(opts.limit + 1);
  const items = await agentDtos(db, rows.slice(0, opts.limit));
  return { items, nextCursor: rows.length > opts.limit ? (items.at(-1)?.id ?? null) : null };
}

export async function countAgents(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(agents);
  return row?.n ?? 0;
}
