// Live ticket events over Server-Sent Events (N4). Commands NOTIFY on commit; every app node
// listens and pushes to its own connected agents, checking visibility with the same ticketScope.
import type { ServerResponse } from 'node:http';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../platform/context.ts';
import { type AppDeps, requireAgent } from '../../platform/http.ts';
import { ticketScope, ticketScopeKey } from '../access/index.ts';
import { TICKET_EVENTS_CHANNEL } from './command-core.ts';
import { tickets } from './schema.ts';

interface StreamClient {
  actor: Actor;
  res: ServerResponse;
}

const HEARTBEAT_MS = 25_000;

export function ticketStreamRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  const clients = new Set<StreamClient>();
  let unlisten: Promise<() => Promise<void>> | null = null;

  async function push(payload: string): Promise<void> {
    let note: { ticketId?: unknown; kinds?: unknown; eventIds?: unknown };
    try {
      note = JSON.parse(payload);
    } catch {
      return;
    }
    if (typeof note.ticketId !== 'string' || clients.size === 0) return;
    const byScope = new Map<string, StreamClient[]>();
    for (const c of clients) {
      const key = ticketScopeKey(c.actor);
      byScope.set(key, [...(byScope.get(key) ?? []), c]);
    }
    for (const group of byScope.values()) {
      const [row] = await deps.database.db
        .select({
          id: tickets.id,
          number: tickets.number,
          version: tickets.version,
          updatedAt: tickets.updatedAt,
        })
        .from(tickets)
        .where(and(eq(tickets.id, note.ticketId), ticketScope(group[0]!.actor)));
      if (!row) continue;
      const data = JSON.stringify({
        ticketId: row.id,
        number: row.number,
        version: row.version,
        updatedAt: row.updatedAt.toISOString(),
        kinds: note.kinds,
        eventIds: note.eventIds,
      });
      for (const c of group) c.res.write(`event: ticket\ndata: ${data}\n\n`);
    }
  }

  return async (app) => {
    app.addHook('onClose', async () => {
      for (const c of clients) c.res.end();
      clients.clear();
      if (unlisten) await (await unlisten)();
    });

    app.get(
      '/api/v1/events',
      {
        schema: {
          tags: ['tickets'],
          description:
            'A Server-Sent Events stream: a `ticket` event (ticket id, number, version, event kinds) whenever a ticket you may see changes, on any node; refetch what you show on receipt. Events may be missed across reconnects, so reload lists after a reconnect.',
          summary: 'Server-Sent Events: `ticket` events for tickets you can see (refetch on receipt)',
        },
      },
      async (request, reply) => {
        const actor = requireAgent(request);
        unlisten ??= deps.database.listen(TICKET_EVENTS_CHANNEL, (payload) => {
          push(payload).catch((err: unknown) => app.log.error({ err }, 'live push failed'));
        });
        await unlisten;
        reply.hijack();
        const res = reply.raw;
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
          'x-content-type-options': 'nosniff',
        });
        res.write(`retry: 3000\nevent: ready\ndata: {}\n\n`);
        const client: StreamClient = { actor, res };
        clients.add(client);
        const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
        request.raw.on('close', () => {
          clearInterval(heartbeat);
          clients.delete(client);
        });
      },
    );
  };
}
