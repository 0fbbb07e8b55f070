// HTTP routes of workflow and routing rules (administrators): CRUD, order, dry run and the run log.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { type TSchema, Type } from 'typebox';
import { withExample } from '../../platform/api-docs.ts';
import { type AppDeps, ctxOf, errorResponses, IdParams, noContent, Uuid } from '../../platform/http.ts';
import { type DryRunInput, dryRun } from './dry-run.ts';
import {
  ACTION_TYPES,
  EVENT_TRIGGERS,
  MAX_ACTIONS,
  NOTIFY_RECIPIENTS,
  SETTABLE_FIELDS,
} from './rule-shapes.ts';
import {
  createRule,
  deleteRule,
  getRule,
  listRuleRuns,
  listRules,
  type RulesCache,
  reorderRules,
  updateRule,
} from './rules.ts';

const tags = ['rules'];
const strict = { additionalProperties: false } as const;
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Timestamp = Type.String({ format: 'date-time' });

const Name = Type.String({
  maxLength: 200,
  description: 'Shown in the rule list and as the author of its changes',
});
const Description = Type.String({ maxLength: 2000 });
const Trigger = Type.Object(
  {},
  {
    additionalProperties: true,
    description: `When the rule runs: {"type": one of ${EVENT_TRIGGERS.join(', ')}}; field_changed also takes "fields": ["priority", …]`,
  },
);
const Condition = Type.Object(
  {},
  {
    additionalProperties: true,
    description:
      'The condition language: {all:[…]}, {any:[…]}, {not:…} or {field, op, value}; on updates the change operators changed, changed_from and changed_to compare with the ticket before the change. Null: every ticket.',
  },
);
const Actions = Type.Array(Type.Object({}, { additionalProperties: true }), {
  maxItems: MAX_ACTIONS,
  description: `Run in order, together or not at all. Types: ${ACTION_TYPES.join(', ')}. set_field {field: ${SETTABLE_FIELDS.join(' | ')} | custom.<key>, value}; assign {agentId?, groupId?}; add_tags / remove_tags {tags}; add_team_member {agentId, access: read | read_write}; add_note {body, with {{ticket.number}}, {{ticket.subject}}, {{ticket.status}}, {{ticket.priority}}, {{rule.name}}}; notify {recipient: ${NOTIFY_RECIPIENTS.join(' | ')}, agentId when agent}; webhook {webhookId}; stop (last: no later rule runs).`,
});

const RuleSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  description: Type.String(),
  departmentId: Nullable(Uuid),
  trigger: Trigger,
  condition: Nullable(Condition),
  actions: Actions,
  active: Type.Boolean(),
  position: Type.Integer(),
  version: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  lastMatchedAt: Nullable(Timestamp),
  shippedKey: Nullable(
    Type.String({
      description:
        'For a rule Caseway installed (switched off), its key while it keeps the shipped name: the console shows the name and description in the reader’s language.',
    }),
  ),
  lastRun: Nullable(
    Type.Object(
      { at: Timestamp, matched: Type.Boolean() },
      { description: 'The latest run: when, and whether the rule matched the ticket' },
    ),
  ),
});

const RunSchema = Type.Object({
  id: Type.String(),
  ruleId: Uuid,
  ticketId: Uuid,
  ticketNumber: Type.String({ description: 'The ticket’s number, e.g. TT-1024' }),
  trigger: Type.String(),
  matched: Type.Boolean(),
  actions: Type.Array(Type.Object({}, { additionalProperties: true })),
  error: Nullable(Type.String()),
  createdAt: Timestamp,
});

/** The Vtiger example: a title with 保修 (warranty) goes to the warranty group as a Warranty case. */
const EXAMPLE_RULE = {
  name: 'Warranty requests to the warranty team',
  trigger: { type: 'created' },
  condition: {
    any: [{ field: 'subject', op: 'contains_any', value: ['保修', 'warranty', 'гарантия', 'garantie'] }],
  },
  actions: [
    { type: 'assign', groupId: '7c9e6679-7425-40de-944b-e07fc1f90ae7' },
    { type: 'set_field', field: 'type', value: 'problem' },
    { type: 'add_tags', tags: ['warranty'] },
  ],
  active: true,
};

