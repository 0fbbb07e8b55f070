import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestAgent, type TestApp } from '../../../test/app.ts';

describe('what a password change ends, password rules and invitation links', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  async function signIn(who: TestAgent, password = who.password) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/session',
      payload: { email: who.email, password },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'caseway_session')!.value;
    const csrf = res.json().csrfToken as string;
    return (method: 'GET' | 'POST', url: string, payload?: object) =>
      t.app.inject({
        method,
        url,
        cookies: { caseway_session: cookie },
        headers: { 'x-caseway-csrf': csrf },
        ...(payload ? { payload } : {}),
      });
  }
  const meWithToken = (token: string) =>
    t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });

  it('changing your own password revokes your API tokens and ends your other sessions, keeping this one', async () => {
    const who = await t.newAgent();
    const here = await signIn(who);
    const there = await signIn(who);
    expect((await meWithToken(who.token)).statusCode).toBe(200);
    const res = await here('POST', '/api/v1/me/password', {
      currentPassword: who.password,
      newPassword: 'a brand new passphrase',
    });
    expect(res.statusCode).toBe(204);
    expect((await here('GET', '/api/v1/me')).statusCode).toBe(200);
    expect((await there('GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await meWithToken(who.token)).statusCode).toBe(401);
    const tokens = (await here('GET', '/api/v1/me/tokens')).json().items;
    expect(tokens.map((tok: { status: string }) => tok.status)).toEqual(['revoked']);
  });

  it("an administrator resetting an agent's password ends all of that agent's sessions and tokens", async () => {
    const who = await t.newAgent();
    const session = await signIn(who);
    const res = await t.as(t.admin, {
      method: 'PATCH',
      url: `/api/v1/agents/${who.id}`,
      payload: { password: 'reset by the administrator' },
    });
    expect(res.statusCode).toBe(200);
    expect((await session('GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await meWithToken(who.token)).statusCode).toBe(401);
    expect((await meWithToken(t.admin.token)).statusCode).toBe(200);
  });

  it('refuses a common password (any case) or one containing your email name or your name, naming the field', async () => {
    const who = await t.newAgent({ name: 'Marguerite Durand' });
    const here = await signIn(who);
    const local = who.email.split('@')[0]!;
    for (const newPassword of ['Password1', 'QWERTYUIOP', 'iloveyou', `${local}-2026!`, 'durand-rocks-42']) {
      const res = await here('POST', '/api/v1/me/password', { currentPassword: who.password, newPassword });
      expect(res.statusCode, newPassword).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors[0].field, newPassword).toBe('newPassword');
    }
    const created = await t.as(t.admin, {
      method: 'POST',
      url: '/api/v1/agents',
      payload: { name: 'Weak One', email: 'weak.one@example.com', password: 'football1' },
    });
    expect(created.statusCode).toBe(400);
    expect(created.json().errors[0].field).toBe('password');
    const reset = await t.as(t.admin, {
      method: 'PATCH',
      url: `/api/v1/agents/${who.id}`,
      payload: { password: 'trustno1' },
    });
    expect(reset.statusCode).toBe(400);
    expect(reset.json().errors[0].field).toBe('password');
  });

  async function invite(email: string): Promise<string> {
    const res = await t.as(t.admin, {
      method: 'POST',
      url: '/api/v1/agents',
      payload: { name: 'Invited', email },
    });
    expect(res.statusCode).toBe(201);
    return res.json().invitationToken;
  }
  const accept = (token: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/invitations/accept', payload: { token, password } });

  it('an invitation link works once, and a second use answers a clear problem', async () => {
    const token = await invite('once@example.com');
    const weak = await accept(token, '12345678');
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0].field).toBe('password');
    expect((await accept(token, 'my own long passphrase')).statusCode).toBe(200);
    const again = await accept(token, 'another long passphrase');
    expect(again.statusCode).toBe(409);
    expect(again.json().errors[0]).toEqual({ field: 'token', message: 'was already used' });
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/session',
      payload: { email: 'once@example.com', password: 'another long passphrase' },
    });
    expect(signIn.statusCode).toBe(401);
  });

  it('an invitation link expires after seven days', async () => {
    const token = await invite('late@example.com');
    t.clock.advance(7 * 24 * 3600_000 + 60_000);
    const res = await accept(token, 'my own long passphrase');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toEqual({ field: 'token', message: 'has expired' });
    const fresh = await invite('fresh@example.com');
    t.clock.advance(6 * 24 * 3600_000);
    expect((await accept(fresh, 'my own long passphrase')).statusCode).toBe(200);
  });
});
