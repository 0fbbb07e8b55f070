// HTTP routes of profiles: per module the allowed actions, per ticket field hidden or read-only,
// and the ticket reach. Administrators only, reads included.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { withExample } from '../../platform/api-docs.ts';
import { type AppDeps, ctxOf, errorResponses, IdParams, noContent, Uuid } from '../../platform/http.ts';
import {
  createProfile,
  deleteProfile,
  getProfile,
  listProfiles,
  profileCatalog,
  updateProfile,
} from './profiles.ts';
import { Description, type DirectoryWiring, forgetter, Name, strict } from './routes-common.ts';

const ActionSchema = Type.Union([
  Type.Literal('view'),
  Type.Literal('create'),
  Type.Literal('edit'),
  Type.Literal('delete'),
  Type.Literal('export'),
]);
const ReachSchema = Type.Union([Type.Literal('all'), Type.Literal('departments'), Type.Literal('rules')], {
  description:
    "all: every ticket; departments: the tickets of my departments (and what rules: gives); rules: my own, my groups', my subordinates', team and shared tickets",
});

const ProfileSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  description: Type.String(),
  ticketReach: ReachSchema,
  permissions: Type.Record(Type.String(), Type.Array(ActionSchema), {
    description: 'Per module (GET /api/v1/profiles/catalog), the allowed actions',
  }),
  fieldAccess: Type.Record(Type.String(), Type.Union([Type.Literal('hidden'), Type.Literal('read_only')]), {
    description: 'Per ticket field (`priority`, `custom.<key>`), hidden or read-only; absent means editable',
  }),
  roleIds: Type.Array(Uuid, { description: 'The roles that carry this profile' }),
  shipped: Type.Boolean({ description: 'One of the profiles Caseway ships (cannot be deleted)' }),
});

const CatalogSchema = Type.Object({
  modules: Type.Array(Type.Object({ key: Type.String(), actions: Type.Array(ActionSchema) })),
  fields: Type.Array(Type.Object({ key: Type.String(), custom: Type.Boolean(), label: Type.String() })),
});

/** Checked in the service, so an unknown module, action or field is named (`permissions.<module>`). */
const PermissionsBody = Type.Record(
  Type.String({ maxLength: 100 }),
  Type.Array(Type.String({ maxLength: 50 }), { maxItems: 10 }),
);
const FieldAccessBody = Type.Record(Type.String({ maxLength: 200 }), Type.String({ maxLength: 50 }));
const ReachBody = Type.String({ maxLength: 50, description: 'all, departments or rules' });

const EXAMPLE_PERMISSIONS = {
  tickets: ['view', 'create', 'edit'],
  contacts: ['view'],
  knowledge_base: ['view', 'create', 'edit'],
};

export function profileRoutes(deps: AppDeps, wiring: DirectoryWiring): FastifyPluginAsyncTypebox {
  const forgetCredentials = forgetter(deps, wiring);
  return async (app) => {
    app.get(
      '/api/v1/profiles',
      {
        schema: {
          tags: ['profiles'],
          description:
            'Every profile with its ticket reach, per-module actions, per-field access and the roles that carry it (administrators only).',
          summary: 'List profiles (administrators)',
          response: { 200: Type.Object({ items: Type.Array(ProfileSchema) }), ...errorResponses },
        },
      },
      async (request) => ({ items: await listProfiles(ctxOf(request, deps)) }),
    );
    app.get(
      '/api/v1/profiles/catalog',
      {
        schema: {
          tags: ['profiles'],
          description:
            'What a profile can name: the modules with their actions, and the ticket fields that can be hidden or read-only — the standard ones and `custom.<key>` for each custom ticket field, with its English label (administrators only).',
          summary: 'Modules, actions and ticket fields a profile can name',
          response: { 200: CatalogSchema, ...errorResponses },
        },
      },
      async (request) => profileCatalog(ctxOf(request, deps), wiring.ticketFields),
    );
    app.get(
      '/api/v1/profiles/:id',
      {
        schema: {
          tags: ['profiles'],
          description: 'One profile with its permissions and the roles that carry it; 404 if there is none.',
          summary: 'One profile (administrators)',
          params: IdParams,
          response: { 200: ProfileSchema, ...errorResponses },
        },
      },
      async (request) => getProfile(ctxOf(request, deps), request.params.id),
    );
    app.post(
      '/api/v1/profiles',
      {
        schema: {
          tags: ['profiles'],
          description:
            'Creates a profile (administrators). With copyOf, the reach, permissions and field access of that profile are copied and the values in the body win. An unknown module or action answers 400 naming `permissions.<module>`, an unknown field `fieldAccess.<field>`; a name already used 409.',
          summary: 'Create a profile (optionally as a copy)',
          body: withExample(
            Type.Object(
              {
                name: Name,
                description: Type.Optional(Description),
                ticketReach: Type.Optional(ReachBody),
                permissions: Type.Optional(PermissionsBody),
                fieldAccess: Type.Optional(FieldAccessBody),
                copyOf: Type.Optional(Uuid),
              },
              strict,
            ),
            {
              name: 'Agent without priorities',
              description: 'Like Agent, but the priority is read-only',
              ticketReach: 'rules',
              permissions: EXAMPLE_PERMISSIONS,
              fieldAccess: { priority: 'read_only' },
              copyOf: '00000000-0000-4000-8000-0000000000a3',
            },
          ),
          response: { 201: ProfileSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const profile = await createProfile(ctxOf(request, deps), request.body, wiring.ticketFields);
        await forgetCredentials();
        return reply.status(201).send(profile);
      },
    );
    app.patch(
      '/api/v1/profiles/:id',
      {
        schema: {
          tags: ['profiles'],
          description:
            'Changes a profile (administrators); permissions and fieldAccess, when given, replace the current ones. Agents of the roles carrying it get the change from their next request. The shipped Administrator profile cannot be changed (409).',
          summary: 'Change a profile',
          params: IdParams,
          body: withExample(
            Type.Object(
              {
                name: Type.Optional(Name),
                description: Type.Optional(Description),
                ticketReach: Type.Optional(ReachBody),
                permissions: Type.Optional(PermissionsBody),
                fieldAccess: Type.Optional(FieldAccessBody),
              },
              strict,
            ),
            { fieldAccess: { priority: 'read_only', 'custom.serialNumber': 'hidden' } },
          ),
          response: { 200: ProfileSchema, ...errorResponses },
        },
      },
      async (request) => {
        const profile = await updateProfile(
          ctxOf(request, deps),
          request.params.id,
          request.body,
          wiring.ticketFields,
        );
        await forgetCredentials();
        return profile;
      },
    );
    app.delete(
      '/api/v1/profiles/:id',
      {
        schema: {
          tags: ['profiles'],
          description:
            'Deletes a profile (administrators); 409 while a role carries it, or for a shipped profile.',
          summary: 'Delete a profile',
          params: IdParams,
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await deleteProfile(ctxOf(request, deps), request.params.id);
        await forgetCredentials();
        return noContent(reply);
      },
    );
  };
}
