import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { loadConfig } from '../../platform/config.ts';

describe('sign-in lockout under parallel attempts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('locks the account when fourteen wrong passwords arrive at once, so the right one is then refused', async () => {
    const victim = await t.newAgent();
    const attempts = await Promise.all(
      Array.from({ length: 14 }, (_, i) =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/session',
          payload: { email: victim.email, password: `wrong-guess-${i}` },
          remoteAddress: `10.7.0.${i}`,
        }),
      ),
    );
    for (const res of attempts) expect([401, 429]).toContain(res.statusCode);
    const right = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/session',
      payload: { email: victim.email, password: victim.password },
      remoteAddress: '10.7.1.1',
    });
    expect(right.statusCode).toBe(429);
    expect(right.json().type).toBe('https://caseway.dev/problems/rate-limited');
    t.clock.advance(16 * 60_000);
    const later = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/session',
      payload: { email: victim.email, password: victim.password },
      remoteAddress: '10.7.1.2',
    });
    expect(later.statusCode).toBe(200);
  });
});

describe('sign-in rate limit behind a trusted proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { CASEWAY_TRUST_PROXY: 'true' } });
  });
  afterAll(async () => t?.close());

  it('keys on the address the proxy saw, not on a forged left-most X-Forwarded-For', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 25; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/session',
        payload: { email: `spray${i}@example.com`, password: 'x-x-x-x-x' },
        remoteAddress: '10.0.0.2',
        headers: { 'x-forwarded-for': `198.51.100.${i}, 203.0.113.7` },
      });
      codes.push(res.statusCode);
    }
    expect(codes.slice(0, 20).every((c) => c === 401)).toBe(true);
    expect(codes.slice(20)).toEqual([429, 429, 429, 429, 429]);
  });
});

describe('CASEWAY_TRUST_PROXY', () => {
  it('takes true as one hop, a hop count, or a list of proxy addresses and ranges, and names itself when wrong', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ CASEWAY_TRUST_PROXY: 'true' }).trustProxy).toBe(1);
    expect(loadConfig({ CASEWAY_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ CASEWAY_TRUST_PROXY: '10.0.0.1, 172.16.0.0/12, ::1' }).trustProxy).toEqual([
      '10.0.0.1',
      '172.16.0.0/12',
      '::1',
    ]);
    expect(() => loadConfig({ CASEWAY_TRUST_PROXY: 'yes' })).toThrow(/^CASEWAY_TRUST_PROXY:/);
    expect(() => loadConfig({ CASEWAY_TRUST_PROXY: '10.0.0.0/33' })).toThrow(/^CASEWAY_TRUST_PROXY:/);
  });
});
