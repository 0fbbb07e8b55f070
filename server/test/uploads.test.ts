// Uploads reach the blob store for good only when the command that refers to them commits: a
// refused request leaves no file; stray files are swept daily; agents' uploads are rate-limited.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { mkdir, readdir, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app.ts';

const BOUNDARY = '----uploads';
type Part =
  | { name: string; value: string }
  | { name: string; filename: string; type: string; content: string };

function multipart(parts: Part[]): { payload: string; headers: Record<string, string> } {
  const body = parts.map((p) =>
    'filename' in p
      ? `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: ${p.type}\r\n\r\n${p.content}`
      : `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}`,
  );
  return {
    payload: [...body, `--${BOUNDARY}--\r\n`].join('\r\n'),
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
  };
}

// Unique bytes by default: the store is content-addressed, so a file left by an earlier case would hide another.
let unique = 0;
const file = (content = `bytes ${++unique}`, filename = 'notes.txt', type = 'text/plain'): Part => ({
  name: 'file',
  filename,
  type,
  content,
});
const png = (content = `PNG ${++unique}`) => file(content, 'shot.png', 'image/png');

/** Every file under the data folder's blob store, temporary ones included. */
async function blobFiles(dataDir: string): Promise<string[]> {
  try {
    const entries = await readdir(path.join(dataDir, 'blobs'), { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  } catch {
    return [];
  }
}

const freshDataDir = () => mkdtempSync(path.join(tmpdir(), 'caseway-uploads-'));

describe('uploads that are refused leave no file', () => {
  let t: TestApp;
  let dataDir: string;
  let ticketId: string;
  beforeAll(async () => {
    dataDir = freshDataDir();
    t = await createTestApp({ env: { CASEWAY_DATA_DIR: dataDir, CASEWAY_ATTACHMENT_MAX_BYTES: '2048' } });
    const res = await t.as(t.agent, {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: { subject: 'Uploads' },
    });
    expect(res.statusCode, res.body).toBe(201);
    ticketId = res.json().id;
  });
  afterAll(async () => t?.close());

  const messages = (id = ticketId) => `/api/v1/tickets/${id}/messages`;
  const images = (id = ticketId) => `/api/v1/tickets/${id}/attachments`;
  const note = (...files: Part[]) =>
    multipart([{ name: 'kind', value: 'note' }, { name: 'body', value: 'See file' }, ...files]);

  const refused: Array<[string, () => Promise<{ statusCode: number; body: string }>, number]> = [
    [
      'a message without credentials',
      () => t.app.inject({ method: 'POST', url: messages(), ...note(file()) }),
      401,
    ],
    [
      'a message with a token that is not valid',
      () =>
        t.app.inject({
          method: 'POST',
          url: messages(),
          ...note(file()),
          headers: { ...note().headers, authorization: 'Bearer nope' },
        }),
      401,
    ],
    [
      'a message with a field that does not exist',
      () =>
        t.as(t.agent, {
          method: 'POST',
          url: messages(),
          ...multipart([file(), { name: 'colour', value: 'red' }]),
        }),
      400,
    ],
    [
      'a message with a kind that does not exist',
      () =>
        t.as(t.agent, {
          method: 'POST',
          url: messages(),
          ...multipart([{ name: 'kind', value: 'shout' }, { name: 'body', value: 'x' }, file()]),
        }),
      400,
    ],
    [
      'a message setting a status that does not exist',
      () =>
        t.as(t.agent, {
          method: 'POST',
          url: messages(),
          ...multipart([
            { name: 'kind', value: 'note' },
            { name: 'body', value: 'x' },
            { name: 'status', value: 'no_such_status' },
            file(),
          ]),
        }),
      400,
    ],
    [
      'a message to a ticket that does not exist',
      () => t.as(t.agent, { method: 'POST', url: messages(randomUUID()), ...note(file()) }),
      404,
    ],
    [
      'a message whose second file is too large',
      () =>
        t.as(t.agent, {
          method: 'POST',
          url: messages(),
          ...note(file('small'), file('x'.repeat(3000), 'big.txt')),
        }),
      413,
    ],
    [
      'an image without credentials',
      () => t.app.inject({ method: 'POST', url: images(), ...multipart([png()]) }),
      401,
    ],
    [
      'an image of a type not shown inline',
      () =>
        t.as(t.agent, {
          method: 'POST',
          url: images(),
          ...multipart([file('<svg/>', 'x.svg', 'image/svg+xml')]),
        }),
      400,
    ],
    [
      'two images at once',
      () => t.as(t.agent, { method: 'POST', url: images(), ...multipart([png('a'), png('b')]) }),
      400,
    ],
    [
      'an image for a ticket that does not exist',
      () => t.as(t.agent, { method: 'POST', url: images(randomUUID()), ...multipart([png()]) }),
      404,
    ],
  ];

  for (const [what, send, status] of refused) {
    it(`refuses ${what} (${status})`, async () => {
      const before = await blobFiles(dataDir);
      const res = await send();
      expect(res.statusCode, res.body).toBe(status);
      expect(res.body).toMatch(/"status":\d{3}/); // problem JSON
      expect(await blobFiles(dataDir)).toEqual(before);
    });
  }

  it('refuses a cookie session without the CSRF header before reading the files', async () => {
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/session',
      payload: { email: t.agent.email, password: t.agent.password },
      remoteAddress: '10.9.0.1',
    });
    expect(signIn.statusCode, signIn.body).toBe(200);
    const cookie = signIn.cookies.find((c) => c.name === 'caseway_session')!.value;
    for (const url of [messages(), images()]) {
      const before = await blobFiles(dataDir);
      const res = await t.app.inject({
        method: 'POST',
        url,
        cookies: { caseway_session: cookie },
        ...multipart([{ name: 'kind', value: 'note' }, { name: 'body', value: 'x' }, png()]),
      });
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().detail).toMatch(/x-caseway-csrf/);
      expect(await blobFiles(dataDir)).toEqual(before);
    }
  });

  it('keeps the files of a message that is sent, and only those', async () => {
    const res = await t.as(t.agent, { method: 'POST', url: messages(), ...note(file('kept bytes')) });
    expect(res.statusCode, res.body).toBe(201);
    const files = await blobFiles(dataDir);
    expect(files).toHaveLength(1);
    expect(path.relative(dataDir, files[0]!).split(path.sep).slice(0, 2)).not.toEqual(['blobs', 'tmp']);
    const image = await t.as(t.agent, { method: 'POST', url: images(), ...multipart([png('inline')]) });
    expect(image.statusCode, image.body).toBe(201);
    expect(await blobFiles(dataDir)).toHaveLength(2);
  });
});

