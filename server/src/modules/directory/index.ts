// The directory: agents, groups and departments, and how agents sign in (sessions, API tokens,
// invitations). Other modules read agents and groups through this file only.

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
export { listDepartments, listGroups, saveDepartment, saveGroup } from './groups.ts';
export { actorFor, loadOrg } from './org-load.ts';
export { newSecret } from './passwords.ts';
export { AgentSchema, directoryRoutes } from './routes.ts';
export {
  agents,
  departmentMembers,
  departments,
  groupMembers,
  groups,
  roleProfiles,
  roles,
  SHIPPED,
  sharingRules,
} from './schema.ts';
