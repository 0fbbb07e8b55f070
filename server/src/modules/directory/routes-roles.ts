// HTTP routes of roles: the reports-to tree and the profiles each role carries.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { withExample } from '../../platform/api-docs.ts';
import {
  type AppDeps,
  ctxOf,
  errorResponses,
  IdParams,
  noContent,
  requireAgent,
  Uuid,
} from '../../platform/http.ts';
import { createRole, deleteRole, getRole, listRoles, updateRole } from './roles.ts';
import { Description, type DirectoryWiring, forgetter, Name, strict } from './routes-common.ts';

const RoleSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  description: Type.String(),
  parentId: Type.Union([Uuid, Type.Null()], { description: 'The role above; null for the root' }),
  profileIds: Type.Array(Uuid, { description: 'The profiles whose permissions the role grants' }),
  agentCount: Type.Integer({ description: 'Agents in this role' }),
  shipped: Type.Boolean({ description: 'One of the roles Caseway ships (cannot be deleted)' }),
});

const ProfileIds = Type.Array(Uuid, { minItems: 1, maxItems: 50 });

export function roleRoutes(deps: AppDeps, wiring: DirectoryWiring): FastifyPluginAsyncTypebox {
  const { database } = deps;
  const forgetCredentials = forgetter(deps, wiring);
  return async (app) => {
    app.get(
      '/api/v1/roles',
      {
        schema: {
          tags: ['roles'],
          description:
            'Every role as a tree walk (parents before their children, siblings by name), with its profiles and number of agents. Open to every signed-in agent (pickers).',
          summary: 'List roles (tree order)',
          response: { 200: Type.Object({ items: Type.Array(RoleSchema) }), ...errorResponses },
        },
      },
      async (request) => {
        requireAgent(request);
        return { items: await listRoles(database.db) };
      },
    );
    app.get(
      '/api/v1/roles/:id',
      {
        schema: {
          tags: ['roles'],
          description: 'One role with its parent, profiles and number of agents; 404 if there is none.',
          summary: 'One role',
          params: IdParams,
          response: { 200: RoleSchema, ...errorResponses },
        },
      },
      async (request) => {
        requireAgent(request);
        return getRole(database.db, request.params.id);
      },
    );
    app.post(
      '/api/v1/roles',
      {
        schema: {
          tags: ['roles'],
          description:
            'Creates a role under a parent role with at least one profile (administrators). Agents in a role reach the tickets owned by agents in the roles below it. Unknown parent: 400 naming parentId; unknown profile: 400 naming profileIds; a name already used: 409.',
          summary: 'Create a role',
          body: withExample(
            Type.Object(
              { name: Name, description: Type.Optional(Description), parentId: Uuid, profileIds: ProfileIds },
              strict,
            ),
            {
              name: 'Team lead Europe',
              description: 'Leads the Paris and Berlin desks',
              parentId: '00000000-0000-4000-8000-0000000000b2',
              profileIds: ['00000000-0000-4000-8000-0000000000a3'],
            },
          ),
          response: { 201: RoleSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const role = await createRole(ctxOf(request, deps), request.body);
        await forgetCredentials();
        return reply.status(201).send(role);
      },
    );
    app.patch(
      '/api/v1/roles/:id',
      {
        schema: {
          tags: ['roles'],
          description:
            'Changes a role (administrators): name, description, profiles (replaced), or parent — which moves the role with its whole sub-tree, so managers above see different tickets from the next request. A parent inside its own sub-tree answers 400 naming parentId ("would make a cycle"); the root keeps no parent and no other role can become root.',
          summary: 'Change or move a role',
          params: IdParams,
          body: withExample(
            Type.Object(
              {
                name: Type.Optional(Name),
                description: Type.Optional(Description),
                parentId: Type.Optional(Type.Union([Uuid, Type.Null()])),
                profileIds: Type.Optional(ProfileIds),
              },
              strict,
            ),
            { parentId: '00000000-0000-4000-8000-0000000000b1' },
          ),
          response: { 200: RoleSchema, ...errorResponses },
        },
      },
      async (request) => {
        const role = await updateRole(ctxOf(request, deps), request.params.id, request.body);
        await forgetCredentials();
        return role;
      },
    );
    app.delete(
      '/api/v1/roles/:id',
      {
        schema: {
          tags: ['roles'],
          description:
            'Deletes a role (administrators). Its agents and its direct sub-roles move to the role `transferTo` (required when there are any: 400 naming transferTo; it may not be the role or inside its sub-tree). Sharing rules naming the role are deleted. The root and the shipped roles cannot be deleted (409).',
          summary: 'Delete a role, moving its agents and sub-roles',
          params: IdParams,
          querystring: Type.Object({ transferTo: Type.Optional(Uuid) }, strict),
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await deleteRole(ctxOf(request, deps), request.params.id, request.query.transferTo);
        await forgetCredentials();
        return noContent(reply);
      },
    );
  };
}
