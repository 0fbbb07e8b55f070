// Sends hostile input to every write route of the API (taken from the OpenAPI document) and checks
// that each answer is a clear 4xx problem, nothing crashes, and nothing in the database changed.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/platform/db.ts';
import { createTestApp, type TestApp } from './app.ts';

let t: TestApp;
const ids: Record<string, string> = {};

async function fingerprint(): Promise<Record<string, string>> {
  const tables = await queryRows<{ name: string }>(
    t.database.db,
    sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('api_tokens', 'sessions') ORDER BY 1`,
  );
  const result: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await queryRows<{ n: string; h: string | null }>(
      t.database.db,
      sql.raw(
        `SELECT count(*)::text AS n, md5(string_agg(md5(x::text), '' ORDER BY md5(x::text))) AS h FROM "${name}" x`,
      ),
    );
    result[name] = `${row?.n}:${row?.h}`;
  }
  return result;
}

beforeAll(async () => {
  t = await createTestApp();
  const post = async (url: string, payload: Record<string, unknown>) => {
    const res = await t.as(t.admin, { method: 'POST', url, payload });
    expect(res.statusCode, `${url} ${res.body}`).toBeLessThan(300);
    return res.json();
  };
  ids.ticket = (await post('/api/v1/tickets', { subject: 'Target' })).id;
  ids.other = (await post('/api/v1/tickets', { subject: 'Other' })).id;
  ids.message = (
    await post(`/api/v1/tickets/${ids.ticket}/messages`, { kind: 'note', body: 'hello' })
  ).message.id;
  ids.contact = (
    await post('/api/v1/contacts', { name: 'Target Contact', emails: ['target@example.com'] })
  ).id;
  ids.organization = (await post('/api/v1/organizations', { name: 'Target Org' })).id;
  ids.product = (await post('/api/v1/products', { name: 'Target Product' })).id;
  ids.group = (await post('/api/v1/groups', { name: 'Target Group' })).id;
  ids.department = (await post('/api/v1/departments', { name: 'Target Department' })).id;
  ids.customField = (
    await post('/api/v1/custom-fields', { key: 'target', type: 'text', labels: { en: 'Target' } })
  ).id;
  ids.token = (await post('/api/v1/me/tokens', { name: 'target' })).token.id;
});
afterAll(async () => t?.close());

function fillPath(path: string): string {
  return path
    .replace(/\/tickets\/\{id\}/, `/tickets/${ids.ticket}`)
    .replace(/\/contacts\/\{id\}/, `/contacts/${ids.contact}`)
    .replace(/\/organizations\/\{id\}/, `/organizations/${ids.organization}`)
    .replace(/\/products\/\{id\}/, `/products/${ids.product}`)
    .replace(/\/groups\/\{id\}/, `/groups/${ids.group}`)
    .replace(/\/departments\/\{id\}/, `/departments/${ids.department}`)
    .replace(/\/custom-fields\/\{id\}/, `/custom-fields/${ids.customField}`)
    .replace(/\/agents\/\{id\}/, `/agents/${t.agent.id}`)
    .replace(/\/me\/tokens\/\{id\}/, `/me/tokens/${ids.token}`)
    .replace('{messageId}', ids.message!)
    .replace('{name}', 'priority')
    .replace('{key}', 'high')
    .replace(/\{[a-zA-Z]+\}/g, '00000000-0000-4000-8000-000000000000');
}

const SQL_META = "x'; DROP TABLE tickets; --";
const deep = (depth: number): unknown => (depth === 0 ? 'x' : { a: deep(depth - 1) });

interface Attempt {
  name: string;
  contentType: string;
  payload: string;
}

function attempts(properties: string[]): Attempt[] {
  const json = 'application/json';
  const all = (value: unknown) => Object.fromEntries(properties.map((p) => [p, value]));
  return [
    { name: 'malformed JSON', contentType: json, payload: '{"subject": ' },
    { name: 'text/plain body', contentType: 'text/plain', payload: 'subject=hello' },
    { name: 'XML body', contentType: 'application/xml', payload: '<ticket><subject>x</subject></ticket>' },
    {
      name: 'a form post',
      contentType: 'application/x-www-form-urlencoded',
      payload: 'subject=x&status=closed',
    },
    { name: 'an array body', contentType: json, payload: '[]' },
    { name: 'a string body', contentType: json, payload: '"hello"' },
    { name: 'prototype pollution', contentType: json, payload: '{"__proto__": {"admin": true}}' },
    {
      name: 'constructor pollution',
      contentType: json,
      payload: '{"constructor": {"prototype": {"admin": true}}}',
    },
    {
      name: 'NUL bytes in every field',
      contentType: json,
      payload: JSON.stringify({ ...all('a\u0000b'), zz: 'a\u0000' }),
    },
    {
      name: 'SQL metacharacters plus an unknown field',
      contentType: json,
      payload: JSON.stringify({ ...all(SQL_META), [SQL_META]: SQL_META }),
    },
    { name: 'very long strings', contentType: json, payload: JSON.stringify(all('長'.repeat(120_000))) },
    {
      name: 'a body over the size limit',
      contentType: json,
      payload: JSON.stringify({ subject: 'x'.repeat(2_000_000) }),
    },
    {
      name: 'deep nesting',
      contentType: json,
      payload: JSON.stringify({ ...all(deep(200)), filter: deep(2000) }),
    },
    {
      name: 'wrong types everywhere',
      contentType: json,
      payload: JSON.stringify({ ...all([{ $gt: '' }]), version: 'one' }),
    },
  ];
}

describe('hostile input to every write route', () => {
  it('is refused with a 4xx problem, never crashes, and changes nothing', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
          }
        >
      >;
    };
    const before = await fingerprint();
    let tried = 0;
    const failures: string[] = [];
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        if (!['post', 'put', 'patch', 'delete'].includes(method)) continue;
        if (path === '/api/v1/auth/session' && method === 'delete') continue;
        const known = Object.keys(op.requestBody?.content?.['application/json']?.schema?.properties ?? {});
        const properties = known.length ? known : ['subject'];
        // A DELETE has no body to attack: its hostile input is the path.
        const url =
          method === 'delete' ? path.replace(/\{[a-zA-Z]+\}/g, encodeURIComponent(SQL_META)) : fillPath(path);
        for (const attempt of attempts(properties)) {
          const res = await t.as(t.admin, {
            method: method.toUpperCase() as 'POST',
            url,
            payload: attempt.payload,
            headers: { 'content-type': attempt.contentType },
          });
          tried += 1;
          const ok =
            res.statusCode >= 400 &&
            res.statusCode < 500 &&
            String(res.headers['content-type']).startsWith('application/problem+json');
          if (!ok)
            failures.push(
              `${method.toUpperCase()} ${path} with ${attempt.name}: ${res.statusCode} ${res.body.slice(0, 200)}`,
            );
        }
      }
    }
    expect(failures).toEqual([]);
    expect(tried).toBeGreaterThan(300);
    expect(await fingerprint()).toEqual(before);
  }, 120_000);

  it('refuses hostile query strings on the list and search routes without crashing', async () => {
    const urls = [
      `/api/v1/tickets?filter=${encodeURIComponent(JSON.stringify(deep(500)))}`,
      `/api/v1/tickets?filter=${encodeURIComponent(JSON.stringify({ all: Array.from({ length: 300 }, () => ({ field: 'subject', op: 'contains', value: SQL_META })) }))}`,
      `/api/v1/tickets?sort=${encodeURIComponent('priority; DROP TABLE tickets')}`,
      `/api/v1/tickets?cursor=${encodeURIComponent("'); DROP TABLE tickets; --")}`,
      '/api/v1/tickets?limit=100000',
      '/api/v1/search?q=%00',
      `/api/v1/search?q=${'x'.repeat(5000)}`,
      `/api/v1/tickets/${encodeURIComponent("1' OR '1'='1")}`,
      `/api/v1/tickets/${ids.ticket}/timeline?cursor=garbage`,
    ];
    for (const url of urls) {
      const res = await t.as(t.admin, { method: 'GET', url });
      expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
    }
    const ok = await t.as(t.admin, {
      method: 'GET',
      url: `/api/v1/tickets?filter=${encodeURIComponent(JSON.stringify({ field: 'subject', op: 'contains', value: SQL_META }))}`,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().items).toEqual([]);
  });

  it('stores SQL metacharacters and every script verbatim when the input is otherwise valid', async () => {
    const subject = `${SQL_META} 保修 «ёлка» \\ % _ $1`;
    const res = await t.as(t.agent, { method: 'POST', url: '/api/v1/tickets', payload: { subject } });
    expect(res.statusCode).toBe(201);
    const back = await t.as(t.agent, { method: 'GET', url: `/api/v1/tickets/${res.json().id}` });
    expect(back.json().subject).toBe(subject);
  });

  it('keeps an attachment named with a path traversal inside the store, under its bare name', async () => {
    const boundary = '----hostile';
    const payload = [
      `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nnote`,
      `--${boundary}\r\nContent-Disposition: form-data; name="body"\r\n\r\nsee file`,
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="..\\\\..\\\\../../etc/passwd\u0007"\r\nContent-Type: text/plain\r\n\r\nroot:x:0:0`,
      `--${boundary}--\r\n`,
    ].join('\r\n');
    const res = await t.as(t.agent, {
      method: 'POST',
      url: `/api/v1/tickets/${ids.other}/messages`,
      payload,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().message.attachments[0].filename).toBe('passwd_');
  });

  it('refuses a multipart upload from a caller not signed in before reading the files', async () => {
    const boundary = '----nobody';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nnote\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      Buffer.alloc(26 * 1024 * 1024, 7), // beyond the attachment limit: read, it would answer 413
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const url = `/api/v1/tickets/${ids.other}/messages`;
    const headers = { 'content-type': `multipart/form-data; boundary=${boundary}` };
    const anonymous = await t.app.inject({ method: 'POST', url, payload, headers });
    expect(anonymous.statusCode).toBe(401);
    const badToken = await t.app.inject({
      method: 'POST',
      url,
      payload,
      headers: { ...headers, authorization: 'Bearer cw_not_a_token' },
    });
    expect(badToken.statusCode).toBe(401);
  });

  it('refuses a multipart message with an unknown field and stores no message', async () => {
    const boundary = '----hostile2';
    const payload = [
      `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nnote`,
      `--${boundary}\r\nContent-Disposition: form-data; name="status"\r\n\r\nclosed`,
      `--${boundary}--\r\n`,
    ].join('\r\n');
    const before = (await t.as(t.agent, { method: 'GET', url: `/api/v1/tickets/${ids.other}` })).json()
      .messageCount;
    const res = await t.as(t.agent, {
      method: 'POST',
      url: `/api/v1/tickets/${ids.other}/messages`,
      payload,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(res.statusCode).toBe(400);
    expect(
      (await t.as(t.agent, { method: 'GET', url: `/api/v1/tickets/${ids.other}` })).json().messageCount,
    ).toBe(before);
  });
});
