// Agents and the organisation they work in (roles, profiles, groups, departments, sharing rules),
// sign-in sessions and API tokens.
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamptz,
  uniqueIndex,
  uuid,
} from '../../platform/schema-types.ts';
import type { FieldAccess, ModulePermissions, TicketReach } from '../access/index.ts';

/** The shipped profiles and roles (migration 0007); administrators may copy and edit them. */
export const SHIPPED = {
  administratorProfile: '00000000-0000-4000-8000-0000000000a1',
  supportManagerProfile: '00000000-0000-4000-8000-0000000000a2',
  agentProfile: '00000000-0000-4000-8000-0000000000a3',
  readOnlyProfile: '00000000-0000-4000-8000-0000000000a4',
  administratorRole: '00000000-0000-4000-8000-0000000000b1',
  supportManagerRole: '00000000-0000-4000-8000-0000000000b2',
  /** At the bottom of the shipped tree: agents created without a role get it. */
  agentRole: '00000000-0000-4000-8000-0000000000b3',
} as const;

/** Permission sets (A3): per module view/create/edit/delete/export, per ticket field, ticket reach. */
export const profiles = pgTable('profiles', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  description: text('description').notNull().default(''),
  ticketReach: text('ticket_reach').$type<TicketReach>().notNull(),
  permissions: jsonb('permissions').$type<ModulePermissions>().notNull(),
  fieldAccess: jsonb('field_access').$type<FieldAccess>().notNull().default({}),
  createdAt: timestamptz('created_at').notNull(),
  updatedAt: timestamptz('updated_at').notNull(),
});

/** The reports-to tree (A2): a user reaches the tickets owned by anyone in a role below theirs. */
export const roles = pgTable(
  'roles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull().unique(),
    description: text('description').notNull().default(''),
    parentId: uuid('parent_id').references((): AnyPgColumn => roles.id),
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [index('roles_parent_idx').on(t.parentId)],
);

export const roleProfiles = pgTable(
  'role_profiles',
  {
    roleId: uuid('role_id')
      .notNull()
      .references(() => roles.id, { onDelete: 'cascade' }),
    profileId: uuid('profile_id')
      .notNull()
      .references(() => profiles.id),
  },
  (t) => [
    primaryKey({ columns: [t.roleId, t.profileId] }),
    index('role_profiles_profile_idx').on(t.profileId),
  ],
);

export const departments = pgTable('departments', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  active: boolean('active').notNull().default(true),
  /** Sanitized HTML appended to replies by agents of this department, under their own. */
  signature: text('signature').notNull().default(''),
  parentId: uuid('parent_id').references((): AnyPgColumn => departments.id),
  headAgentId: uuid('head_agent_id').references((): AnyPgColumn => agents.id),
  createdAt: timestamptz('created_at').notNull(),
});

export const agents = pgTable(
  'agents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    language: text('language').notNull().default('en'),
    timeZone: text('time_zone').notNull().default('UTC'),
    /** Sanitized HTML appended to this agent's replies. */
    signature: text('signature').notNull().default(''),
    active: boolean('active').notNull().default(true),
    admin: boolean('admin').notNull().default(false),
    roleId: uuid('role_id')
      .notNull()
      .default(sql`'00000000-0000-4000-8000-0000000000b3'::uuid`)
      .references(() => roles.id),
    passwordHash: text('password_hash'),
    invitationTokenHash: text('invitation_token_hash'),
    failedSignIns: integer('failed_sign_ins').notNull().default(0),
    lockedUntil: timestamptz('locked_until'),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [uniqueIndex('agents_email_idx').on(sql`lower(${t.email})`), index('agents_role_idx').on(t.roleId)],
);

export const departmentMembers = pgTable(
  'department_members',
  {
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id, { onDelete: 'cascade' }),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.departmentId, t.agentId] }),
    index('department_members_agent_idx').on(t.agentId),
  ],
);

export const groups = pgTable('groups', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  description: text('description').notNull().default(''),
  departmentId: uuid('department_id').references(() => departments.id),
  createdAt: timestamptz('created_at').notNull(),
});

export const groupMembers = pgTable(
  'group_members',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.agentId] }), index('group_members_agent_idx').on(t.agentId)],
);

export const SHARING_SOURCES = ['agent', 'group', 'department', 'role_and_subordinates'] as const;
export const SHARING_TARGETS = ['agent', 'group', 'department', 'role', 'role_and_subordinates'] as const;

/**
 * Sharing rules (A6): tickets owned by the source are shared with the target, read or read-write.
 * Sources and targets are ids of the named kind; deleting that thing deletes its rules.
 */
export const sharingRules = pgTable(
  'sharing_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Shown to people: "sharing rule 3". */
    number: serial('number').notNull().unique(),
    sourceType: text('source_type', { enum: SHARING_SOURCES }).notNull(),
    sourceId: uuid('source_id').notNull(),
    targetType: text('target_type', { enum: SHARING_TARGETS }).notNull(),
    targetId: uuid('target_id').notNull(),
    access: text('access', { enum: ['read', 'read_write'] }).notNull(),
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [
    check(
      'sharing_rules_source_type',
      sql`${t.sourceType} IN ('agent','group','department','role_and_subordinates')`,
    ),
    check(
      'sharing_rules_target_type',
      sql`${t.targetType} IN ('agent','group','department','role','role_and_subordinates')`,
    ),
    check('sharing_rules_access', sql`${t.access} IN ('read','read_write')`),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    /** sha256 of the cookie value; the value itself is never stored. */
    id: text('id').primaryKey(),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamptz('created_at').notNull(),
    expiresAt: timestamptz('expires_at').notNull(),
    lastSeenAt: timestamptz('last_seen_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_agent_idx').on(t.agentId)],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** sha256 of the secret; shown once at creation. */
    tokenHash: text('token_hash').notNull().unique(),
    prefix: text('prefix').notNull(),
    createdAt: timestamptz('created_at').notNull(),
    lastUsedAt: timestamptz('last_used_at'),
    expiresAt: timestamptz('expires_at'),
    revokedAt: timestamptz('revoked_at'),
  },
  (t) => [index('api_tokens_agent_idx').on(t.agentId)],
);
