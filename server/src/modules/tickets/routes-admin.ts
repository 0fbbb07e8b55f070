// HTTP routes for what administrators configure about tickets: picklists, custom fields, numbering.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { type AppDeps, ctxOf, errorResponses, requireAgent, Uuid } from '../../platform/http.ts';
import { Labels, PicklistKey } from './api-schemas.ts';
import { loadCustomFieldDefs, saveCustomField } from './custom-fields.ts';
import { addPicklistValue, loadPicklists, reorderPicklist, updatePicklistValue } from './picklists.ts';
import { CUSTOM_FIELD_TYPES, PICKLISTS, STATUS_CATEGORIES } from './schema.ts';
import type { TicketConfigCache } from './ticket-config.ts';
import { getTicketSettings, updateTicketSettings } from './ticket-settings.ts';

const strict = { additionalProperties: false } as const;
const PicklistName = Type.Union(PICKLISTS.map((p) => Type.Literal(p)));
const StatusCategory = Type.Union(STATUS_CATEGORIES.map((c) => Type.Literal(c)));
const PicklistValueSchema = Type.Object({
  key: Type.String(),
  labels: Type.Object({}, { additionalProperties: true }),
  position: Type.Integer(),
  active: Type.Boolean(),
  category: Type.Union([Type.String(), Type.Null()]),
});
const CustomFieldSchema = Type.Object({
  id: Uuid,
  key: Type.String(),
  type: Type.String(),
  labels: Type.Object({}, { additionalProperties: true }),
  required: Type.Boolean(),
  defaultValue: Type.Unknown(),
  options: Type.Array(
    Type.Object({ key: Type.String(), labels: Type.Object({}, { additionalProperties: true }) }),
  ),
  position: Type.Integer(),
  active: Type.Boolean(),
});
const CustomFieldBody = Type.Object(
  {
    key: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    type: Type.Optional(Type.Union(CUSTOM_FIELD_TYPES.map((t) => Type.Literal(t)))),
    labels: Type.Optional(Labels),
    required: Type.Optional(Type.Boolean()),
    defaultValue: Type.Optional(Type.Unknown()),
    options: Type.Optional(
      Type.Array(Type.Object({ key: Type.String({ minLength: 1, maxLength: 50 }), labels: Labels }, strict), {
        maxItems: 500,
      }),
    ),
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
    active: Type.Optional(Type.Boolean()),
  },
  strict,
);

export function ticketAdminRoutes(deps: AppDeps, config: TicketConfigCache): FastifyPluginAsyncTypebox {
  const ctx = (request: FastifyRequest) => ({ ...ctxOf(request, deps), config });
  return async (app) => {
    app.get(
      '/api/v1/picklists',
      {
        schema: {
          tags: ['settings'],
          summary: 'Every picklist with its values in order',
          response: { 200: Type.Record(Type.String(), Type.Array(PicklistValueSchema)), ...errorResponses },
        },
      },
      async (request) => {
        requireAgent(request);
        return loadPicklists(deps.database.db);
      },
    );

    app.post(
      '/api/v1/picklists/:name/values',
      {
        schema: {
          tags: ['settings'],
          summary: 'Add a value (administrators)',
          params: Type.Object({ name: PicklistName }, strict),
          body: Type.Object(
            {
              key: PicklistKey,
              labels: Labels,
              category: Type.Optional(StatusCategory),
              position: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
            },
            strict,
          ),
          response: { 201: PicklistValueSchema, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await addPicklistValue(ctx(request), request.params.name, request.body)),
    );

    app.patch(
      '/api/v1/picklists/:name/values/:key',
      {
        schema: {
          tags: ['settings'],
          summary: 'Rename (labels) or (de)activate a value; keys and history never change',
          params: Type.Object({ name: PicklistName, key: PicklistKey }, strict),
          body: Type.Object(
            { labels: Type.Optional(Labels), active: Type.Optional(Type.Boolean()) },
            { ...strict, minProperties: 1 },
          ),
          response: { 200: PicklistValueSchema, ...errorResponses },
        },
      },
      async (request) =>
        updatePicklistValue(ctx(request), request.params.name, request.params.key, request.body),
    );

    app.put(
      '/api/v1/picklists/:name/order',
      {
        schema: {
          tags: ['settings'],
          summary: 'Reorder a picklist: list every key once',
          params: Type.Object({ name: PicklistName }, strict),
          body: Type.Object({ keys: Type.Array(PicklistKey, { maxItems: 500 }) }, strict),
          response: { 200: Type.Array(PicklistValueSchema), ...errorResponses },
        },
      },
      async (request) => reorderPicklist(ctx(request), request.params.name, request.body.keys),
    );

    app.get(
      '/api/v1/custom-fields',
      {
        schema: {
          tags: ['settings'],
          summary: 'Custom ticket fields',
          response: { 200: Type.Object({ items: Type.Array(CustomFieldSchema) }), ...errorResponses },
        },
      },
      async (request) => {
        requireAgent(request);
        return { items: await loadCustomFieldDefs(deps.database.db) };
      },
    );
    app.post(
      '/api/v1/custom-fields',
      {
        schema: {
          tags: ['settings'],
          summary: 'Define a custom ticket field (administrators)',
          body: CustomFieldBody,
          response: { 201: CustomFieldSchema, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await saveCustomField(ctx(request), null, request.body)),
    );
    app.patch(
      '/api/v1/custom-fields/:id',
      {
        schema: {
          tags: ['settings'],
          summary: 'Change a custom field (key and type are fixed)',
          params: Type.Object({ id: Uuid }, strict),
          body: CustomFieldBody,
          response: { 200: CustomFieldSchema, ...errorResponses },
        },
      },
      async (request) => saveCustomField(ctx(request), request.params.id, request.body),
    );

    const SettingsSchema = Type.Object({ numberPrefix: Type.String() });
    app.get(
      '/api/v1/settings/tickets',
      {
        schema: {
          tags: ['settings'],
          summary: 'Ticket settings',
          response: { 200: SettingsSchema, ...errorResponses },
        },
      },
      async (request) => {
        requireAgent(request);
        return getTicketSettings(deps.database.db);
      },
    );
    app.put(
      '/api/v1/settings/tickets',
      {
        schema: {
          tags: ['settings'],
          summary: 'Change ticket settings (administrators)',
          body: Type.Object({ numberPrefix: Type.String({ maxLength: 10 }) }, strict),
          response: { 200: SettingsSchema, ...errorResponses },
        },
      },
      async (request) => updateTicketSettings(ctx(request), request.body),
    );
  };
}
