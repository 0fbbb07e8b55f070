// Who may see and do what (A2–A7). Visibility is one SQL predicate, ticketScope(actor), applied
// to every ticket query (DESIGN idea 6); action and field permissions are checked inside commands.
// It needs only what the actor carries: the directory loads the organisation (roles, profiles,
// groups, departments, sharing rules) and computeAccess turns it into the actor's ActorAccess.

export {
  type AccessExplanation,
  type AccessReason,
  explainTicketAccess,
  type TicketFacts,
} from './explain.ts';
export { computeAccess, headedDepartments, mergeProfiles } from './grant.ts';
export {
  ACTIONS,
  type Action,
  ancestry,
  type FieldAccess,
  type ModulePermissions,
  type Org,
  type OrgAgent,
  type OrgDepartment,
  type OrgGroup,
  type OrgProfile,
  type OrgRole,
  type OrgSharingRule,
  type SharingSource,
  type SharingTarget,
  subtree,
  TICKET_REACHES,
  type TicketReach,
} from './org.ts';
export {
  assertAdmin,
  assertCan,
  assertCanOnTickets,
  assertMayChangeTicketFields,
  can,
  canOnTickets,
  type FieldAccessLevel,
  hiddenTicketFields,
  permissionModules,
  registerModule,
  type SettingsArea,
  type TicketAction,
  ticketFieldAccess,
} from './permissions.ts';
export { ticketScope, ticketScopeKey, ticketWriteScope } from './scope.ts';
export {
  isViewerField,
  VIEWER_FIELD_PREFIX,
  VIEWER_FIELDS,
  type ViewerField,
  type ViewerTicketFacts,
  viewerFieldsIn,
  viewerTicketFields,
} from './ticket-fields.ts';
