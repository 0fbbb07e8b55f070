// Defects found by probing a running server as an attacker: each answer here is what the probe
// should have seen.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app.ts';

const webDir = mkdtempSync(path.join(os.tmpdir(), 'caseway-web-'));
mkdirSync(path.join(webDir, 'assets'));
writeFileSync(
  path.join(webDir, 'index.html'),
  '<!doctype html><html><body><div id="root"></div></body></html>',
);
writeFileSync(path.join(webDir, 'assets', 'app-1234.js'), 'console.log(1);');

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { CASEWAY_WEB_DIR: webDir } });
});
afterAll(async () => {
  await t?.close();
  rmSync(webDir, { recursive: true, force: true });
});

describe('text that PostgreSQL cannot store', () => {
  it('refuses a lone surrogate in a ticket subject or a contact name with 400 naming the field', async () => {
    const ticket = await t.as(t.agent, {
      method: 'POST',
      url: '/api/v1/tickets',
      headers: { 'content-type': 'application/json' },
      payload: '{"subject":"broken \\ud800 text"}',
    });
    expect(ticket.statusCode).toBe(400);
    expect(ticket.headers['content-type']).toContain('application/problem+json');
    expect(ticket.json().errors[0].field).toBe('body/subject');
    const contact = await t.as(t.agent, {
      method: 'POST',
      url: '/api/v1/contacts',
      headers: { 'content-type': 'application/json' },
      payload: '{"name":"Ana \\udfff","emails":["ana@example.com"]}',
    });
    expect(contact.statusCode).toBe(400);
    expect(contact.json().errors[0].field).toBe('body/name');
  });

  it('names the path of a bad string deep in the body, and keeps a well-formed pair (an emoji)', async () => {
    const deep = await t.as(t.agent, {
      method: 'POST',
      url: '/api/v1/tickets',
      headers: { 'content-type': 'application/json' },
      payload: '{"subject":"ok","tags":["fine","bad \\udc00"]}',
    });
    expect(deep.statusCode).toBe(400);
    expect(deep.json().errors[0].field).toBe('body/tags/1');
    const emoji = await t.as(t.agent, {
      method: 'POST',
      url: '/api/v1/tickets',
      headers: { 'content-type': 'application/json' },
      payload: '{"subject":"Printer on fire \\ud83d\\udd25"}',
    });
    expect(emoji.statusCode).toBe(201);
    expect(emoji.json().subject).toBe('Printer on fire 🔥');
  });
});

describe('HTML answers', () => {
  const expectHtmlHeaders = (res: { headers: Record<string, unknown> }, where: string) => {
    expect(String(res.headers['content-type']), where).toContain('text/html');
    expect(String(res.headers['content-security-policy']), where).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options'], where).toBe('nosniff');
  };

  it("carry a Content-Security-Policy with frame-ancestors 'none' and nosniff on every path", async () => {
    for (const url of ['/', '/index.html', '/tickets/42', '/api/docs', '/api/docs/']) {
      let res = await t.app.inject({ method: 'GET', url });
      if (res.statusCode >= 300 && res.statusCode < 400)
        res = await t.app.inject({ method: 'GET', url: String(res.headers.location) });
      expect(res.statusCode, url).toBe(200);
      expectHtmlHeaders(res, url);
    }
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(String(docs.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(String(docs.headers['content-security-policy'])).not.toContain('unsafe-eval');
  });
});

describe('organization websites', () => {
  it('accept only http(s) addresses, naming the field, on create and on change', async () => {
    for (const website of [
      'javascript:alert(document.cookie)',
      'JavaScript:alert(1)',
      'data:text/html,x',
      'ftp://x.example',
      'not a url',
    ]) {
      const res = await t.as(t.agent, {
        method: 'POST',
        url: '/api/v1/organizations',
        payload: { name: `Evil ${website}`, website },
      });
      expect(res.statusCode, website).toBe(400);
      expect(res.json().errors[0].field, website).toBe('website');
    }
    const ok = await t.as(t.agent, {
      method: 'POST',
      url: '/api/v1/organizations',
      payload: { name: 'Northwind', website: 'https://northwind.example' },
    });
    expect(ok.statusCode).toBe(201);
    const change = await t.as(t.agent, {
      method: 'PATCH',
      url: `/api/v1/organizations/${ok.json().id}`,
      payload: { website: 'javascript:alert(1)' },
    });
    expect(change.statusCode).toBe(400);
    expect(change.json().errors[0].field).toBe('website');
    const cleared = await t.as(t.agent, {
      method: 'PATCH',
      url: `/api/v1/organizations/${ok.json().id}`,
      payload: { website: null },
    });
    expect(cleared.statusCode).toBe(200);
  });
});

describe('anonymous callers', () => {
  const PUBLIC = new Set([
    'POST /api/v1/auth/session',
    'DELETE /api/v1/auth/session',
    'POST /api/v1/auth/invitations/accept',
  ]);

  it('get 401 before their body is looked at, on every route but sign-in and invitations', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const wrong: string[] = [];
    let tried = 0;
    for (const [route, methods] of Object.entries(spec.paths)) {
      const url = route.replace(/\{[a-zA-Z]+\}/g, '00000000-0000-4000-8000-000000000000');
      for (const method of Object.keys(methods)) {
        const name = `${method.toUpperCase()} ${route}`;
        if (PUBLIC.has(name) || (method === 'get' && route === '/api/v1/events')) continue;
        const res = await t.app.inject({
          method: method.toUpperCase() as 'POST',
          url,
          ...(method === 'get' || method === 'delete' ? {} : { payload: { zz: 1, subject: 42 } }),
        });
        tried += 1;
        if (res.statusCode !== 401 || res.body.includes('body/')) wrong.push(`${name}: ${res.statusCode}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(tried).toBeGreaterThan(50);
  });

  it('get 401 for an unknown API route too (nothing says whether it exists), and the public routes still check their bodies', async () => {
    for (const method of ['GET', 'POST'] as const) {
      const unknown = await t.app.inject({ method, url: '/api/v1/portal/requests', payload: { x: 1 } });
      expect(unknown.statusCode).toBe(401);
      expect(unknown.body).not.toContain('body/');
      const signedIn = await t.as(t.agent, { method, url: '/api/v1/portal/requests', payload: { x: 1 } });
      expect(signedIn.statusCode).toBe(404);
    }
    const signIn = await t.app.inject({ method: 'POST', url: '/api/v1/auth/session', payload: { email: 1 } });
    expect(signIn.statusCode).toBe(400);
  });
});
