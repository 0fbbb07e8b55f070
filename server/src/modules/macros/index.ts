// Macros (W3): named, personal or shared sets of ticket actions (the rule actions of
// MACRO_ACTION_TYPES: fields, owner, tags, team, a note or a public reply) that an agent applies,
// as themself, to one ticket or many, with a preview that writes nothing.

export { type ApplyResult, applyMacro, MAX_APPLY_TICKETS, type MacroTicketResult } from './apply.ts';
export { createMacro, listMacros, type MacroDto } from './macros.ts';
export { macroRoutes } from './routes.ts';
export { macros } from './schema.ts';
