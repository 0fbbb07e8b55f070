import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';

/** Opens the live stream with a real request; `ended` settles when the server closes it. */
async function openStream(base: string, headers: Record<string, string>) {
  const res = await fetch(`${base}/api/v1/events`, { headers });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const ended = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return text;
      text += decoder.decode(value, { stream: true });
    }
  })();
  return { ended, cancel: () => reader.cancel().catch(() => {}) };
}

const within = <T>(promise: Promise<T>, ms: number): Promise<T | 'still open'> =>
  Promise.race([promise, new Promise<'still open'>((r) => setTimeout(() => r('still open'), ms))]);

describe('live streams end with their credential', () => {
  let t: TestApp;
  let base: string;
  let other: FastifyInstance;
  let otherBase: string;
  beforeAll(async () => {
    t = await createTestApp();
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    other = await t.otherNode();
    otherBase = await other.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await other?.close();
    await t?.close();
  });

  it('closes a stream opened with an API token when the token is revoked, also on another node', async () => {
    const who = await t.newAgent();
    const created = await t.as(who, {
      method: 'POST',
      url: '/api/v1/me/tokens',
      payload: { name: 'stream' },
    });
    const { secret, token } = created.json();
    const here = await openStream(base, { authorization: `Bearer ${secret}` });
    const there = await openStream(otherBase, { authorization: `Bearer ${secret}` });
    const untouched = await openStream(base, { authorization: `Bearer ${who.token}` });
    const revoke = await t.as(who, { method: 'DELETE', url: `/api/v1/me/tokens/${token.id}` });
    expect(revoke.statusCode).toBe(204);
    expect(await within(here.ended, 5000)).toContain('event: signed-out');
    expect(await within(there.ended, 5000)).toContain('event: signed-out');
    expect(await within(untouched.ended, 300)).toBe('still open');
    untouched.cancel();
  });

  it('closes a stream opened with a session cookie when the session signs out', async () => {
    const who = await t.newAgent();
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/session',
      payload: { email: who.email, password: who.password },
    });
    const cookie = signIn.cookies.find((c) => c.name === 'caseway_session')!.value;
    const csrf = signIn.json().csrfToken as string;
    const stream = await openStream(otherBase, { cookie: `caseway_session=${cookie}` });
    const out = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/auth/session',
      cookies: { caseway_session: cookie },
      headers: { 'x-caseway-csrf': csrf },
    });
    expect(out.statusCode).toBe(204);
    expect(await within(stream.ended, 5000)).toContain('event: signed-out');
  });
});
