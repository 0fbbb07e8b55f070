// HTTP routes of saved views and of the many-counts query the side bar uses.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { withExample } from '../../platform/api-docs.ts';
import { type AppDeps, ctxOf, errorResponses, IdParams, noContent, Uuid } from '../../platform/http.ts';
import { PRESET_VIEW_IDS } from './preset-views.ts';
import { countViews, MAX_COUNT_CAP, MAX_COUNTS } from './view-counts.ts';
import { createView, deleteView, getView, listViews, updateView } from './views.ts';

const strict = { additionalProperties: false } as const;
const tags = ['views'];

const ConditionJson = Type.Object(
  {},
  {
    additionalProperties: true,
    description: 'A condition: {all:[…]}, {any:[…]}, {not:…} or {field, op, value}',
  },
);
const Name = Type.String({ minLength: 1, maxLength: 100 });
const Columns = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 40 });
const Sort = Type.String({ minLength: 1, maxLength: 200 });

export const ViewSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  condition: ConditionJson,
  columns: Type.Array(Type.String()),
  sort: Type.String(),
  ownerAgentId: Uuid,
  shared: Type.Boolean(),
  editable: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export function viewRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/v1/views',
      {
        schema: {
          tags,
          description:
            'The saved views you can use: the shared ones and your own, with their conditions, columns and sort.',
          summary: 'Saved views you can use: shared ones and your own',
          response: { 200: Type.Object({ items: Type.Array(ViewSchema) }), ...errorResponses },
        },
      },
      async (request) => ({ items: await listViews(ctxOf(request, deps)) }),
    );

    app.post(
      '/api/v1/views',
      {
        schema: {
          tags,
          description:
            'Saves a ticket view: a condition (the same JSON as the list filter), columns and sort. Shared views are visible to every agent and only administrators may save them.',
          summary: 'Save a view (shared views: administrators only)',
          body: withExample(
            Type.Object(
              {
                name: Name,
                condition: ConditionJson,
                columns: Type.Optional(Columns),
                sort: Type.Optional(Sort),
                shared: Type.Optional(Type.Boolean()),
              },
              strict,
            ),
            {
              name: 'Urgent and open',
              condition: {
                all: [
                  { field: 'priority', op: 'in', value: ['high', 'urgent'] },
                  { field: 'isOpen', op: 'eq', value: true },
                ],
              },
              columns: ['number', 'subject', 'priority', 'status', 'ownerAgentId', 'updatedAt'],
              sort: '-priority,-updatedAt',
              shared: false,
            },
          ),
          response: { 201: ViewSchema, ...errorResponses },
        },
      },
      async (request, reply) => reply.status(201).send(await createView(ctxOf(request, deps), request.body)),
    );

    app.get(
      '/api/v1/views/:id',
      {
        schema: {
          tags,
          description: 'One saved view you can use; 404 otherwise.',
          summary: 'One saved view',
          params: IdParams,
          response: { 200: ViewSchema, ...errorResponses },
        },
      },
      async (request) => getView(ctxOf(request, deps), request.params.id),
    );

    app.patch(
      '/api/v1/views/:id',
      {
        schema: {
          tags,
          description: 'Changes a view: your own, or a shared one if you are an administrator.',
          summary: 'Change a view: your own, or a shared one if you are an administrator',
          params: IdParams,
          body: withExample(
            Type.Object(
              {
                name: Type.Optional(Name),
                condition: Type.Optional(ConditionJson),
                columns: Type.Optional(Columns),
                sort: Type.Optional(Sort),
                shared: Type.Optional(Type.Boolean()),
              },
              { ...strict, minProperties: 1 },
            ),
            { name: 'Urgent, open, mine', sort: '-updatedAt' },
          ),
          response: { 200: ViewSchema, ...errorResponses },
        },
      },
      async (request) => updateView(ctxOf(request, deps), request.params.id, request.body),
    );

    app.delete(
      '/api/v1/views/:id',
      {
        schema: {
          tags,
          description: 'Deletes a view: your own, or a shared one if you are an administrator.',
          summary: 'Delete a view: your own, or a shared one if you are an administrator',
          params: IdParams,
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await deleteView(ctxOf(request, deps), request.params.id);
        return noContent(reply);
      },
    );

    app.post(
      '/api/v1/tickets/counts',
      {
        // Reads only (a POST for the size of its body): allowed in a "view as" preview.
        config: { readOnly: true },
        schema: {
          tags: ['tickets'],
          summary:
            'Count tickets for many filters and preset views at once: { filters: { key: condition }, presets: [id] } → { counts: { key: n }, capped: [keys] }',
          description:
            "Counts tickets for many filters in one request (e.g. the side-bar of views), and the preset views named in `presets` (their conditions answered for you: my unresolved, participating, subordinates' tickets, …). Counts are exact up to `cap` (default 10,000); a count that reaches it is given as `cap` and its key is listed in `capped`. For an exact total of a large set use GET /api/v1/tickets/count.",
          body: withExample(
            Type.Object(
              {
                filters: Type.Optional(
                  Type.Record(Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,100}$' }), ConditionJson, {
                    maxProperties: MAX_COUNTS,
                  }),
                ),
                presets: Type.Optional(
                  Type.Array(Type.Union(PRESET_VIEW_IDS.map((id) => Type.Literal(id))), {
                    maxItems: PRESET_VIEW_IDS.length,
                    description:
                      'Preset views to count, by id, each under its id: ' +
                      PRESET_VIEW_IDS.join(', ') +
                      ' (mine: my unresolved; all: every ticket you may see).',
                  }),
                ),
                cap: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_COUNT_CAP })),
              },
              strict,
            ),
            {
              filters: {
                open: { field: 'isOpen', op: 'eq', value: true },
                urgent: { field: 'priority', op: 'eq', value: 'urgent' },
              },
              presets: ['mine', 'participating'],
              cap: 10000,
            },
          ),
          response: {
            200: Type.Object({
              counts: Type.Record(Type.String(), Type.Integer()),
              capped: Type.Array(Type.String()),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => countViews(ctxOf(request, deps), request.body, request.body.cap),
    );
  };
}
