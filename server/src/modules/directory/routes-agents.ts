// HTTP routes of agents: list, read, add (with an invitation), change (role, groups, departments,
// deactivation).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { withExample } from '../../platform/api-docs.ts';
import { type AppDeps, ctxOf, errorResponses, IdParams, requireAgent, Uuid } from '../../platform/http.ts';
import { agentDto, createAgent, getAgentRow, listAgents, updateAgent } from './agents.ts';
import {
  type DirectoryWiring,
  Email,
  forgetter,
  Language,
  Name,
  Password,
  strict,
  TimeZone,
} from './routes-common.ts';

export const AgentSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  email: Type.String(),
  language: Type.String(),
  timeZone: Type.String(),
  active: Type.Boolean(),
  admin: Type.Boolean(),
  invitationPending: Type.Boolean(),
  signature: Type.String({ description: 'Sanitized HTML for public replies' }),
  roleId: Type.String({ format: 'uuid', description: 'The role in the reports-to tree (GET /api/v1/roles)' }),
  groupIds: Type.Array(Uuid, { description: 'The groups the agent is a member of' }),
  departmentIds: Type.Array(Uuid, { description: 'The departments the agent is a member of' }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export function agentRoutes(deps: AppDeps, wiring: DirectoryWiring): FastifyPluginAsyncTypebox {
  const { database } = deps;
  const forgetCredentials = forgetter(deps, wiring);
  return async (app) => {
    app.get(
      '/api/v1/agents',
      {
        schema: {
          tags: ['agents'],
          description:
            'Every agent with name, email, language, time zone, administrator and active flags, for pickers and the team page.',
          summary: 'List agents',
          querystring: Type.Object(
            {
              q: Type.Optional(Type.String({ maxLength: 200 })),
              active: Type.Optional(Type.Boolean()),
              limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
              cursor: Type.Optional(Uuid),
            },
            strict,
          ),
          response: {
            200: Type.Object({
              items: Type.Array(AgentSchema),
              nextCursor: Type.Union([Type.String(), Type.Null()]),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        requireAgent(request);
        return listAgents(database.db, { ...request.query, limit: request.query.limit ?? 100 });
      },
    );

    app.post(
      '/api/v1/agents',
      {
        schema: {
          tags: ['agents'],
          description:
            'Adds an agent (administrators only), optionally with a role (roleId; the shipped Agent role otherwise), groups (groupIds) and departments (departmentIds). With a password the agent can sign in at once; without one the answer carries a one-time invitation token and the console address that takes it (invitationUrl, POST /api/v1/auth/invitations/accept). An email already used answers 409; an unknown role, group or department 400 naming the field.',
          summary: 'Add an agent (administrators); without a password the answer carries an invitation token',
          body: withExample(
            Type.Object(
              {
                name: Name,
                email: Email,
                password: Type.Optional(Password),
                language: Type.Optional(Language),
                timeZone: Type.Optional(TimeZone),
                admin: Type.Optional(Type.Boolean()),
                active: Type.Optional(Type.Boolean()),
                roleId: Type.Optional(Uuid),
                groupIds: Type.Optional(Type.Array(Uuid, { maxItems: 1000 })),
                departmentIds: Type.Optional(Type.Array(Uuid, { maxItems: 1000 })),
              },
              strict,
            ),
            {
              name: 'Li Wei',
              email: 'li.wei@example.com',
              language: 'zh-CN',
              timeZone: 'Asia/Shanghai',
              admin: false,
              roleId: '00000000-0000-4000-8000-0000000000b3',
              groupIds: ['7c9e6679-7425-40de-944b-e07fc1f90ae7'],
              departmentIds: ['16fd2706-8baf-433b-82eb-8c7fada847da'],
            },
          ),
          response: {
            201: Type.Object({
              agent: AgentSchema,
              invitationToken: Type.Optional(Type.String()),
              invitationUrl: Type.Optional(
                Type.String({ description: 'The console page that takes the invitation token' }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const created = await createAgent(ctxOf(request, deps), request.body);
        await forgetCredentials();
        return reply.status(201).send(created);
      },
    );

    app.get(
      '/api/v1/agents/:id',
      {
        schema: {
          tags: ['agents'],
          description: 'One agent by id; 404 if there is none.',
          summary: 'One agent',
          params: IdParams,
          response: { 200: AgentSchema, ...errorResponses },
        },
      },
      async (request) => {
        requireAgent(request);
        return agentDto(database.db, await getAgentRow(database.db, request.params.id));
      },
    );

    app.patch(
      '/api/v1/agents/:id',
      {
        schema: {
          tags: ['agents'],
          description:
            'Changes an agent. Administrators may change every field, including deactivating (active: false: their sessions end and their API tokens are revoked), the administrator flag, the role (roleId) and the memberships (groupIds, departmentIds replace the current ones); an agent may change only their own name, language and time zone. Access changes apply from the next request.',
          summary:
            'Change an agent (administrators; agents may change their own name, language and time zone)',
          params: IdParams,
          body: withExample(
            Type.Object(
              {
                name: Type.Optional(Name),
                email: Type.Optional(Email),
                password: Type.Optional(Password),
                language: Type.Optional(Language),
                timeZone: Type.Optional(TimeZone),
                admin: Type.Optional(Type.Boolean()),
                active: Type.Optional(Type.Boolean()),
                roleId: Type.Optional(Uuid),
                groupIds: Type.Optional(Type.Array(Uuid, { maxItems: 1000 })),
                departmentIds: Type.Optional(Type.Array(Uuid, { maxItems: 1000 })),
              },
              strict,
            ),
            { roleId: '00000000-0000-4000-8000-0000000000b2', groupIds: [], active: false },
          ),
          response: { 200: AgentSchema, ...errorResponses },
        },
      },
      async (request) => {
        const agent = await updateAgent(
          ctxOf(request, deps),
          request.params.id,
          request.body,
          request.auth?.sessionId,
        );
        await forgetCredentials();
        return agent;
      },
    );
  };
}
