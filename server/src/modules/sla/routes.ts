// HTTP routes of SLA calendars, policies and the clock preview.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { type AppDeps, ctxOf, errorResponses, IdParams, noContent, Uuid } from '../../platform/http.ts';
import {
  CalendarDefinition,
  CalendarName,
  CalendarSchema,
  ConditionJson,
  Description,
  ElapsedBody,
  Escalations,
  HolidayImportSchema,
  PolicyName,
  PolicySchema,
  PreviewBody,
  strict,
  Targets,
  Version,
  Warning,
} from './api-schemas.ts';
import {
  createCalendar,
  deleteCalendar,
  getCalendar,
  importHolidays,
  listCalendars,
  updateCalendar,
} from './calendars.ts';
import { previewDueAt, previewElapsed } from './clock-preview.ts';
import {
  createPolicy,
  deletePolicy,
  getPolicy,
  listPolicies,
  reorderPolicies,
  updatePolicy,
} from './policies.ts';
import type { SlaConfigInvalidator } from './sla-config-change.ts';

const tags = ['sla'];

export function slaRoutes(deps: AppDeps, sla: SlaConfigInvalidator): FastifyPluginAsyncTypebox {
  const ctx = (request: FastifyRequest) => ({ ...ctxOf(request, deps), sla });
  return async (app) => {
    app.get(
      '/api/v1/sla/calendars',
      {
        schema: {
          tags,
          summary: 'Business-hours calendars, the built-in 24×7 first',
          response: { 200: Type.Object({ items: Type.Array(CalendarSchema) }), ...errorResponses },
        },
      },
      async (request) => ({ items: await listCalendars(ctx(request)) }),
    );

    app.post(
      '/api/v1/sla/calendars',
      {
        schema: {
          tags,
          summary: 'Create a calendar (administrators)',
          body: Type.Object({ name: CalendarName, definition: CalendarDefinition }, strict),
          response: { 201: CalendarSchema, ...errorResponses },
        },
      },
      async (request, reply) => reply.status(201).send(await createCalendar(ctx(request), request.body)),
    );

    app.get(
      '/api/v1/sla/calendars/:id',
      {
        schema: {
          tags,
          summary: 'One calendar',
          params: IdParams,
          response: { 200: CalendarSchema, ...errorResponses },
        },
      },
      async (request) => getCalendar(ctx(request), request.params.id),
    );

    app.patch(
      '/api/v1/sla/calendars/:id',
      {
        schema: {
          tags,
          summary: 'Change a calendar (administrators); a stale version gets 409 with the current one',
          params: IdParams,
          body: Type.Object(
            {
              version: Version,
              name: Type.Optional(CalendarName),
              definition: Type.Optional(CalendarDefinition),
            },
            { ...strict, minProperties: 2 },
          ),
          response: { 200: CalendarSchema, ...errorResponses },
        },
      },
      async (request) => updateCalendar(ctx(request), request.params.id, request.body),
    );

    app.delete(
      '/api/v1/sla/calendars/:id',
      {
        schema: {
          tags,
          summary: 'Delete a calendar no policy uses (administrators)',
          params: IdParams,
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await deleteCalendar(ctx(request), request.params.id);
        return noContent(reply);
      },
    );

    app.post(
      '/api/v1/sla/calendars/:id/holidays/import',
      {
        schema: {
          tags,
          summary:
            'Add holidays from pasted text: dates separated by newlines, commas, semicolons or spaces; "2026-12-25 Christmas" lines too',
          params: IdParams,
          body: Type.Object(
            { version: Version, text: Type.String({ minLength: 1, maxLength: 100_000 }) },
            strict,
          ),
          response: { 200: HolidayImportSchema, ...errorResponses },
        },
      },
      async (request) => importHolidays(ctx(request), request.params.id, request.body),
    );

    app.get(
      '/api/v1/sla/policies',
      {
        schema: {
          tags,
          summary: 'SLA policies in the order they are tried; the default last',
          response: { 200: Type.Object({ items: Type.Array(PolicySchema) }), ...errorResponses },
        },
      },
      async (request) => ({ items: await listPolicies(ctx(request)) }),
    );

    app.post(
      '/api/v1/sla/policies',
      {
        schema: {
          tags,
          summary: 'Create a policy, tried after the others and before the default (administrators)',
          body: Type.Object(
            {
              name: PolicyName,
              description: Type.Optional(Description),
              condition: ConditionJson,
              targets: Targets,
              warning: Type.Optional(Warning),
              escalations: Type.Optional(Escalations),
              active: Type.Optional(Type.Boolean()),
            },
            strict,
          ),
          response: { 201: PolicySchema, ...errorResponses },
        },
      },
      async (request, reply) => reply.status(201).send(await createPolicy(ctx(request), request.body)),
    );

    app.post(
      '/api/v1/sla/policies/order',
      {
        schema: {
          tags,
          summary: 'Set the order policies are tried in: every non-default policy id once (administrators)',
          body: Type.Object({ ids: Type.Array(Uuid, { maxItems: 1000 }) }, strict),
          response: { 200: Type.Object({ items: Type.Array(PolicySchema) }), ...errorResponses },
        },
      },
      async (request) => ({ items: await reorderPolicies(ctx(request), request.body.ids) }),
    );

    app.get(
      '/api/v1/sla/policies/:id',
      {
        schema: {
          tags,
          summary: 'One policy',
          params: IdParams,
          response: { 200: PolicySchema, ...errorResponses },
        },
      },
      async (request) => getPolicy(ctx(request), request.params.id),
    );

    app.patch(
      '/api/v1/sla/policies/:id',
      {
        schema: {
          tags,
          summary: 'Change a policy (administrators); a stale version gets 409 with the current one',
          params: IdParams,
          body: Type.Object(
            {
              version: Version,
              name: Type.Optional(PolicyName),
              description: Type.Optional(Description),
              condition: Type.Optional(Type.Union([ConditionJson, Type.Null()])),
              targets: Type.Optional(Targets),
              warning: Type.Optional(Warning),
              escalations: Type.Optional(Escalations),
              active: Type.Optional(Type.Boolean()),
            },
            { ...strict, minProperties: 2 },
          ),
          response: { 200: PolicySchema, ...errorResponses },
        },
      },
      async (request) => updatePolicy(ctx(request), request.params.id, request.body),
    );

    app.delete(
      '/api/v1/sla/policies/:id',
      {
        schema: {
          tags,
          summary: 'Delete a policy other than the default (administrators)',
          params: IdParams,
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await deletePolicy(ctx(request), request.params.id);
        return noContent(reply);
      },
    );

    app.post(
      '/api/v1/sla/preview',
      {
        schema: {
          tags,
          summary: 'When a target of business minutes from start would be due (null: never, e.g. paused)',
          body: PreviewBody,
          response: {
            200: Type.Object({ dueAt: Type.Union([Type.String(), Type.Null()]) }),
            ...errorResponses,
          },
        },
      },
      async (request) => previewDueAt(ctx(request), request.body),
    );

    app.post(
      '/api/v1/sla/elapsed',
      {
        schema: {
          tags,
          summary: 'Seconds of business time in [from, to), pauses excluded',
          body: ElapsedBody,
          response: { 200: Type.Object({ seconds: Type.Integer() }), ...errorResponses },
        },
      },
      async (request) => previewElapsed(ctx(request), request.body),
    );
  };
}
