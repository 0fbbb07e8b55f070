// HTTP routes of the signed-in agent's notifications.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { withExample } from '../../platform/api-docs.ts';
import { type AppDeps, ctxOf, errorResponses, Uuid } from '../../platform/http.ts';
import { listNotifications, markRead } from './notifications.ts';

const strict = { additionalProperties: false } as const;
const tags = ['notifications'];
const Id = Type.String({ pattern: '^[0-9]{1,18}$' });

const NotificationSchema = Type.Object({
  id: Id,
  kind: Type.String(),
  ticketId: Type.Union([Uuid, Type.Null()]),
  data: Type.Record(Type.String(), Type.Unknown()),
  createdAt: Type.String({ format: 'date-time' }),
  readAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export function notificationRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/v1/me/notifications',
      {
        schema: {
          tags,
          description:
            'Your notifications (assignments, mentions, SLA warnings, …), newest first, a page at a time, with the number unread.',
          summary: 'Your notifications, newest first, with the number unread',
          querystring: Type.Object(
            {
              limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
              cursor: Type.Optional(Id),
              unread: Type.Optional(Type.Boolean()),
            },
            strict,
          ),
          response: {
            200: Type.Object({
              items: Type.Array(NotificationSchema),
              unread: Type.Integer(),
              nextCursor: Type.Union([Id, Type.Null()]),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) =>
        listNotifications(ctxOf(request, deps), {
          ...(request.query.limit !== undefined ? { limit: request.query.limit } : {}),
          ...(request.query.cursor !== undefined ? { before: request.query.cursor } : {}),
          ...(request.query.unread !== undefined ? { unreadOnly: request.query.unread } : {}),
        }),
    );

    app.post(
      '/api/v1/me/notifications/read',
      {
        schema: {
          tags,
          description: 'Marks notifications read: the given ids, or all of yours with { all: true }.',
          summary: 'Mark notifications read: { ids: [...] } or { all: true }',
          body: withExample(
            Type.Union([
              Type.Object({ ids: Type.Array(Id, { minItems: 1, maxItems: 500 }) }, strict),
              Type.Object({ all: Type.Literal(true) }, strict),
            ]),
            { ids: ['1042', '1043'] },
          ),
          response: { 200: Type.Object({ marked: Type.Integer() }), ...errorResponses },
        },
      },
      async (request) => ({
        marked: await markRead(ctxOf(request, deps), 'ids' in request.body ? request.body.ids : 'all'),
      }),
    );
  };
}
