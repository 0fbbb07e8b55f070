// HTTP routes of departments: a tree of help-desk units, each with a head and members.
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
import { deleteDepartment, listDepartments, saveDepartment } from './departments.ts';
import { type DirectoryWiring, forgetter, Name, Signature, strict } from './routes-common.ts';

const DepartmentSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  active: Type.Boolean(),
  signature: Type.String({ description: 'Sanitized HTML for public replies on its tickets' }),
  parentId: Type.Union([Uuid, Type.Null()], { description: 'The department above it; null at the top' }),
  headAgentId: Type.Union([Uuid, Type.Null()], { description: "The department's head" }),
  memberIds: Type.Array(Uuid, { description: 'Member agents' }),
});

const DepartmentBody = Type.Object(
  {
    name: Type.Optional(Name),
    active: Type.Optional(Type.Boolean()),
    signature: Type.Optional(Signature),
    parentId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    headAgentId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    memberIds: Type.Optional(Type.Array(Uuid, { maxItems: 1000 })),
  },
  strict,
);

export function departmentRoutes(deps: AppDeps, wiring: DirectoryWiring): FastifyPluginAsyncTypebox {
  const { database } = deps;
  const forgetCredentials = forgetter(deps, wiring);
  return async (app) => {
    app.get(
      '/api/v1/departments',
      {
        schema: {
          tags: ['departments'],
          description:
            'Every department, active or not, with its parent, head and member agent ids (open to every signed-in agent, for pickers).',
          summary: 'List departments',
          response: { 200: Type.Object({ items: Type.Array(DepartmentSchema) }), ...errorResponses },
        },
      },
      async (request) => {
        requireAgent(request);
        return { items: await listDepartments(database.db) };
      },
    );
    app.post(
      '/api/v1/departments',
      {
        schema: {
          tags: ['departments'],
          description:
            'Creates a department (administrators), optionally under a parent department, with a head and members. An unknown parent, head or member answers 400 naming the field.',
          summary: 'Create a department',
          body: withExample(DepartmentBody, {
            name: 'Customer Care',
            active: true,
            parentId: '16fd2706-8baf-433b-82eb-8c7fada847da',
            headAgentId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
            memberIds: ['7c9e6679-7425-40de-944b-e07fc1f90ae7', 'a8098c1a-f86e-41d1-9d0a-3b6c2f1e4d52'],
          }),
          response: { 201: DepartmentSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const department = await saveDepartment(ctxOf(request, deps), null, request.body);
        await forgetCredentials();
        return reply.status(201).send(department);
      },
    );
    app.patch(
      '/api/v1/departments/:id',
      {
        schema: {
          tags: ['departments'],
          description:
            'Changes a department (administrators): name, active flag (a deactivated department can no longer be chosen on tickets), signature, parent (a parent inside its own sub-tree answers 400 naming parentId), head, members (memberIds replaces them).',
          summary: 'Change a department',
          params: IdParams,
          body: withExample(DepartmentBody, { active: false, headAgentId: null }),
          response: { 200: DepartmentSchema, ...errorResponses },
        },
      },
      async (request) => {
        const department = await saveDepartment(ctxOf(request, deps), request.params.id, request.body);
        await forgetCredentials();
        return department;
      },
    );
    app.delete(
      '/api/v1/departments/:id',
      {
        schema: {
          tags: ['departments'],
          description:
            'Deletes a department (administrators); 409 while tickets or groups belong to it or it has sub-departments. Sharing rules naming it are deleted with it.',
          summary: 'Delete a department',
          params: IdParams,
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await deleteDepartment(ctxOf(request, deps), request.params.id);
        await forgetCredentials();
        return noContent(reply);
      },
    );
  };
}
