// A real HTTP receiver for webhook tests (node:http on 127.0.0.1, a free port): it records every
// request, checks its signature the way the README tells integrators to, and answers the statuses
// a test queues (200 when none is queued).
import { createHmac, timingSafeEqual } from 'node:crypto';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The README's verification ("Webhooks"): HMAC-SHA256 of "<timestamp>.<raw body>", and a fresh timestamp. */
export function verifySignature(
  secret: string,
  headers: IncomingHttpHeaders,
  rawBody: string,
  nowSeconds: number,
): boolean {
  const timestamp = String(headers['x-caseway-timestamp'] ?? '');
  const expected = `v1=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
  const given = String(headers['x-caseway-signature'] ?? '');
  const fresh = Math.abs(nowSeconds - Number(timestamp)) <= 300;
  return (
    fresh && given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected))
  );
}

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  raw: string;
  body: Record<string, unknown> & { id: string; event: string };
}

export interface Receiver {
  url: string;
  port: number;
  received: Received[];
  /** Statuses (and bodies) to answer next, in order; `'hang'` answers nothing at all. */
  answer(...replies: Array<number | 'hang' | { status: number; body: string }>): void;
  /** Answers this from now on when nothing is queued. */
  always(reply: number | { status: number; body: string }): void;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const queued: Array<{ status: number; body: string } | 'hang'> = [];
  let fallback = { status: 200, body: 'ok' };
  const asReply = (r: number | { status: number; body: string }) =>
    typeof r === 'number' ? { status: r, body: r < 300 ? 'ok' : `failed with ${r}` } : r;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      received.push({ path: request.url ?? '', headers: request.headers, raw, body: JSON.parse(raw) });
      const reply = queued.shift() ?? fallback;
      if (reply === 'hang') return;
      response.writeHead(reply.status, { 'content-type': 'text/plain' }).end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    answer: (...replies) => queued.push(...replies.map((r) => (r === 'hang' ? r : asReply(r)))),
    always: (reply) => {
      fallback = asReply(reply);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
