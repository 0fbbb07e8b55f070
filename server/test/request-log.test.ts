// The log a person starting Caseway watches: at the default level (info) requests write nothing, so
// the start-up banner with the one-time password stays on screen; at debug, one line per request.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { manualClock } from '../src/platform/clock.ts';
import { loadConfig } from '../src/platform/config.ts';
import { testEnv } from './app.ts';
import { createTestDatabase } from './database.ts';

async function linesFor(level: string, requests: number): Promise<Record<string, unknown>[]> {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const database = await createTestDatabase();
  const app = await buildApp({
    config: loadConfig(testEnv()),
    database,
    clock: manualClock('2026-03-02T09:00:00Z'),
    logger: { level, stream },
  });
  try {
    for (let i = 0; i < requests; i++) await app.inject({ method: 'GET', url: `/healthz?i=${i}` });
    await app.inject({ method: 'GET', url: '/api/v1/tickets' });
    await app.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
  } finally {
    await app.close();
    await database.close();
  }
  return lines;
}

describe('request logging', () => {
  it('writes nothing per request at the default level, info', async () => {
    const lines = await linesFor('info', 5);
    expect(lines.filter((l) => l.req || l.res || /request/.test(String(l.msg)))).toEqual([]);
  });

  it('writes one concise line per request at debug', async () => {
    const lines = (await linesFor('debug', 3)).filter((l) => typeof l.status === 'number');
    expect(lines.map((l) => l.msg)).toEqual([
      'GET /healthz?i=0 200',
      'GET /healthz?i=1 200',
      'GET /healthz?i=2 200',
      'GET /api/v1/tickets 401',
      'GET /api/v1/no-such-thing 401',
    ]);
    expect(lines[0]).toMatchObject({ level: 20, method: 'GET', url: '/healthz?i=0', status: 200 });
    expect(typeof lines[0]?.ms).toBe('number');
  });
});
