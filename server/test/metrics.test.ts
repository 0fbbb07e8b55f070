// /metrics is for administrators, a scraper with CASEWAY_METRICS_TOKEN, or CASEWAY_METRICS_ALLOW.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGuardConfig } from '../src/platform/guard-config.ts';
import { createTestApp, type TestApp } from './app.ts';

const TOKEN = 'scrape-me-please-0123456789';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    env: { CASEWAY_METRICS_TOKEN: TOKEN, CASEWAY_METRICS_ALLOW: '10.20.0.0/16, 192.0.2.7, 2001:db8::/32' },
  });
});
afterAll(async () => t?.close());

const scrape = (opts: { remoteAddress?: string; authorization?: string } = {}) =>
  t.app.inject({
    method: 'GET',
    url: '/metrics',
    remoteAddress: opts.remoteAddress ?? '203.0.113.5',
    headers: opts.authorization ? { authorization: opts.authorization } : {},
  });

describe('/metrics', () => {
  it('answers 401 problem JSON to an anonymous caller', async () => {
    const res = await scrape();
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).not.toContain('caseway_http_requests_total');
  });

  it('answers 403 to an agent who is not an administrator', async () => {
    const res = await t.as(t.agent, { method: 'GET', url: '/metrics', remoteAddress: '203.0.113.5' });
    expect(res.statusCode).toBe(403);
  });

  it('answers an administrator, by API token or session', async () => {
    const byToken = await t.as(t.admin, { method: 'GET', url: '/metrics', remoteAddress: '203.0.113.5' });
    expect(byToken.statusCode, byToken.body).toBe(200);
    expect(byToken.body).toContain('caseway_http_requests_total');
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/session',
      payload: { email: t.admin.email, password: t.admin.password },
      remoteAddress: '203.0.113.6',
    });
    const cookie = signIn.cookies.find((c) => c.name === 'caseway_session')!.value;
    const bySession = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      cookies: { caseway_session: cookie },
      remoteAddress: '203.0.113.6',
    });
    expect(bySession.statusCode).toBe(200);
  });

  it('answers a request bearing CASEWAY_METRICS_TOKEN, and 401 to a wrong token', async () => {
    expect((await scrape({ authorization: `Bearer ${TOKEN}` })).statusCode).toBe(200);
    expect((await scrape({ authorization: `Bearer ${TOKEN}x` })).statusCode).toBe(401);
  });

  it('answers addresses in CASEWAY_METRICS_ALLOW, IPv4-mapped IPv6 included, and no others', async () => {
    expect((await scrape({ remoteAddress: '10.20.3.4' })).statusCode).toBe(200);
    expect((await scrape({ remoteAddress: '::ffff:10.20.3.4' })).statusCode).toBe(200);
    expect((await scrape({ remoteAddress: '192.0.2.7' })).statusCode).toBe(200);
    expect((await scrape({ remoteAddress: '2001:db8::1' })).statusCode).toBe(200);
    expect((await scrape({ remoteAddress: '192.0.2.8' })).statusCode).toBe(401);
    expect((await scrape({ remoteAddress: '10.21.0.1' })).statusCode).toBe(401);
  });

  it('refuses bad settings at start, naming the variable', () => {
    expect(() => loadGuardConfig({ CASEWAY_METRICS_ALLOW: '10.0.0.0/8, nope' })).toThrow(
      /^CASEWAY_METRICS_ALLOW: "nope"/,
    );
    expect(() => loadGuardConfig({ CASEWAY_METRICS_TOKEN: 'short' })).toThrow(/^CASEWAY_METRICS_TOKEN:/);
    expect(() => loadGuardConfig({ CASEWAY_UPLOAD_RATE_PER_MINUTE: '0' })).toThrow(
      /^CASEWAY_UPLOAD_RATE_PER_MINUTE:/,
    );
    expect(loadGuardConfig({})).toMatchObject({
      uploadRatePerMinute: 60,
      metricsToken: undefined,
      metricsAllow: [],
    });
  });
});
