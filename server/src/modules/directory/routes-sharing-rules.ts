// HTTP routes of sharing rules: tickets owned by the source are shared with the target.
// Administrators only, reads included.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { withExample } from '../../platform/api-docs.ts';
import { type AppDeps, ctxOf, errorResponses, IdParams, noContent, Uuid } from '../../platform/http.ts';
import { type DirectoryWiring, forgetter, strict } from './routes-common.ts';
import {
  createSharingRule,
  deleteSharingRule,
  listSharingRules,
  updateSharingRule,
} from './sharing-rules.ts';

const SourceType = Type.Union(
  [
    Type.Literal('agent'),
    Type.Literal('group'),
    Type.Literal('department'),
    Type.Literal('role_and_subordinates'),
  ],
  {
    description:
      'Whose tickets are shared: owned by the agent, the group, in the department, or owned by agents of the role and the roles below it',
  },
);
const TargetType = Type.Union(
  [
    Type.Literal('agent'),
    Type.Literal('group'),
    Type.Literal('department'),
    Type.Literal('role'),
    Type.Literal('role_and_subordinates'),
  ],
  {
    description:
      'Who gets them: the agent, the members of the group or department, the agents of the role (and below)',
  },
);
const Access = Type.Union([Type.Literal('read'), Type.Literal('read_write')]);

const RuleSchema = Type.Object({
  id: Uuid,
  number: Type.Integer({ description: 'Shown to people: "sharing rule 3"' }),
  sourceType: SourceType,
  sourceId: Uuid,
  sourceName: Type.String(),
  targetType: TargetType,
  targetId: Uuid,
  targetName: Type.String(),
  access: Access,
});

const EXAMPLE = {
  sourceType: 'group',
  sourceId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  targetType: 'role_and_subordinates',
  targetId: '00000000-0000-4000-8000-0000000000b2',
  access: 'read',
};

export function sharingRuleRoutes(deps: AppDeps, wiring: DirectoryWiring): FastifyPluginAsyncTypebox {
  const forgetCredentials = forgetter(deps, wiring);
  return async (app) => {
    app.get(
      '/api/v1/sharing-rules',
      {
        schema: {
          tags: ['sharing rules'],
          description:
            'Every sharing rule by number, with the names of its source and target (administrators only). A rule shares the tickets owned by the source with the target, read-only or read-write.',
          summary: 'List sharing rules (administrators)',
          response: { 200: Type.Object({ items: Type.Array(RuleSchema) }), ...errorResponses },
        },
      },
      async (request) => ({ items: await listSharingRules(ctxOf(request, deps)) }),
    );
    app.post(
      '/api/v1/sharing-rules',
      {
        schema: {
          tags: ['sharing rules'],
          description:
            'Adds a sharing rule (administrators); it applies from the next request. An id that names nothing of its type answers 400 naming sourceId or targetId.',
          summary: 'Add a sharing rule',
          body: withExample(
            Type.Object(
              {
                sourceType: SourceType,
                sourceId: Uuid,
                targetType: TargetType,
                targetId: Uuid,
                access: Access,
              },
              strict,
            ),
            EXAMPLE,
          ),
          response: { 201: RuleSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const rule = await createSharingRule(ctxOf(request, deps), request.body);
        await forgetCredentials();
        return reply.status(201).send(rule);
      },
    );
    app.patch(
      '/api/v1/sharing-rules/:id',
      {
        schema: {
          tags: ['sharing rules'],
          description:
            'Changes a sharing rule (administrators): any of its source, target and access; it applies from the next request.',
          summary: 'Change a sharing rule',
          params: IdParams,
          body: withExample(
            Type.Object(
              {
                sourceType: Type.Optional(SourceType),
                sourceId: Type.Optional(Uuid),
                targetType: Type.Optional(TargetType),
                targetId: Type.Optional(Uuid),
                access: Type.Optional(Access),
              },
              strict,
            ),
            { access: 'read_write' },
          ),
          response: { 200: RuleSchema, ...errorResponses },
        },
      },
      async (request) => {
        const rule = await updateSharingRule(ctxOf(request, deps), request.params.id, request.body);
        await forgetCredentials();
        return rule;
      },
    );
    app.delete(
      '/api/v1/sharing-rules/:id',
      {
        schema: {
          tags: ['sharing rules'],
          description:
            'Deletes a sharing rule (administrators); the tickets it shared are no longer shared from the next request.',
          summary: 'Delete a sharing rule',
          params: IdParams,
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await deleteSharingRule(ctxOf(request, deps), request.params.id);
        await forgetCredentials();
        return noContent(reply);
      },
    );
  };
}
