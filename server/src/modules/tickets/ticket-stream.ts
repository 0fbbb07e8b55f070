// Live ticket events over Server-Sent Events (N4). Commands NOTIFY on commit; every app node
// listens and pushes to its own connected agents, checking visibility with the same ticketScope.
// A stream lives only as long as its credential: when a session ends or a token is revoked on
// any node (the credentials NOTIFY), or a session runs out, its streams close.
import type { ServerResponse } from 'node:http';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { type AppDeps, requireAgent } from '../../platform/http.ts';
import { ticketScope, ticketScopeKey } from '../access/index.ts';
import { liveCredentials } from '../directory/index.ts';
import { TICKET_EVENTS_CHANNEL } from './command-core.ts';
import { tickets } from './schema.ts';

interface StreamClient {
  actor: Actor;
  res: ServerResponse;
  /** `session:<id>` or `token:<sha256>`, as liveCredentials keys them. */
  credential: string;
  /** Ends the stream (its last event says why) and stops its heartbeat. */
  end(): void;
}

const HEARTBEAT_MS = 25_000;

/** Registers a callback for "a credential ended or changed somewhere"; returns its removal. */
export type OnCredentialsChanged = (watcher: () => void) => () => void;

export function ticketStreamRoutes(
  deps: AppDeps,
  onCredentialsChanged?: OnCredentialsChanged,
): FastifyPluginAsyncTypebox {
  const clients = new Set<StreamClient>();
  let unlisten: Promise<() => Promise<void>> | null = null;

  /** Closes the streams whose credential no longer works; the others take their agent as now. */
  async function sweep(): Promise<void> {
    if (clients.size === 0) return;
    const all = [...clients];
    const ids = (prefix: string) =>
      all.filter((c) => c.credential.startsWith(prefix)).map((c) => c.credential.slice(prefix.length));
    const live = await liveCredentials(deps.database.db, deps.clock, {
      sessionIds: ids('session:'),
      tokenHashes: ids('token:'),
    });
    for (const c of all) {
      const actor = live.get(c.credential);
      if (actor) {
        c.actor = actor;
        continue;
      }
      c.end();
    }
  }
  let logError: (err: unknown) => void = () => {};
  let sweeping: Promise<void> | null = null;
  let again = false;
  /** One sweep at a time; a change arriving during one asks for another. */
  function requestSweep(): void {
    if (sweeping) {
      again = true;
      return;
    }
    sweeping = sweep()
      .catch((err: unknown) => logError(err))
      .finally(() => {
        sweeping = null;
        if (again) {
          again = false;
          requestSweep();
        }
      });
  }

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
    logError = (err) => app.log.error({ err }, 'live stream credential check failed');
    const stopWatching = onCredentialsChanged?.(requestSweep);
    // Sessions also end by running out; checked on the heartbeat's rhythm.
    const expiryTimer = setInterval(requestSweep, HEARTBEAT_MS);
    expiryTimer.unref();
    app.addHook('onClose', async () => {
      stopWatching?.();
      clearInterval(expiryTimer);
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
        const auth = request.auth;
        const credential = auth?.sessionId
          ? `session:${auth.sessionId}`
          : auth?.tokenHash
            ? `token:${auth.tokenHash}`
            : null;
        if (!credential) throw new AppError('unauthorized', 'Sign in or send an API token');
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
        const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
        const client: StreamClient = {
          actor,
          res,
          credential,
          end() {
            clearInterval(heartbeat);
            clients.delete(client);
            // The browser's EventSource reconnects, gets 401 and stops.
            res.end('event: signed-out\ndata: {}\n\n');
          },
        };
        clients.add(client);
        request.raw.on('close', () => {
          clearInterval(heartbeat);
          clients.delete(client);
        });
      },
    );
  };
}
