// Administrators see background jobs that failed for good, and put them back in the queue.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { notFound } from './errors.ts';
import { type AppDeps, errorResponses, noContent, requireAdmin } from './http.ts';
import { listFailedJobs, retryJob } from './outbox.ts';

const FailedJobSchema = Type.Object({
  id: Type.Integer(),
  topic: Type.String(),
  payload: Type.Object({}, { additionalProperties: true }),
  attempts: Type.Integer(),
  maxAttempts: Type.Integer(),
  lastError: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
});

export function outboxRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/v1/admin/jobs/failed',
      {
        schema: {
          tags: ['admin'],
          description:
            'Background jobs (notifications, mail, SLA timers, …) that failed on every attempt, newest first, with their last error (administrators).',
          summary: 'Background jobs that failed after every retry (administrators)',
          querystring: Type.Object(
            { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ items: Type.Array(FailedJobSchema) }), ...errorResponses },
        },
      },
      async (request) => {
        requireAdmin(request);
        const jobs = await listFailedJobs(deps.database.db, { limit: request.query.limit ?? 100 });
        return {
          items: jobs.map((j) => ({
            ...j,
            createdAt: j.createdAt.toISOString(),
            finishedAt: j.finishedAt?.toISOString() ?? null,
          })),
        };
      },
    );
    app.post(
      '/api/v1/admin/jobs/:id/retry',
      {
        schema: {
          tags: ['admin'],
          description:
            'Queues a failed job again with its attempts reset (administrators); 404 if it is not a failed job.',
          summary: 'Run a failed job again (administrators)',
          params: Type.Object({ id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        requireAdmin(request);
        if (!(await retryJob(deps.database.db, deps.clock, request.params.id))) throw notFound('Failed job');
        return noContent(reply);
      },
    );
  };
}
