// The live ticket stream (`GET /api/v1/events`) read as a browser would, over a real connection.
import http from 'node:http';
import type { TestAgent } from './app.ts';

export interface StreamListener {
  events: Array<{ ticketId: string; kinds: string[] }>;
  close(): void;
}

/** Opens the stream as `who` and resolves once the server says it is ready. */
export async function listenToTickets(base: string, who: TestAgent): Promise<StreamListener> {
  const events: StreamListener['events'] = [];
  return new Promise((resolve, reject) => {
    const req = http.get(
      `${base}/api/v1/events`,
      { headers: { authorization: `Bearer ${who.token}` } },
      (res) => {
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let at = buffer.indexOf('\n\n');
          while (at >= 0) {
            const block = buffer.slice(0, at);
            buffer = buffer.slice(at + 2);
            if (block.includes('event: ready')) resolve({ events, close: () => req.destroy() });
            const data = block.split('\n').find((l) => l.startsWith('data: '));
            if (block.startsWith('event: ticket') && data) events.push(JSON.parse(data.slice(6)));
            at = buffer.indexOf('\n\n');
          }
        });
      },
    );
    req.on('error', reject);
  });
}

/** Waits (up to 3 s) until `check` holds. */
export async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 30));
}
