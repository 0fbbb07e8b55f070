// HTTP routes of macros: any agent keeps their own and applies any they see; shared macros are
// kept by administrators (checked in the services).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { withExample } from '../../platform/api-docs.ts';
import { type AppDeps, ctxOf, errorResponses, IdParams, noContent, Uuid } from '../../platform/http.ts';
import type { TicketConfigCache, TicketCtx, TicketHooks } from '../tickets/index.ts';
import {
  ApplyBody,
  ApplyResultSchema,
  MacroActions,
  MacroDescription,
  MacroName,
  MacroSchema,
  MacroShared,
  strict,
  Version,
} from './api-schemas.ts';
import { applyMacro } from './apply.ts';
import { createMacro, deleteMacro, getMacro, listMacros, updateMacro } from './macros.ts';

const tags = ['macros'];

const EXAMPLE_MACRO = {
  name: 'Warranty: ask for the receipt',
  description: 'First answer to a warranty request',
  shared: false,
  actions: [
    { type: 'set_field', field: 'priority', value: 'high' },
    { type: 'add_tags', tags: ['warranty'] },
    {
      type: 'reply',
      body: 'Hello, thank you for writing about {{ticket.subject}}. Could you send us a photo of the receipt?',
    },
    { type: 'set_field', field: 'status', value: 'pending' },
  ],
};

export function macroRoutes(
  deps: AppDeps,
  hooks: TicketHooks,
  config: TicketConfigCache,
): FastifyPluginAsyncTypebox {
  const ctx = (request: FastifyRequest): TicketCtx => ({ ...ctxOf(request, deps), hooks, config });
  return async (app) => {
    app.get(
      '/api/v1/macros',
      {
        schema: {
          tags,
          description:
            'The macros you may apply: the shared ones (first), then your personal ones, each by name. Another agent’s personal macros are never listed.',
          summary: 'Macros: shared and yours',
          response: { 200: Type.Object({ items: Type.Array(MacroSchema) }), ...errorResponses },
        },
      },
      async (request) => ({ items: await listMacros(ctx(request)) }),
    );

    app.post(
      '/api/v1/macros',
      {
        schema: {
          tags,
          description:
            'Creates a macro: personal (yours alone) or, for administrators, shared with the whole team. A bad action answers 400 naming its path (body/actions/0/field …); a name already used by a shared macro or one of yours answers 409.',
          summary: 'Create a macro',
          body: withExample(
            Type.Object(
              {
                name: MacroName,
                description: Type.Optional(MacroDescription),
                actions: MacroActions,
                shared: Type.Optional(MacroShared),
                departmentId: Type.Optional(Type.Union([Uuid, Type.Null()])),
              },
              strict,
            ),
            EXAMPLE_MACRO,
          ),
          response: { 201: MacroSchema, ...errorResponses },
        },
      },
      async (request, reply) => reply.status(201).send(await createMacro(ctx(request), request.body)),
    );

    app.get(
      '/api/v1/macros/:id',
      {
        schema: {
          tags,
          description:
            'One macro with its version (send it back when changing it). Another agent’s personal macro answers 404.',
          summary: 'One macro',
          params: IdParams,
          response: { 200: MacroSchema, ...errorResponses },
        },
      },
      async (request) => getMacro(ctx(request), request.params.id),
    );

    app.patch(
      '/api/v1/macros/:id',
      {
        schema: {
          tags,
          description:
            'Changes a macro: your personal ones, or (administrators) shared ones. Send the version you edited; a stale one answers 409 with the current macro.',
          summary: 'Change a macro; a stale version gets 409',
          params: IdParams,
          body: withExample(
            Type.Object(
              {
                version: Version,
                name: Type.Optional(MacroName),
                description: Type.Optional(MacroDescription),
                actions: Type.Optional(MacroActions),
                shared: Type.Optional(MacroShared),
                departmentId: Type.Optional(Type.Union([Uuid, Type.Null()])),
              },
              { ...strict, minProperties: 2 },
            ),
            { version: 1, name: 'Warranty: ask for the receipt and the serial number' },
          ),
          response: { 200: MacroSchema, ...errorResponses },
        },
      },
      async (request) => updateMacro(ctx(request), request.params.id, request.body),
    );

    app.delete(
      '/api/v1/macros/:id',
      {
        schema: {
          tags,
          description: 'Deletes a macro: one of yours, or (administrators) a shared one.',
          summary: 'Delete a macro',
          params: IdParams,
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await deleteMacro(ctx(request), request.params.id);
        return noContent(reply);
      },
    );

    app.post(
      '/api/v1/macros/:id/apply',
      {
        schema: {
          tags,
          description:
            'Applies a macro to tickets as you: each ticket in its own transaction, all of the macro’s actions or none, every change an event by you (your visibility and field permissions apply). A ticket you cannot see is reported as not found and a refused change as that ticket’s error; the others are applied. With `preview: true` nothing is written and the answer shows exactly what would change (fields from → to, the reply and note texts).',
          summary: 'Apply a macro to tickets, or preview it',
          params: IdParams,
          body: withExample(ApplyBody, {
            ticketIds: ['a8098c1a-f86e-41d1-9d0a-3b6c2f1e4d52'],
            preview: true,
          }),
          response: { 200: ApplyResultSchema, ...errorResponses },
        },
      },
      async (request) => applyMacro(ctx(request), request.params.id, request.body, request.language),
    );
  };
}
