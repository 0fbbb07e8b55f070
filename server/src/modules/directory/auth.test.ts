import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';

describe('signing in', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  const signIn = (email: string, password: string, ip = '10.0.0.1') =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/session',
      payload: { email, password },
      remoteAddress: ip,
    });

  it('gives a session cookie that is httpOnly and SameSite=Lax, and /me answers with the agent', async () => {
    const res = await signIn(t.agent.email, t.agent.password);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'caseway_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      cookies: { caseway_session: cookie!.value },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().agent.email).toBe(t.agent.email);
  });

  it('answers in the language the browser asks for before sign-in', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/session',
      payload: { email: 'x@example.com' },
      headers: { 'accept-language': 'zh-TW,zh;q=0.9' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().title).toBe('請求無效');
    expect(res.json().errors[0].field).toBe('body/password');
  });

  it('answers an unknown email exactly like a wrong password', async () => {
    const unknown = await signIn('nobody@example.com', 'whatever-123');
    const wrong = await signIn(t.agent.email, 'wrong-password');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().detail).toBe(wrong.json().detail);
  });

  it('locks an account after five failed attempts, even with the right password afterwards', async () => {
    const victim = await t.newAgent();
    for (let i = 0; i < 5; i++)
      expect((await signIn(victim.email, 'nope-nope', `10.1.0.${i}`)).statusCode).toBe(401);
    const locked = await signIn(victim.email, victim.password, '10.1.0.9');
    expect(locked.statusCode).toBe(429);
    t.clock.advance(16 * 60_000);
    expect((await signIn(victim.email, victim.password, '10.1.0.9')).statusCode).toBe(200);
  });

  it('refuses a cookie-authenticated change without the CSRF header, and accepts it with the header', async () => {
    const res = await signIn(t.agent.email, t.agent.password, '10.2.0.1');
    const cookie = res.cookies.find((c) => c.name === 'caseway_session')!.value;
    const csrf = res.json().csrfToken as string;
    const without = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      cookies: { caseway_session: cookie },
      payload: { timeZone: 'Europe/Paris' },
    });
    expect(without.statusCode).toBe(403);
    const withHeader = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      cookies: { caseway_session: cookie },
      headers: { 'x-caseway-csrf': csrf },
      payload: { timeZone: 'Europe/Paris' },
    });
    expect(withHeader.statusCode).toBe(200);
    expect(withHeader.json().timeZone).toBe('Europe/Paris');
  });

  it('ends the session on sign-out', async () => {
    const res = await signIn(t.agent.email, t.agent.password, '10.3.0.1');
    const cookie = res.cookies.find((c) => c.name === 'caseway_session')!.value;
    const csrf = res.json().csrfToken as string;
    const out = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/auth/session',
      cookies: { caseway_session: cookie },
      headers: { 'x-caseway-csrf': csrf },
    });
    expect(out.statusCode).toBe(204);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/me', cookies: { caseway_session: cookie } }))
        .statusCode,
    ).toBe(401);
  });

  it('rate-limits sign-in attempts from one address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 25; i++)
      codes.push((await signIn(`spray${i}@example.com`, 'x-x-x-x-x', '10.9.9.9')).statusCode);
    expect(codes).toContain(429);
  });
});

describe('personal API tokens', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('shows the secret once, works as a bearer token, and stops working when revoked', async () => {
    const created = await t.as(t.agent, {
      method: 'POST',
      url: '/api/v1/me/tokens',
      payload: { name: 'CI integration' },
    });
    expect(created.statusCode).toBe(201);
    const { secret, token } = created.json();
    const list = await t.as(t.agent, { method: 'GET', url: '/api/v1/me/tokens' });
    expect(JSON.stringify(list.json())).not.toContain(secret);
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(me.json().agent.id).toBe(t.agent.id);
    expect((await t.as(t.agent, { method: 'DELETE', url: `/api/v1/me/tokens/${token.id}` })).statusCode).toBe(
      204,
    );
    const after = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(after.statusCode).toBe(401);
  });
});

