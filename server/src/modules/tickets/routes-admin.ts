// HTTP routes for what administrators configure about tickets: picklists, custom fields, numbering.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { withExample } from '../../platform/api-docs.ts';
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
          description:
            'Every picklist (status, priority, severity, category, type, …) with its values in order: key, labels in five languages, active flag, and for statuses the category (new, open, pending, resolved, closed).',
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
          description:
            'Adds a value to a picklist (administrators). The key is permanent and is what the API and filters use; labels are shown per language. Statuses need a category.',
          summary: 'Add a value (administrators)',
          params: Type.Object({ name: PicklistName }, strict),
          body: withExample(
            Type.Object(
              {
                key: PicklistKey,
                labels: Labels,
                category: Type.Optional(StatusCategory),
                position: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
              },
              strict,
            ),
            {
              key: 'awaiting_parts',
              labels: {
                en: 'Awaiting parts',
                fr: 'En attente de pièces',
                ru: 'Ожидание запчастей',
                'zh-CN': '等待配件',
                'zh-TW': '等待配件',
              },
              category: 'pending',
            },
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
          description:
            'Renames a value (labels) or (de)activates it (administrators). Keys and history never change; an inactive value stays on existing tickets but cannot be chosen anew.',
          summary: 'Rename (labels) or (de)activate a value; keys and history never change',
          params: Type.Object({ name: PicklistName, key: PicklistKey }, strict),
          body: withExample(
            Type.Object(
              { labels: Type.Optional(Labels), active: Type.Optional(Type.Boolean()) },
              { ...strict, minProperties: 1 },
            ),
            { labels: { en: 'Waiting for parts' }, active: true },
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
          description:
            'Reorders a picklist (administrators): list every key exactly once. For priorities the order is also their rank when sorting.',
          summary: 'Reorder a picklist: list every key once',
          params: Type.Object({ name: PicklistName }, strict),
          body: withExample(Type.Object({ keys: Type.Array(PicklistKey, { maxItems: 500 }) }, strict), {
            keys: ['urgent', 'high', 'normal', 'low'],
          }),
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
          description:
            'The custom ticket fields: key, type, labels, required flag, default, options (for picklists) and position.',
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
          description:
            'Defines a custom ticket field (administrators). Its values are then read and written under `custom.<key>` on tickets, validated by type, and usable in filters and sorts.',
          summary: 'Define a custom ticket field (administrators)',
          body: withExample(CustomFieldBody, {
            key: 'serialNumber',
            type: 'text',
            labels: { en: 'Serial number', fr: 'Numéro de série' },
            required: false,
          }),
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
          description:
            "Changes a custom field's labels, required flag, default, options, position or active flag (administrators); its key and type are fixed.",
          summary: 'Change a custom field (key and type are fixed)',
          params: Type.Object({ id: Uuid }, strict),
          body: withExample(CustomFieldBody, { labels: { en: 'Device serial number' }, required: true }),
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
          description: 'Ticket settings, e.g. the prefix of new ticket numbers.',
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
          description:
            'Changes ticket settings (administrators). A new number prefix applies to new tickets; existing numbers keep theirs.',
          summary: 'Change ticket settings (administrators)',
          body: withExample(Type.Object({ numberPrefix: Type.String({ maxLength: 10 }) }, strict), {
            numberPrefix: 'HD-',
          }),
          response: { 200: SettingsSchema, ...errorResponses },
        },
      },
      async (request) => updateTicketSettings(ctx(request), request.body),
    );
  };
}
