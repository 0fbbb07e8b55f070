import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/platform/config.ts';
import { ensureFirstAdmin } from '../src/serve.ts';
import { createTestApp, type TestApp } from './app.ts';
import { createTestDatabase } from './database.ts';

describe('configuration', () => {
  it('names the bad variable when a setting is invalid', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/^PORT: must be a whole number/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/^DATABASE_URL:/);
    expect(() => loadConfig({ CASEWAY_ADMIN_EMAIL: 'not-an-email' })).toThrow(/^CASEWAY_ADMIN_EMAIL:/);
    expect(() => loadConfig({ CASEWAY_ADMIN_PASSWORD: 'short' })).toThrow(/^CASEWAY_ADMIN_PASSWORD:/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/^LOG_LEVEL:/);
  });

  it('defaults to port 3000, loopback and ./data', () => {
    const config = loadConfig({}, '/srv/caseway');
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: '/srv/caseway/data',
      databaseUrl: undefined,
    });
  });

  it('refuses to start with a bad variable, saying which one, from the caseway command', () => {
    let output = '';
    try {
      execFileSync('npx', ['tsx', 'src/main.ts', 'migrate'], {
        env: { ...process.env, PORT: 'x' },
        stdio: 'pipe',
      });
    } catch (err) {
      output = String((err as { stderr?: Buffer }).stderr);
    }
    expect(output).toContain('environment variable PORT');
  }, 60_000);

  it('explains its subcommands with --help', () => {
    const help = execFileSync('npx', ['tsx', 'src/main.ts', '--help'], { stdio: 'pipe' }).toString();
    expect(help).toContain('serve');
    expect(help).toContain('migrate');
    expect(help).toContain('seed --demo');
    expect(help).toContain('DATABASE_URL');
  }, 60_000);
});

describe('the first administrator', () => {
  it('is created once on an empty database, with a generated password when none is configured', async () => {
    const database = await createTestDatabase();
    try {
      const first = await ensureFirstAdmin(database, loadConfig({}));
      expect(first?.email).toBe('admin@example.com');
      expect(first?.generatedPassword?.length).toBeGreaterThanOrEqual(12);
      expect(await ensureFirstAdmin(database, loadConfig({}))).toBeNull();
    } finally {
      await database.close();
    }
  });
});

describe('operations endpoints', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('reports health with the database kind, and Prometheus metrics', async () => {
    const health = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(health.json().status).toBe('ok');
    await t.as(t.agent, { method: 'GET', url: '/api/v1/tickets' });
    const metrics = await t.as(t.admin, { method: 'GET', url: '/metrics' }); // see metrics.test.ts
    expect(metrics.body).toContain(
      'caseway_http_requests_total{method="GET",route="/api/v1/tickets",status="200"}',
    );
  });

  it('answers every request with a request id, reusing a caller’s id', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'trace-123' },
    });
    expect(res.headers['x-request-id']).toBe('trace-123');
  });

  it('documents every API route with a request and response schema in OpenAPI 3.1', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    expect(spec.openapi).toBe('3.1.0');
    const missing: string[] = [];
    for (const [path, methods] of Object.entries(
      spec.paths as Record<
        string,
        Record<string, { responses?: Record<string, unknown>; requestBody?: unknown }>
      >,
    )) {
      for (const [method, op] of Object.entries(methods)) {
        const hasSuccess = Object.keys(op.responses ?? {}).some((code) => code.startsWith('2'));
        if (!hasSuccess && path !== '/api/v1/events' && !path.includes('/attachments/{attachmentId}'))
          missing.push(`${method} ${path}: no success response`);
        if (['post', 'put', 'patch'].includes(method) && !op.requestBody)
          missing.push(`${method} ${path}: no request body schema`);
      }
    }
    expect(missing).toEqual([]);
    expect(Object.keys(spec.paths).length).toBeGreaterThan(40);
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
  });

  it('answers an unknown route with problem JSON', async () => {
    const res = await t.as(t.agent, { method: 'GET', url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});
