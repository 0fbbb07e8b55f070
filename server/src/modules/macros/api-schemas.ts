// TypeBox schemas of the macros API. Shapes and sizes here; the actions themselves are checked by
// the rules module's checkActionList, which names each problem's path.
import { type TSchema, Type } from 'typebox';
import { Uuid } from '../../platform/http.ts';
import { MACRO_ACTION_TYPES } from '../rules/index.ts';
import { MAX_APPLY_TICKETS } from './apply.ts';
import { MAX_MACRO_DESCRIPTION, MAX_MACRO_NAME } from './macros.ts';

export const strict = { additionalProperties: false } as const;
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Timestamp = Type.String({ format: 'date-time' });

export const MacroName = Type.String({
  maxLength: MAX_MACRO_NAME,
  description: 'Unique among the shared macros, and among your own',
});
export const MacroDescription = Type.String({ maxLength: MAX_MACRO_DESCRIPTION });
export const MacroActions = Type.Array(Type.Object({}, { additionalProperties: true }), {
  maxItems: 20,
  description: `Applied in order, together or not at all. Types: ${MACRO_ACTION_TYPES.join(', ')}. set_field {field: status | priority | severity | category | type | departmentId | productId | custom.<key>, value}; assign {agentId?, groupId?}; add_tags / remove_tags {tags}; add_team_member {agentId, access: read | read_write}; add_note (internal) and reply (public) {body, with {{ticket.number}}, {{ticket.subject}}, {{ticket.status}}, {{ticket.priority}}}.`,
});
export const MacroShared = Type.Boolean({
  description: 'Shared with the whole team (administrators only); false: yours alone',
});
export const Version = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });

export const MacroSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  description: Type.String(),
  actions: MacroActions,
  shared: Type.Boolean(),
  ownerAgentId: Nullable(Uuid),
  departmentId: Nullable(Uuid),
  editable: Type.Boolean({ description: 'Whether you may change or delete it' }),
  usageCount: Type.Integer({ description: 'Tickets it was applied to' }),
  lastUsedAt: Nullable(Timestamp),
  version: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const ApplyBody = Type.Object(
  {
    ticketIds: Type.Array(Uuid, {
      minItems: 1,
      maxItems: MAX_APPLY_TICKETS,
      description: `1 to ${MAX_APPLY_TICKETS} tickets; a repeated id is applied once`,
    }),
    preview: Type.Optional(Type.Boolean({ description: 'Only show what would change; nothing is written' })),
  },
  strict,
);

const Change = Type.Object({ field: Type.String(), from: Type.Unknown(), to: Type.Unknown() });
const Effect = Type.Object(
  {
    type: Type.Union([Type.Literal('reply'), Type.Literal('note'), Type.Literal('team_member')]),
    body: Type.Optional(Type.String()),
    agentId: Type.Optional(Uuid),
    access: Type.Optional(Type.String()),
  },
  { description: 'A reply or note posted (its text), or a team member added' },
);

export const ApplyResultSchema = Type.Object({
  macroId: Uuid,
  preview: Type.Boolean(),
  applied: Type.Integer({ description: 'Tickets changed (or, in a preview, that would be)' }),
  failed: Type.Integer(),
  results: Type.Array(
    Type.Object({
      ticketId: Uuid,
      ok: Type.Boolean(),
      number: Type.Optional(Type.String()),
      subject: Type.Optional(Type.String()),
      changes: Type.Array(Change, { description: 'Field changes, from → to' }),
      effects: Type.Array(Effect),
      error: Type.Optional(
        Type.Object({
          status: Type.Integer(),
          title: Type.String(),
          detail: Type.String(),
          errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
        }),
      ),
    }),
  ),
});
