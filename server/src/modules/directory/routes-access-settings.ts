// HTTP routes of the organisation-wide access settings. Administrators only, reads included.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { withExample } from '../../platform/api-docs.ts';
import { type AppDeps, ctxOf, errorResponses } from '../../platform/http.ts';
import { getAccessSettings, saveAccessSettings } from './access-settings.ts';
import { type DirectoryWiring, forgetter, strict } from './routes-common.ts';

const SettingsSchema = Type.Object(
  {
    headsSeeSubDepartments: Type.Boolean({
      description: "Whether a department's head also sees the tickets of its sub-departments",
    }),
  },
  strict,
);

export function accessSettingsRoutes(deps: AppDeps, wiring: DirectoryWiring): FastifyPluginAsyncTypebox {
  const forgetCredentials = forgetter(deps, wiring);
  return async (app) => {
    app.get(
      '/api/v1/access/settings',
      {
        schema: {
          tags: ['access'],
          description:
            'The organisation-wide access settings (administrators only): whether department heads also see the tickets of sub-departments.',
          summary: 'Access settings (administrators)',
          response: { 200: SettingsSchema, ...errorResponses },
        },
      },
      async (request) => getAccessSettings(ctxOf(request, deps)),
    );
    app.put(
      '/api/v1/access/settings',
      {
        schema: {
          tags: ['access'],
          description:
            'Replaces the access settings (administrators); every agent sees the effect from their next request.',
          summary: 'Change the access settings',
          body: withExample(SettingsSchema, { headsSeeSubDepartments: false }),
          response: { 200: SettingsSchema, ...errorResponses },
        },
      },
      async (request) => {
        const settings = await saveAccessSettings(ctxOf(request, deps), request.body);
        await forgetCredentials();
        return settings;
      },
    );
  };
}