export function ruleRoutes(deps: AppDeps, cache: RulesCache): FastifyPluginAsyncTypebox {
  const ctx = (request: FastifyRequest) => ({ ...ctxOf(request, deps), rulesCache: cache });
  return async (app) => {
    app.get(
      '/api/v1/rules',
      {
        schema: {
          tags,
          description:
            'Workflow and routing rules in the order they run (administrators), each with when it last matched a ticket and its latest run (when, matched or not).',
          summary: 'Rules, in the order they run (administrators)',
          response: { 200: Type.Object({ items: Type.Array(RuleSchema) }), ...errorResponses },
        },
      },
      async (request) => ({ items: await listRules(ctx(request)) }),
    );

    app.post(
      '/api/v1/rules',
      {
        schema: {
          tags,
          description:
            'Creates a rule (administrators), last in the order and switched off unless `active` is true. Rules on `created` are the routing rules: they run, in order, before anything else acts on a new ticket. A bad trigger, condition or action answers 400 naming its path; nothing is stored.',
          summary: 'Create a rule (administrators)',
          body: withExample(
            Type.Object(
              {
                name: Name,
                description: Type.Optional(Description),
                departmentId: Type.Optional(Nullable(Uuid)),
                trigger: Trigger,
                condition: Type.Optional(Nullable(Condition)),
                actions: Actions,
                active: Type.Optional(Type.Boolean()),
              },
              strict,
            ),
            EXAMPLE_RULE,
          ),
          response: { 201: RuleSchema, ...errorResponses },
        },
      },
      async (request, reply) => reply.status(201).send(await createRule(ctx(request), request.body)),
    );

    app.put(
      '/api/v1/rules/order',
      {
        schema: {
          tags,
          description: 'Sets the order rules run in (administrators): every rule id exactly once.',
          summary: 'Set the order rules run in (administrators)',
          body: withExample(Type.Object({ ids: Type.Array(Uuid, { maxItems: 1000 }) }, strict), {
            ids: ['a8098c1a-f86e-41d1-9d0a-3b6c2f1e4d52', '7c9e6679-7425-40de-944b-e07fc1f90ae7'],
          }),
          response: { 200: Type.Object({ items: Type.Array(RuleSchema) }), ...errorResponses },
        },
      },
      async (request) => ({ items: await reorderRules(ctx(request), request.body.ids) }),
    );

    app.post(
      '/api/v1/rules/dry-run',
      {
        schema: {
          tags,
          description:
            'Tries a rule without writing anything (administrators): a saved one (`ruleId`) or one being edited (`rule`, checked like a new rule, problems named under body/rule/…), against the tickets created in the last `days` (30) or those of a view (`viewId`), newest first, a page at a time (`limit`, then `cursor`). Answers the tickets it would match with the field changes and other effects of its actions, and for a time-based rule when it fires for each (a past time: it would have fired by now); `total` and `scanned` show the progress through the range.',
          summary: 'Dry run: which tickets a rule would match and what it would change (administrators)',
          body: withExample(
            Type.Object(
              {
                ruleId: Type.Optional(Uuid),
                rule: Type.Optional(
                  Type.Object(
                    {},
                    { additionalProperties: true, description: 'A rule as POST /api/v1/rules takes it' },
                  ),
                ),
                days: Type.Optional(Type.Integer({ minimum: 1, maximum: 366 })),
                viewId: Type.Optional(Uuid),
                cursor: Type.Optional(Type.String({ maxLength: 200 })),
                limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
              },
              strict,
            ),
            { rule: EXAMPLE_RULE, days: 7, limit: 100 },
          ),
          response: {
            200: Type.Object({
              total: Type.Integer(),
              scanned: Type.Integer(),
              matches: Type.Array(
                Type.Object({
                  ticketId: Uuid,
                  number: Type.String(),
                  subject: Type.String(),
                  changes: Type.Array(
                    Type.Object({ field: Type.String(), from: Type.Unknown(), to: Type.Unknown() }),
                  ),
                  effects: Type.Array(Type.Object({}, { additionalProperties: true })),
                  firesAt: Type.Optional(Nullable(Timestamp)),
                }),
              ),
              nextCursor: Nullable(Type.String()),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => dryRun(ctx(request), request.body as DryRunInput),
    );

    app.get(
      '/api/v1/rules/runs',
      {
        schema: {
          tags,
          description:
            'The run log, newest first (administrators): every rule checked against a ticket change, whether it matched, what its actions did, and the error when they could not be applied (then none was). The rules a change checked without a match are kept together; their items have ids `<check>.<n>`.',
          summary: 'The rule run log (administrators)',
          querystring: Type.Object(
            {
              ruleId: Type.Optional(Uuid),
              ticketId: Type.Optional(Uuid),
              matched: Type.Optional(Type.Boolean()),
              before: Type.Optional(
                Type.String({
                  pattern: '^[0-9]{1,18}(\\.[0-9]{1,4})?$',
                  description: 'nextCursor of the previous page',
                }),
              ),
              limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
            },
            strict,
          ),
          response: {
            200: Type.Object({ items: Type.Array(RunSchema), nextCursor: Nullable(Type.String()) }),
            ...errorResponses,
          },
        },
      },
      async (request) => listRuleRuns(ctx(request), request.query),
    );

    app.get(
      '/api/v1/rules/:id',
      {
        schema: {
          tags,
          description: 'One rule with its version (send it back when changing it).',
          summary: 'One rule (administrators)',
          params: IdParams,
          response: { 200: RuleSchema, ...errorResponses },
        },
      },
      async (request) => getRule(ctx(request), request.params.id),
    );

    app.patch(
      '/api/v1/rules/:id',
      {
        schema: {
          tags,
          description:
            'Changes a rule (administrators): any of its parts, or `active` to switch it on or off. Send the version you edited; a stale one answers 409 with the current rule.',
          summary: 'Change a rule (administrators); a stale version gets 409',
          params: IdParams,
          body: withExample(
            Type.Object(
              {
                version: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
                name: Type.Optional(Name),
                description: Type.Optional(Description),
                departmentId: Type.Optional(Nullable(Uuid)),
                trigger: Type.Optional(Trigger),
                condition: Type.Optional(Nullable(Condition)),
                actions: Type.Optional(Actions),
                active: Type.Optional(Type.Boolean()),
              },
              { ...strict, minProperties: 2 },
            ),
            { version: 1, active: true },
          ),
          response: { 200: RuleSchema, ...errorResponses },
        },
      },
      async (request) => updateRule(ctx(request), request.params.id, request.body),
    );

    app.delete(
      '/api/v1/rules/:id',
      {
        schema: {
          tags,
          description: 'Deletes a rule and its run log (administrators).',
          summary: 'Delete a rule (administrators)',
          params: IdParams,
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await deleteRule(ctx(request), request.params.id);
        return noContent(reply);
      },
    );
  };
}
