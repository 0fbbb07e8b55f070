// HTTP routes of groups: teams of agents that can own tickets.
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
import { deleteGroup, listGroups, saveGroup } from './groups.ts';
import { type DirectoryWiring, forgetter, Name, strict } from './routes-common.ts';

export const GroupSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  description: Type.String(),
  departmentId: Type.Union([Uuid, Type.Null()]),
  memberIds: Type.Array(Uuid),
});

export function groupRoutes(deps: AppDeps, wiring: DirectoryWiring): FastifyPluginAsyncTypebox {
  const { database } = deps;
  const forgetCredentials = forgetter(deps, wiring);
  return async (app) => {
    const GroupBody = Type.Object(
      {
        name: Type.Optional(Name),
        description: Type.Optional(Type.String({ maxLength: 2000 })),
        departmentId: Type.Optional(Type.Union([Uuid, Type.Null()])),
        memberIds: Type.Optional(Type.Array(Uuid, { maxItems: 1000 })),
      },
      strict,
    );
    app.get(
      '/api/v1/groups',
      {
        schema: {
          tags: ['groups'],
          description: 'Every group with its department and member agent ids.',
          summary: 'List groups',
          response: { 200: Type.Object({ items: Type.Array(GroupSchema) }), ...errorResponses },
        },
      },
      async (request) => {
        requireAgent(request);
        return { items: await listGroups(database.db) };
      },
    );
    app.post(
      '/api/v1/groups',
      {
        schema: {
          tags: ['groups'],
          description:
            'Creates a group (a queue of agents that tickets can be assigned to), optionally in a department and with its members (administrators).',
          summary: 'Create a group',
          body: withExample(GroupBody, {
            name: 'Billing',
            description: 'Invoices, refunds and payment problems',
            departmentId: '16fd2706-8baf-433b-82eb-8c7fada847da',
            memberIds: ['7c9e6679-7425-40de-944b-e07fc1f90ae7', 'a8098c1a-f86e-41d1-9d0a-3b6c2f1e4d52'],
          }),
          response: { 201: GroupSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const group = await saveGroup(ctxOf(request, deps), null, request.body);
        await forgetCredentials();
        return reply.status(201).send(group);
      },
    );
    app.patch(
      '/api/v1/groups/:id',
      {
        schema: {
          tags: ['groups'],
          description:
            "Changes a group's name, description, department or members; memberIds, when given, replaces the members (administrators).",
          summary: 'Change a group',
          params: IdParams,
          body: withExample(GroupBody, {
            memberIds: [
              '7c9e6679-7425-40de-944b-e07fc1f90ae7',
              'a8098c1a-f86e-41d1-9d0a-3b6c2f1e4d52',
              'e4eaaaf2-d142-41c6-8b1e-9f2c3d4e5f60',
            ],
          }),
          response: { 200: GroupSchema, ...errorResponses },
        },
      },
      async (request) => {
        const group = await saveGroup(ctxOf(request, deps), request.params.id, request.body);
        await forgetCredentials();
        return group;
      },
    );
    app.delete(
      '/api/v1/groups/:id',
      {
        schema: {
          tags: ['groups'],
          description:
            'Deletes a group (administrators). Its tickets keep their history and lose the group: each gets an "assigned" event from the group to none, written in the same transaction; sharing rules naming the group are deleted with it.',
          summary: 'Delete a group (its tickets lose the group)',
          params: IdParams,
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await deleteGroup(ctxOf(request, deps), request.params.id, wiring.releaseGroupTickets);
        await forgetCredentials();
        return noContent(reply);
      },
    );
  };
}
