// HTTP routes of tickets' SLA state (S3, S5) and of the background re-computation's progress.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { withExample } from '../../platform/api-docs.ts';
import { type AppDeps, ctxOf, errorResponses, IdParams, Uuid } from '../../platform/http.ts';
import { assertAdmin } from '../access/index.ts';
import type { SlaConfigCache } from './policy-matching.ts';
import { SLA_METRICS } from './policy-shapes.ts';
import { recomputeProgress } from './sla-recompute.ts';
import { MAX_SLA_IDS, ticketSlaOf, ticketSlas } from './ticket-sla-read.ts';

const strict = { additionalProperties: false } as const;
const Instant = Type.String({ format: 'date-time' });

const ClockSchema = Type.Object({
  metric: Type.Union([
    Type.Literal(SLA_METRICS[0]),
    Type.Literal(SLA_METRICS[1]),
    Type.Literal(SLA_METRICS[2]),
  ]),
  targetMinutes: Type.Integer(),
  startedAt: Instant,
  dueAt: Type.Union([Instant, Type.Null()]),
  metAt: Type.Union([Instant, Type.Null()]),
  status: Type.Union([
    Type.Literal('running'),
    Type.Literal('paused'),
    Type.Literal('met'),
    Type.Literal('breached'),
    Type.Literal('stopped'),
  ]),
  breached: Type.Boolean(),
  secondsUsed: Type.Integer(),
  secondsLeft: Type.Integer(),
});

export const TicketSlaSchema = Type.Object({
  ticketId: Uuid,
  policy: Type.Union([Type.Object({ id: Uuid, name: Type.String() }), Type.Null()]),
  paused: Type.Boolean(),
  clocks: Type.Array(ClockSchema),
  pauses: Type.Array(
    Type.Object({
      from: Instant,
      to: Type.Union([Instant, Type.Null()]),
      reason: Type.Union([Type.Literal('pending'), Type.Literal('resolved')]),
    }),
  ),
});

export function ticketSlaRoutes(deps: AppDeps, config: SlaConfigCache): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/v1/tickets/:id/sla',
      {
        schema: {
          tags: ['sla'],
          description:
            "A ticket's SLA now: the policy, and for each clock (first response, next response, resolution) its due time, business time used, state (running, paused, met, breached) and the pauses.",
          summary: "A ticket's SLA: policy, each clock's due time, time used and state now, and its stops",
          params: IdParams,
          response: { 200: TicketSlaSchema, ...errorResponses },
        },
      },
      async (request) => ticketSlaOf(ctxOf(request, deps), config, request.params.id),
    );

    app.post(
      '/api/v1/sla/tickets',
      {
        schema: {
          tags: ['sla'],
          description:
            'The SLA of many tickets at once, e.g. for the rows of a list; tickets you may not see are left out.',
          summary:
            'The SLA of many tickets at once (the rows of a list); tickets you may not see are left out',
          body: withExample(Type.Object({ ids: Type.Array(Uuid, { maxItems: MAX_SLA_IDS }) }, strict), {
            ids: ['7c9e6679-7425-40de-944b-e07fc1f90ae7', 'a8098c1a-f86e-41d1-9d0a-3b6c2f1e4d52'],
          }),
          response: { 200: Type.Object({ items: Type.Array(TicketSlaSchema) }), ...errorResponses },
        },
      },
      async (request) => ({ items: await ticketSlas(ctxOf(request, deps), config, request.body.ids) }),
    );

    app.get(
      '/api/v1/sla/recompute',
      {
        schema: {
          tags: ['sla'],
          description:
            "Progress of re-computing the open tickets' SLAs after a policy or calendar change (administrators).",
          summary: 'Progress of re-computing open tickets after a policy or calendar change (administrators)',
          response: {
            200: Type.Object({
              state: Type.Union([Type.Literal('idle'), Type.Literal('running'), Type.Literal('done')]),
              total: Type.Integer(),
              done: Type.Integer(),
              startedAt: Type.Union([Instant, Type.Null()]),
              finishedAt: Type.Union([Instant, Type.Null()]),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const ctx = ctxOf(request, deps);
        assertAdmin(ctx.actor, 'settings');
        return recomputeProgress(ctx.db);
      },
    );
  };
}
