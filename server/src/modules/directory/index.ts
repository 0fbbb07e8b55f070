// The directory: agents, groups and departments, and how agents sign in (sessions, API tokens,
// invitations), and the access administration: roles, profiles, sharing rules, access settings.
// Other modules read agents and groups through this file only.

export { type AgentDto, countAgents, getAgentRow, insertAgent, isTimeZone, toAgentDto } from './agents.ts';
export {
  apiTokenHash,
  CSRF_HEADER,
  createApiToken,
  liveCredentials,
  pruneExpiredSessions,
  resolveApiToken,
  resolveSession,
  SESSION_COOKIE,
} from './auth.ts';
export {
  CREDENTIALS_CHANNEL,
  type CredentialCache,
  createCredentialCache,
} from './credential-cache.ts';
export { deleteDepartment, listDepartments, saveDepartment } from './departments.ts';
export { deleteGroup, listGroups, type ReleaseGroupTickets, saveGroup } from './groups.ts';
export { actorFor, loadOrg } from './org-load.ts';
export { newSecret } from './passwords.ts';
export type { TicketFieldCatalog, TicketFieldEntry } from './profiles.ts';
export { accessSettingsRoutes } from './routes-access-settings.ts';
export { AgentSchema, agentRoutes } from './routes-agents.ts';
export { authRoutes } from './routes-auth.ts';
export type { DirectoryWiring } from './routes-common.ts';
export { departmentRoutes } from './routes-departments.ts';
export { groupRoutes } from './routes-groups.ts';
export { profileRoutes } from './routes-profiles.ts';
export { roleRoutes } from './routes-roles.ts';
export { sharingRuleRoutes } from './routes-sharing-rules.ts';
export { agents, departmentMembers, departments, groupMembers, groups, SHIPPED } from './schema.ts';
