import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestAgent, type TestApp } from '../../../test/app.ts';
import { sessions } from './schema.ts';

const FIREFOX = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:128.0) Gecko/20100101 Firefox/128.0';
const CHROME_ANDROID =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';

describe('your account: sessions, tokens, password, signature', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  async function signIn(who: TestAgent, userAgent: string, ip = '10.0.0.1') {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/session',
      payload: { email: who.email, password: who.password },
      headers: { 'user-agent': userAgent },
      remoteAddress: ip,
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'caseway_session')!.value;
    const csrf = res.json().csrfToken as string;
    return {
      send: (method: 'GET' | 'POST' | 'DELETE' | 'PATCH', url: string, payload?: unknown) =>
        t.app.inject({
          method,
          url,
          cookies: { caseway_session: cookie },
          headers: { 'x-caseway-csrf': csrf },
          ...(payload === undefined ? {} : { payload: payload as object }),
        }),
    };
  }

  it('lists where you are signed in, this session flagged, the device described, no cookie hash', async () => {
    const who = await t.newAgent();
    const mac = await signIn(who, FIREFOX, '10.0.0.7');
    const phone = await signIn(who, CHROME_ANDROID, '10.0.0.8');
    const res = await mac.send('GET', '/api/v1/me/sessions');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<Record<string, unknown>>;
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({
      current: true,
      browser: 'Firefox 128',
      os: 'macOS Catalina',
      ip: '10.0.0.7',
    });
    expect(items[1]).toMatchObject({
      current: false,
      browser: 'Chrome 126',
      platform: 'mobile',
      ip: '10.0.0.8',
    });
    // The id is neither the cookie nor its stored hash.
    const stored = await t.database.db.select({ id: sessions.id }).from(sessions);
    expect(stored.length).toBeGreaterThanOrEqual(2);
    for (const row of stored) expect(items.map((i) => i.id)).not.toContain(row.id);
    expect((await phone.send('GET', '/api/v1/me')).statusCode).toBe(200);
  });

  it('signs out one session or all the others; another agent cannot reach yours (404)', async () => {
    const who = await t.newAgent();
    const a = await signIn(who, FIREFOX);
    const b = await signIn(who, CHROME_ANDROID);
    const c = await signIn(who, CHROME_ANDROID);
    const items = (await a.send('GET', '/api/v1/me/sessions')).json().items as Array<{
      id: string;
      current: boolean;
    }>;
    const bId = (await b.send('GET', '/api/v1/me/sessions'))
      .json()
      .items.find((s: { current: boolean }) => s.current).id;

    const stranger = await t.newAgent();
    const theirs = await t.as(stranger, { method: 'DELETE', url: `/api/v1/me/sessions/${bId}` });
    expect(theirs.statusCode).toBe(404);
    expect((await b.send('GET', '/api/v1/me')).statusCode).toBe(200);
    expect((await t.as(stranger, { method: 'GET', url: '/api/v1/me/sessions' })).json().items).toHaveLength(
      0,
    );

    expect((await a.send('DELETE', `/api/v1/me/sessions/${bId}`)).statusCode).toBe(204);
    expect((await b.send('GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await a.send('DELETE', `/api/v1/me/sessions/${bId}`)).statusCode).toBe(404);
    expect((await a.send('DELETE', '/api/v1/me/sessions/not-a-ref')).statusCode).toBe(400);
    expect(items).toHaveLength(3);

    const others = await a.send('POST', '/api/v1/me/sessions/sign-out-others');
    expect(others.json()).toEqual({ signedOut: 1 });
    expect((await c.send('GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await a.send('GET', '/api/v1/me')).statusCode).toBe(200);
  });

  it('changing the password keeps this session and ends the others', async () => {
    const who = await t.newAgent();
    const here = await signIn(who, FIREFOX);
    const there = await signIn(who, CHROME_ANDROID);
    const wrong = await here.send('POST', '/api/v1/me/password', {
      currentPassword: 'not it at all',
      newPassword: 'a brand new password',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].field).toBe('currentPassword');
    expect((await there.send('GET', '/api/v1/me')).statusCode).toBe(200);
    const ok = await here.send('POST', '/api/v1/me/password', {
      currentPassword: who.password,
      newPassword: 'a brand new password',
    });
    expect(ok.statusCode).toBe(204);
    expect((await here.send('GET', '/api/v1/me')).statusCode).toBe(200);
    expect((await there.send('GET', '/api/v1/me')).statusCode).toBe(401);
    const old = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/session',
      payload: { email: who.email, password: who.password },
    });
    expect(old.statusCode).toBe(401);
  });

  it('lists tokens with their status; another agent cannot revoke yours', async () => {
    const who = await t.newAgent();
    const create = (payload: object) => t.as(who, { method: 'POST', url: '/api/v1/me/tokens', payload });
    const soon = await create({ name: 'Short', expiresAt: '2026-03-03T09:00:00Z' });
    expect(soon.statusCode).toBe(201);
    expect(soon.json().token.status).toBe('active');
    const revoked = (await create({ name: 'Old' })).json();
    const past = await create({ name: 'Past', expiresAt: '2026-03-01T09:00:00Z' });
    expect(past.statusCode).toBe(400);
    expect(past.json().errors[0].field).toBe('expiresAt');

    const stranger = await t.newAgent();
    expect(
      (await t.as(stranger, { method: 'DELETE', url: `/api/v1/me/tokens/${revoked.token.id}` })).statusCode,
    ).toBe(404);
    expect(
      (await t.as(who, { method: 'DELETE', url: `/api/v1/me/tokens/${revoked.token.id}` })).statusCode,
    ).toBe(204);
    t.clock.advance(2 * 24 * 3600_000);
    const list = (await t.as(who, { method: 'GET', url: '/api/v1/me/tokens' })).json().items as Array<{
      name: string;
      status: string;
    }>;
    expect(Object.fromEntries(list.map((i) => [i.name, i.status]))).toEqual({
      Short: 'expired',
      Old: 'revoked',
      tests: 'active',
    });
    const expiredUse = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${soon.json().secret}` },
    });
    expect(expiredUse.statusCode).toBe(401);
  });

  it('keeps a signature of basic formatting only', async () => {
    const who = await t.newAgent();
    const res = await t.as(who, {
      method: 'PATCH',
      url: '/api/v1/me',
      payload: {
        signature:
          '<p onclick="x()">Bob <strong>Agent</strong><script>alert(1)</script></p><a href="javascript:alert(1)">x</a><a href="https://example.com">site</a><img src=x onerror=alert(1)>',
      },
    });
    expect(res.statusCode).toBe(200);
    const me = (await t.as(who, { method: 'GET', url: '/api/v1/me' })).json();
    expect(me.signature).toBe(
      '<p>Bob <strong>Agent</strong></p><a target="_blank" rel="noopener noreferrer nofollow">x</a><a href="https://example.com" target="_blank" rel="noopener noreferrer nofollow">site</a>',
    );
    const tooLong = await t.as(who, {
      method: 'PATCH',
      url: '/api/v1/me',
      payload: { name: 'Renamed', signature: 'x'.repeat(10_001) },
    });
    expect(tooLong.statusCode).toBe(400);
    expect((await t.as(who, { method: 'GET', url: '/api/v1/me' })).json().agent.name).not.toBe('Renamed');
  });

  it('a session signed out here is refused at once on another node too (credential cache)', async () => {
    const who = await t.newAgent();
    const here = await signIn(who, FIREFOX);
    const signInThere = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/session',
      payload: { email: who.email, password: who.password },
      headers: { 'user-agent': CHROME_ANDROID },
    });
    const cookie = signInThere.cookies.find((c) => c.name === 'caseway_session')!.value;
    const other = await t.otherNode();
    try {
      const meThere = () =>
        other.inject({ method: 'GET', url: '/api/v1/me', cookies: { caseway_session: cookie } });
      expect((await meThere()).statusCode).toBe(200); // now remembered by the other node
      expect((await here.send('POST', '/api/v1/me/sessions/sign-out-others')).json()).toEqual({
        signedOut: 1,
      });
      let status = 0;
      for (let i = 0; i < 100 && status !== 401; i++) {
        status = (await meThere()).statusCode;
        if (status !== 401) await new Promise((r) => setTimeout(r, 20));
      }
      expect(status).toBe(401);
    } finally {
      await other.close();
    }
  });
});