describe('agents', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('lets an administrator invite an agent, who then chooses a password and signs in', async () => {
    const res = await t.as(t.admin, {
      method: 'POST',
      url: '/api/v1/agents',
      payload: {
        name: 'Zhang Wei',
        email: 'zhang@example.com',
        language: 'zh-CN',
        timeZone: 'Asia/Shanghai',
      },
    });
    expect(res.statusCode).toBe(201);
    const { agent, invitationToken } = res.json();
    expect(agent.invitationPending).toBe(true);
    const accept = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/invitations/accept',
      payload: { token: invitationToken, password: 'a-new-password' },
    });
    expect(accept.statusCode).toBe(200);
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/session',
      payload: { email: 'ZHANG@example.com', password: 'a-new-password' },
    });
    expect(signIn.statusCode).toBe(200);
  });

  it('refuses agent creation by a non-administrator and a duplicate email', async () => {
    expect(
      (
        await t.as(t.agent, {
          method: 'POST',
          url: '/api/v1/agents',
          payload: { name: 'X', email: 'x@example.com' },
        })
      ).statusCode,
    ).toBe(403);
    const dup = await t.as(t.admin, {
      method: 'POST',
      url: '/api/v1/agents',
      payload: { name: 'Y', email: t.agent.email.toUpperCase() },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0].field).toBe('email');
  });

  it('rejects an unknown time zone naming the field, in the language the agent chose', async () => {
    const french = await t.newAgent({ admin: true });
    expect(
      (await t.as(french, { method: 'PATCH', url: '/api/v1/me', payload: { language: 'fr' } })).statusCode,
    ).toBe(200);
    const res = await t.as(french, {
      method: 'POST',
      url: '/api/v1/agents',
      payload: { name: 'Z', email: 'z@example.com', timeZone: 'Mars/Olympus' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors[0].field).toBe('timeZone');
    expect(res.json().title).toBe('La requête n’est pas valide');
  });
});

describe('credentials remembered by each node', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('a sign-out, a revoked token or a deactivated agent on one node is refused on another node too', async () => {
    const other = await t.otherNode();
    const meOnOther = (headers: Record<string, string>, cookies?: Record<string, string>) =>
      other.inject({ method: 'GET', url: '/api/v1/me', headers, ...(cookies ? { cookies } : {}) });
    /** The other node hears of the change through NOTIFY, a moment later. */
    const eventually401 = async (send: () => Promise<{ statusCode: number }>) => {
      let status = 0;
      for (let i = 0; i < 100 && status !== 401; i++) {
        status = (await send()).statusCode;
        if (status !== 401) await new Promise((r) => setTimeout(r, 20));
      }
      return status;
    };
    try {
      // A session signed in on this node, used (and remembered) on the other.
      const signIn = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/session',
        payload: { email: t.agent.email, password: t.agent.password },
      });
      const session = signIn.cookies.find((c) => c.name === 'caseway_session')!.value;
      const csrf = signIn.json().csrfToken as string;
      expect((await meOnOther({}, { caseway_session: session })).statusCode).toBe(200);
      const out = await t.app.inject({
        method: 'DELETE',
        url: '/api/v1/auth/session',
        cookies: { caseway_session: session },
        headers: { 'x-caseway-csrf': csrf },
      });
      expect(out.statusCode).toBe(204);
      expect(await eventually401(() => meOnOther({}, { caseway_session: session }))).toBe(401);

      // A token revoked here stops working there.
      const created = await t.as(t.agent, {
        method: 'POST',
        url: '/api/v1/me/tokens',
        payload: { name: 'n2' },
      });
      const { secret, token } = created.json();
      expect((await meOnOther({ authorization: `Bearer ${secret}` })).statusCode).toBe(200);
      await t.as(t.agent, { method: 'DELETE', url: `/api/v1/me/tokens/${token.id}` });
      expect(await eventually401(() => meOnOther({ authorization: `Bearer ${secret}` }))).toBe(401);

      // An agent deactivated here is signed out there, and their new name shows at once.
      const second = await t.as(t.agent, {
        method: 'POST',
        url: '/api/v1/me/tokens',
        payload: { name: 'n3' },
      });
      const bearer = { authorization: `Bearer ${second.json().secret}` };
      expect((await meOnOther(bearer)).json().agent.name).not.toBe('Renamed Agent');
      await t.as(t.agent, { method: 'PATCH', url: '/api/v1/me', payload: { name: 'Renamed Agent' } });
      let name = '';
      for (let i = 0; i < 100 && name !== 'Renamed Agent'; i++) {
        name = (await meOnOther(bearer)).json().agent.name;
        if (name !== 'Renamed Agent') await new Promise((r) => setTimeout(r, 20));
      }
      expect(name).toBe('Renamed Agent');
      const deactivate = await t.as(t.admin, {
        method: 'PATCH',
        url: `/api/v1/agents/${t.agent.id}`,
        payload: { active: false },
      });
      expect(deactivate.statusCode).toBe(200);
      expect(await eventually401(() => meOnOther(bearer))).toBe(401);
    } finally {
      await other.close();
    }
  });
});