describe('the daily sweep of stray files', () => {
  let t: TestApp;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = freshDataDir();
    t = await createTestApp({ env: { CASEWAY_DATA_DIR: dataDir } });
  });
  afterAll(async () => t?.close());

  const blobPath = (sha: string) => path.join(dataDir, 'blobs', sha.slice(0, 2), sha.slice(2, 4), sha);
  const put = async (file: string, ageMs: number) => {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, 'stray');
    const at = new Date(t.clock.now().getTime() - ageMs);
    await utimes(file, at, at);
  };

  it('deletes old temporary uploads and old blobs no attachment refers to, and nothing else', async () => {
    const created = await t.as(t.agent, {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: { subject: 'Sweep' },
    });
    const sent = await t.as(t.agent, {
      method: 'POST',
      url: `/api/v1/tickets/${created.json().id}/messages`,
      ...multipart([{ name: 'kind', value: 'note' }, { name: 'body', value: 'x' }, file('referenced')]),
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const [referenced] = await blobFiles(dataDir);
    const HOUR = 3600_000;
    await utimes(
      referenced!,
      new Date(t.clock.now().getTime() - 48 * HOUR),
      new Date(t.clock.now().getTime() - 48 * HOUR),
    );
    const oldTmp = path.join(dataDir, 'blobs', 'tmp', 'a1');
    const youngTmp = path.join(dataDir, 'blobs', 'tmp', 'b2');
    const oldOrphan = blobPath('c'.repeat(64));
    const youngOrphan = blobPath('d'.repeat(64));
    await put(oldTmp, 25 * HOUR);
    await put(youngTmp, 23 * HOUR);
    await put(oldOrphan, 2 * HOUR);
    await put(youngOrphan, 30 * 60_000);

    expect(await t.runMaintenance()).toBe(1);
    expect((await blobFiles(dataDir)).sort()).toEqual([referenced, youngTmp, youngOrphan].sort());
  });
});

describe('the upload rate per agent', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      env: { CASEWAY_DATA_DIR: freshDataDir(), CASEWAY_UPLOAD_RATE_PER_MINUTE: '3' },
    });
  });
  afterAll(async () => t?.close());

  it('answers 429 problem JSON past CASEWAY_UPLOAD_RATE_PER_MINUTE multipart requests a minute', async () => {
    const created = await t.as(t.agent, {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: { subject: 'Rate' },
    });
    const id = created.json().id as string;
    const upload = (who = t.agent) =>
      t.as(who, { method: 'POST', url: `/api/v1/tickets/${id}/attachments`, ...multipart([png()]) });
    for (let i = 0; i < 3; i++) expect((await upload()).statusCode).toBe(201);
    const limited = await upload();
    expect(limited.statusCode, limited.body).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.json()).toMatchObject({ status: 429 });
    // Also counted on the messages route; plain JSON messages are not uploads.
    const message = await t.as(t.agent, {
      method: 'POST',
      url: `/api/v1/tickets/${id}/messages`,
      ...multipart([{ name: 'kind', value: 'note' }, { name: 'body', value: 'x' }, file()]),
    });
    expect(message.statusCode).toBe(429);
    const json = await t.as(t.agent, {
      method: 'POST',
      url: `/api/v1/tickets/${id}/messages`,
      payload: { kind: 'note', body: 'text only' },
    });
    expect(json.statusCode, json.body).toBe(201);
    // Another agent has a rate of their own.
    expect((await upload(t.admin)).statusCode).toBe(201);
  });
});
