// Profiles (A3): what agents of a role may do — per module the allowed actions, per ticket field
// hidden or read-only, and how far they reach among tickets. Administrators only, reads included.
import { asc, eq } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { type Db, isForeignKeyViolation, isUniqueViolation } from '../../platform/db.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import {
  ACTIONS,
  type Action,
  assertAdmin,
  type FieldAccess,
  type ModulePermissions,
  permissionModules,
  TICKET_REACHES,
  type TicketReach,
} from '../access/index.ts';
import { isShipped } from './roles.ts';
import { profiles, roleProfiles, SHIPPED } from './schema.ts';

export interface ProfileDto {
  id: string;
  name: string;
  description: string;
  ticketReach: TicketReach;
  permissions: ModulePermissions;
  fieldAccess: FieldAccess;
  roleIds: string[];
  shipped: boolean;
}

/** A ticket field a profile can hide or make read-only (`priority`, `custom.warranty`). */
export interface TicketFieldEntry {
  key: string;
  custom: boolean;
  label: string;
}

/** The ticket fields profiles may name; the tickets module answers it, wired in app.ts. */
export type TicketFieldCatalog = () => Promise<TicketFieldEntry[]>;

export interface ProfileCatalog {
  modules: Array<{ key: string; actions: Action[] }>;
  fields: TicketFieldEntry[];
}

export async function profileCatalog(ctx: Ctx, fields: TicketFieldCatalog): Promise<ProfileCatalog> {
  assertAdmin(ctx.actor, 'settings');
  return {
    modules: permissionModules().map((key) => ({ key, actions: [...ACTIONS] })),
    fields: await fields(),
  };
}

export async function listProfiles(ctx: Ctx): Promise<ProfileDto[]> {
  assertAdmin(ctx.actor, 'settings');
  return readProfiles(ctx.db);
}

async function readProfiles(db: Db): Promise<ProfileDto[]> {
  const [rows, links] = await Promise.all([
    db.select().from(profiles).orderBy(asc(profiles.name)),
    db.select().from(roleProfiles),
  ]);
  return rows.map((p) => ({
    id: p.id,
    name: p.name,
    description: p.description,
    ticketReach: p.ticketReach,
    permissions: p.permissions,
    fieldAccess: p.fieldAccess,
    roleIds: links
      .filter((l) => l.profileId === p.id)
      .map((l) => l.roleId)
      .sort(),
    shipped: isShipped(p.id),
  }));
}

export async function getProfile(ctx: Ctx, id: string): Promise<ProfileDto> {
  assertAdmin(ctx.actor, 'settings');
  const found = (await readProfiles(ctx.db)).find((p) => p.id === id);
  if (!found) throw notFound('Profile');
  return found;
}

export interface ProfileInput {
  name?: string | undefined;
  description?: string | undefined;
  ticketReach?: string | undefined;
  permissions?: Record<string, string[]> | undefined;
  fieldAccess?: Record<string, string> | undefined;
}

function checkReach(reach: string): TicketReach {
  const found = TICKET_REACHES.find((r) => r === reach);
  if (!found) throw invalid('ticketReach', `must be one of ${TICKET_REACHES.join(', ')}`);
  return found;
}

function checkPermissions(input: Record<string, string[]>): ModulePermissions {
  const modules = permissionModules();
  const out: ModulePermissions = {};
  for (const [module, actions] of Object.entries(input)) {
    if (!modules.includes(module)) throw invalid(`permissions.${module}`, 'unknown module');
    const bad = actions.find((a) => !(ACTIONS as readonly string[]).includes(a));
    if (bad !== undefined)
      throw invalid(`permissions.${module}`, `unknown action ${bad}; use ${ACTIONS.join(', ')}`);
    out[module] = ACTIONS.filter((a) => actions.includes(a));
  }
  return out;
}

async function checkFieldAccess(
  input: Record<string, string>,
  fields: TicketFieldCatalog,
): Promise<FieldAccess> {
  const known = new Set((await fields()).map((f) => f.key));
  const out: FieldAccess = {};
  for (const [field, access] of Object.entries(input)) {
    if (!known.has(field)) throw invalid(`fieldAccess.${field}`, 'unknown ticket field');
    if (access !== 'hidden' && access !== 'read_only')
      throw invalid(`fieldAccess.${field}`, 'must be hidden or read_only');
    out[field] = access;
  }
  return out;
}

