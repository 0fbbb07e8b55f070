// HTTP routes of SLA calendars, policies and the clock preview.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { withExample } from '../../platform/api-docs.ts';
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

/** The calendar the API examples use: an office in Los Angeles with a split Friday and two holidays. */
const EXAMPLE_CALENDAR = {
  timezone: 'America/Los_Angeles',
  week: {
    mon: [['09:00', '17:00']],
    tue: [['09:00', '17:00']],
    wed: [['09:00', '17:00']],
    thu: [['09:00', '17:00']],
    fri: [
      ['09:00', '13:00'],
      ['14:00', '17:00'],
    ],
    sat: [],
    sun: [],
  },
  holidays: ['2026-12-25', '2027-01-01'],
};

export function slaRoutes(deps: AppDeps, sla: SlaConfigInvalidator): FastifyPluginAsyncTypebox {
  const ctx = (request: FastifyRequest) => ({ ...ctxOf(request, deps), sla });
  return async (app) => {
    app.get(
      '/api/v1/sla/calendars',
      {
        schema: {
          tags,
          description:
            'Business-hours calendars (time zone, working hours per weekday, holidays), the built-in 24×7 calendar first.',
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
          description:
            'Creates a business-hours calendar (administrators): an IANA time zone, working periods per weekday ("HH:MM" pairs; several per day for split shifts) and holiday dates.',
          summary: 'Create a calendar (administrators)',
          body: withExample(Type.Object({ name: CalendarName, definition: CalendarDefinition }, strict), {
            name: 'Los Angeles office',
            definition: EXAMPLE_CALENDAR,
          }),
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
          description: 'One calendar with its version (send it back when changing it).',
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
          description:
            "Changes a calendar (administrators). Send the version you edited; a stale one answers 409 with the current calendar. Open tickets' SLA due times are re-computed in the background.",
          summary: 'Change a calendar (administrators); a stale version gets 409 with the current one',
          params: IdParams,
          body: withExample(
            Type.Object(
              {
                version: Version,
                name: Type.Optional(CalendarName),
                definition: Type.Optional(CalendarDefinition),
              },
              { ...strict, minProperties: 2 },
            ),
            { version: 2, name: 'Los Angeles office (winter hours)' },
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
          description:
            'Deletes a calendar that no policy uses (administrators); otherwise 409 naming the policies.',
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
          description:
            'Adds holidays from pasted text: dates (YYYY-MM-DD) separated by newlines, commas, semicolons or spaces; lines like "2026-12-25 Christmas" work too. Send the calendar\'s version.',
          summary:
            'Add holidays from pasted text: dates separated by newlines, commas, semicolons or spaces; "2026-12-25 Christmas" lines too',
          params: IdParams,
          body: withExample(
            Type.Object(
              { version: Version, text: Type.String({ minLength: 1, maxLength: 100_000 }) },
              strict,
            ),
            { version: 3, text: '2026-12-24 Christmas Eve\n2026-12-25 Christmas\n2027-01-01' },
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
          description:
            'SLA policies in the order they are tried on a ticket; the first whose condition matches applies, the default (no condition) last.',
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
          description:
            'Creates an SLA policy (administrators), tried after the others and before the default: a condition on the ticket, targets per priority (first response, next response, resolution, in business minutes of a calendar), an optional warning and escalations.',
          summary: 'Create a policy, tried after the others and before the default (administrators)',
          body: withExample(
            Type.Object(
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
            {
              name: 'VIP customers',
              condition: { field: 'organization.tier', op: 'eq', value: 'vip' },
              targets: {
                urgent: {
                  firstResponse: { minutes: 30, calendarId: 'e4eaaaf2-d142-41c6-8b1e-9f2c3d4e5f60' },
                  resolution: { minutes: 240, calendarId: 'e4eaaaf2-d142-41c6-8b1e-9f2c3d4e5f60' },
                },
                high: { firstResponse: { minutes: 60, calendarId: 'e4eaaaf2-d142-41c6-8b1e-9f2c3d4e5f60' } },
              },
              warning: { percentUsed: 80 },
              active: true,
            },
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
          description:
            'Sets the order policies are tried in (administrators): every non-default policy id exactly once.',
          summary: 'Set the order policies are tried in: every non-default policy id once (administrators)',
          body: withExample(Type.Object({ ids: Type.Array(Uuid, { maxItems: 1000 }) }, strict), {
            ids: ['a8098c1a-f86e-41d1-9d0a-3b6c2f1e4d52', '7c9e6679-7425-40de-944b-e07fc1f90ae7'],
          }),
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
          description: 'One SLA policy with its version (send it back when changing it).',
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
          description:
            "Changes a policy (administrators). Send the version you edited; a stale one answers 409 with the current policy. Open tickets' SLAs are re-computed in the background (progress: GET /api/v1/sla/recompute).",
          summary: 'Change a policy (administrators); a stale version gets 409 with the current one',
          params: IdParams,
          body: withExample(
            Type.Object(
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
            { version: 5, warning: { minutesBefore: 15 }, active: true },
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
          description:
            'Deletes a policy other than the default (administrators); its tickets fall to the next matching policy.',
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
          description:
            'Works out when a target of business minutes from a start instant would be due on a calendar (a saved one by calendarId, or one given inline), with pauses excluded; null when it never falls due (e.g. still paused).',
          summary: 'When a target of business minutes from start would be due (null: never, e.g. paused)',
          body: withExample(PreviewBody, {
            calendarId: 'e4eaaaf2-d142-41c6-8b1e-9f2c3d4e5f60',
            start: '2026-12-23T16:30:00Z',
            targetMinutes: 480,
            pauses: [{ from: '2026-12-23T18:00:00Z', to: '2026-12-23T20:00:00Z' }],
          }),
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
          description: 'Counts the seconds of business time in [from, to) on a calendar, pauses excluded.',
          summary: 'Seconds of business time in [from, to), pauses excluded',
          body: withExample(ElapsedBody, {
            calendar: EXAMPLE_CALENDAR,
            from: '2026-12-23T16:30:00Z',
            to: '2026-12-28T18:00:00Z',
            pauses: [],
          }),
          response: { 200: Type.Object({ seconds: Type.Integer() }), ...errorResponses },
        },
      },
      async (request) => previewElapsed(ctx(request), request.body),
    );
  };
}
