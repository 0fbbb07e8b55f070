// The load generator, in its own process (forked by load.ts) so it does not share the app's event
// loop: a warm-up, then a measured autocannon run; every response's latency is kept, so the
// percentiles are exact. Gets a LoadSpec over IPC, answers with a LoadResult.
import autocannon from 'autocannon';
import { type CreatePool, createBody, newTicket } from './new-ticket.ts';
import { Rng } from './random.ts';
import { type Percentiles, percentiles } from './stats.ts';

export interface LoadSpec {
  target: 'create' | 'list' | 'ticket';
  url: string;
  token: string;
  connections: number;
  seconds: number;
  warmupSeconds: number;
  seed: number;
  create?: CreatePool;
  groupIds?: string[];
  ticketIds?: string[];
}

export interface LoadResult {
  seconds: number;
  responses: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** Successful responses per second. */
  rate: number;
  latency: Percentiles;
  /** target 'ticket': a GET ticket plus its timeline page, back to back on one connection. */
  pair: Percentiles | null;
}

type Ctx = { id?: string };

export function listPath(groupId: string): string {
  const filter = {
    all: [
      { field: 'ownerGroupId', op: 'eq', value: groupId },
      { field: 'isOpen', op: 'eq', value: true },
    ],
  };
  return `/api/v1/tickets?filter=${encodeURIComponent(JSON.stringify(filter))}&sort=-priority,-updatedAt&limit=50`;
}

function requestsFor(spec: LoadSpec, rng: Rng): autocannon.Request[] {
  switch (spec.target) {
    case 'create': {
      const pool = spec.create!;
      return [
        {
          method: 'POST',
          path: '/api/v1/tickets',
          setupRequest: (req) => ({ ...req, body: createBody(newTicket(rng, pool)) }),
        },
      ];
    }
    case 'list': {
      const paths = spec.groupIds!.map(listPath);
      let next = rng.int(paths.length);
      return [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length]! }) }];
    }
    case 'ticket': {
      const ids = spec.ticketIds!;
      return [
        {
          method: 'GET',
          setupRequest: (req, context) => {
            const id = rng.pick(ids);
            (context as Ctx).id = id;
            return { ...req, path: `/api/v1/tickets/${id}` };
          },
        },
        {
          method: 'GET',
          setupRequest: (req, context) => ({
            ...req,
            path: `/api/v1/tickets/${(context as Ctx).id}/timeline?limit=50`,
          }),
        },
      ];
    }
  }
}

function run(spec: LoadSpec, seconds: number, rng: Rng): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const pairs: number[] = [];
    const firstHalf = new Map<object, number>();
    const statusCodes: Record<string, number> = {};
    let ok = 0;
    const instance = autocannon(
      {
        url: spec.url,
        connections: spec.connections,
        duration: seconds,
        headers: { authorization: `Bearer ${spec.token}`, 'content-type': 'application/json' },
        requests: requestsFor(spec, rng),
      },
      (err, result) => {
        if (err) return reject(err);
        resolve({
          seconds: result.duration,
          responses: latencies.length,
          ok,
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          statusCodes,
          rate: ok / result.duration,
          latency: percentiles(latencies),
          pair: spec.target === 'ticket' ? percentiles(pairs) : null,
        });
      },
    );
    instance.on('response', (client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
      if (statusCode >= 200 && statusCode < 300) ok++;
      if (spec.target === 'ticket') {
        // Each connection alternates: ticket, timeline, ticket, timeline…
        const first = firstHalf.get(client);
        if (first === undefined) {
          firstHalf.set(client, responseTime);
        } else {
          pairs.push(first + responseTime);
          firstHalf.delete(client);
        }
      }
    });
  });
}

process.once('message', (message) => {
  const spec = message as LoadSpec;
  const rng = new Rng(spec.seed);
  (async () => {
    if (spec.warmupSeconds > 0) await run(spec, spec.warmupSeconds, rng);
    const result = await run(spec, spec.seconds, rng);
    process.send?.({ ok: true, result }, () => process.exit(0));
  })().catch((err: unknown) => {
    process.send?.({ ok: false, error: err instanceof Error ? err.stack : String(err) }, () =>
      process.exit(1),
    );
  });
});