const nameTaken = () =>
  new AppError('duplicate', 'A profile with this name exists', [
    { field: 'name', message: 'is already used' },
  ]);

export async function createProfile(
  ctx: Ctx,
  input: ProfileInput & { name: string; copyOf?: string | undefined },
  fields: TicketFieldCatalog,
): Promise<ProfileDto> {
  assertAdmin(ctx.actor, 'settings');
  const name = input.name.trim();
  if (!name) throw invalid('name', 'must not be empty');
  let base: { ticketReach: TicketReach; permissions: ModulePermissions; fieldAccess: FieldAccess } | null =
    null;
  if (input.copyOf !== undefined) {
    const [row] = await ctx.db.select().from(profiles).where(eq(profiles.id, input.copyOf));
    if (!row) throw invalid('copyOf', 'unknown profile');
    base = { ticketReach: row.ticketReach, permissions: row.permissions, fieldAccess: row.fieldAccess };
  }
  const ticketReach =
    input.ticketReach !== undefined ? checkReach(input.ticketReach) : (base?.ticketReach ?? null);
  if (ticketReach === null) throw invalid('ticketReach', 'is required (or copyOf)');
  const permissions =
    input.permissions !== undefined ? checkPermissions(input.permissions) : (base?.permissions ?? null);
  if (permissions === null) throw invalid('permissions', 'is required (or copyOf)');
  const fieldAccess =
    input.fieldAccess !== undefined
      ? await checkFieldAccess(input.fieldAccess, fields)
      : (base?.fieldAccess ?? {});
  const now = ctx.clock.now();
  try {
    const [row] = await ctx.db
      .insert(profiles)
      .values({
        name,
        description: input.description ?? '',
        ticketReach,
        permissions,
        fieldAccess,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: profiles.id });
    return getProfile(ctx, row!.id);
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken();
    throw err;
  }
}

export async function updateProfile(
  ctx: Ctx,
  id: string,
  input: ProfileInput,
  fields: TicketFieldCatalog,
): Promise<ProfileDto> {
  assertAdmin(ctx.actor, 'settings');
  const [row] = await ctx.db.select({ id: profiles.id }).from(profiles).where(eq(profiles.id, id));
  if (!row) throw notFound('Profile');
  if (id === SHIPPED.administratorProfile)
    throw new AppError('conflict', 'The shipped Administrator profile cannot be changed; copy it instead');
  const name = input.name?.trim();
  if (name !== undefined && !name) throw invalid('name', 'must not be empty');
  const set = {
    ...(name !== undefined ? { name } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.ticketReach !== undefined ? { ticketReach: checkReach(input.ticketReach) } : {}),
    ...(input.permissions !== undefined ? { permissions: checkPermissions(input.permissions) } : {}),
    ...(input.fieldAccess !== undefined
      ? { fieldAccess: await checkFieldAccess(input.fieldAccess, fields) }
      : {}),
  };
  try {
    await ctx.db
      .update(profiles)
      .set({ ...set, updatedAt: ctx.clock.now() })
      .where(eq(profiles.id, id));
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken();
    throw err;
  }
  return getProfile(ctx, id);
}

export async function deleteProfile(ctx: Ctx, id: string): Promise<void> {
  assertAdmin(ctx.actor, 'settings');
  const [row] = await ctx.db.select({ id: profiles.id }).from(profiles).where(eq(profiles.id, id));
  if (!row) throw notFound('Profile');
  if (isShipped(id)) throw new AppError('conflict', 'A shipped profile cannot be deleted');
  const inUse = () => new AppError('conflict', 'The profile is used by a role; take it off its roles first');
  const users = await ctx.db.select().from(roleProfiles).where(eq(roleProfiles.profileId, id));
  if (users.length) throw inUse();
  try {
    await ctx.db.delete(profiles).where(eq(profiles.id, id));
  } catch (err) {
    // A role took it up meanwhile.
    if (isForeignKeyViolation(err)) throw inUse();
    throw err;
  }
}
