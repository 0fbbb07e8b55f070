// The reply composer's server side: rich text sanitized, Cc/Bcc checked, send-and-set-status atomic,
// images pasted into the text uploaded beforehand and owned by the message once sent.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { KEEP_UNSENT_IMAGES_MS } from '../../workers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const create = async (subject: string) => {
  const res = await t.as(t.agent, { method: 'POST', url: '/api/v1/tickets', payload: { subject } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; status: string };
};
const send = (ticketId: string, payload: Record<string, unknown>) =>
  t.as(t.agent, { method: 'POST', url: `/api/v1/tickets/${ticketId}/messages`, payload });
const timeline = async (ticketId: string) =>
  (await t.as(t.agent, { method: 'GET', url: `/api/v1/tickets/${ticketId}/timeline` })).json()
    .items as Array<{
    type: string;
    message?: Record<string, unknown> & {
      bodyHtml: string | null;
      body: string;
      cc: string[];
      bcc: string[];
    };
    event?: { kind: string; changes: Array<{ field: string; from: unknown; to: unknown }> };
  }>;

describe('rich text', () => {
  it('keeps the allowed marks and nodes and removes scripts, event handlers, javascript: URLs and style', async () => {
    const ticket = await create('Hostile HTML');
    const res = await send(ticket.id, {
      kind: 'reply',
      bodyHtml:
        '<p style="color:red" class="x" onclick="steal()">Hello <strong>bold</strong> and <em>italic</em></p>' +
        '<script>alert(1)</script><style>p{display:none}</style>' +
        '<ul><li>one</li><li>two</li></ul><blockquote>quoted</blockquote><pre><code>npm ci</code></pre>' +
        '<p><a href="javascript:alert(1)">bad link</a> <a href="JaVaScRiPt:alert(2)">worse</a> ' +
        '<a href="https://example.com/help" onmouseover="x()">help</a></p>' +
        '<img src="x" onerror="alert(3)"><img src="https://tracker.example/pixel.gif">' +
        '<iframe src="https://example.com"></iframe><svg onload="alert(4)"><circle/></svg>',
    });
    expect(res.statusCode, res.body).toBe(201);
    const { message } = res.json();
    const html: string = message.bodyHtml;
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<em>italic</em>');
    expect(html).toContain('<ul><li>one</li><li>two</li></ul>');
    expect(html).toContain('<blockquote>quoted</blockquote>');
    expect(html).toContain('<pre><code>npm ci</code></pre>');
    expect(html).toContain('href="https://example.com/help"');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
    for (const bad of [
      '<script',
      'alert(',
      'style',
      'class=',
      'onclick',
      'onerror',
      'onmouseover',
      'javascript:',
      '<img',
      '<iframe',
      '<svg',
      'steal',
    ])
      expect(html.toLowerCase()).not.toContain(bad.toLowerCase());
    // The plain-text part is derived from the cleaned HTML.
    expect(message.body).toContain('Hello bold and italic');
    expect(message.body).toContain('one');
    expect(message.body).not.toContain('alert');
    const [stored] = (await timeline(ticket.id)).filter((i) => i.type === 'message');
    expect(stored!.message!.bodyHtml).toBe(html);
  });

  it('refuses a message whose HTML shows nothing, naming the body', async () => {
    const ticket = await create('Empty HTML');
    const res = await send(ticket.id, { kind: 'note', bodyHtml: '<p><script>x</script></p><p> </p>' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('body');
    expect((await timeline(ticket.id)).filter((i) => i.type === 'message')).toHaveLength(0);
  });
});

describe('Cc and Bcc', () => {
  it('stores Cc and Bcc of a public reply, without duplicates; agents see both', async () => {
    const ticket = await create('With copies');
    const res = await send(ticket.id, {
      kind: 'reply',
      bodyHtml: '<p>See below</p>',
      cc: ['boss@example.com', ' Boss@Example.com', 'it@example.org'],
      bcc: ['audit@example.com'],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().message).toMatchObject({
      cc: ['boss@example.com', 'it@example.org'],
      bcc: ['audit@example.com'],
    });
    const [item] = (await timeline(ticket.id)).filter((i) => i.type === 'message');
    expect(item!.message!.cc).toEqual(['boss@example.com', 'it@example.org']);
    expect(item!.message!.bcc).toEqual(['audit@example.com']);
  });

  it('names the field and position of an address that is not one, and writes nothing', async () => {
    const ticket = await create('Bad copies');
    const res = await send(ticket.id, { kind: 'reply', body: 'x', cc: ['ok@example.com', 'not an address'] });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.json().errors).toEqual([{ field: 'cc/1', message: 'is not an email address' }]);
    const bcc = await send(ticket.id, { kind: 'reply', body: 'x', bcc: ['a@b'] });
    expect(bcc.json().errors[0].field).toBe('bcc/0');
    const note = await send(ticket.id, { kind: 'note', body: 'x', cc: ['ok@example.com'] });
    expect(note.statusCode).toBe(400);
    expect(note.json().errors[0].field).toBe('cc');
    const many = await send(ticket.id, {
      kind: 'reply',
      body: 'x',
      bcc: Array.from({ length: 51 }, (_, i) => `p${i}@example.com`),
    });
    expect(many.statusCode).toBe(400);
    expect(many.json().errors[0].field).toMatch(/^bcc|body\/bcc/);
    expect((await timeline(ticket.id)).filter((i) => i.type === 'message')).toHaveLength(0);
  });
});

describe('send and set status', () => {
  it('adds the reply and sets the status in one step, with an event for each', async () => {
    const ticket = await create('Send and resolve');
    const res = await send(ticket.id, { kind: 'reply', bodyHtml: '<p>Fixed in 2.1</p>', status: 'resolved' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().ticket).toMatchObject({
      status: 'resolved',
      statusCategory: 'resolved',
      version: ticket.version + 1,
    });
    const fresh = (await t.as(t.agent, { method: 'GET', url: `/api/v1/tickets/${ticket.id}` })).json();
    expect(fresh.status).toBe('resolved');
    expect(fresh.resolvedAt).not.toBeNull();
    const items = await timeline(ticket.id);
    const kinds = items.map((i) => (i.type === 'message' ? `message:${i.message!.kind}` : i.event!.kind));
    expect(kinds).toEqual(['created', 'message:reply', 'status_changed']);
    expect(items.at(-1)!.event!.changes).toEqual([{ field: 'status', from: 'new', to: 'resolved' }]);
  });

  it('writes nothing when the status is not one (no message, no event, same version)', async () => {
    const ticket = await create('Invalid status');
    const res = await send(ticket.id, { kind: 'reply', bodyHtml: '<p>Hello</p>', status: 'teleported' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('status');
    const fresh = (await t.as(t.agent, { method: 'GET', url: `/api/v1/tickets/${ticket.id}` })).json();
    expect(fresh).toMatchObject({ status: 'new', version: ticket.version, messageCount: 0 });
    expect((await timeline(ticket.id)).map((i) => i.type)).toEqual(['event']);
  });

  it('an internal note can set a status too', async () => {
    const ticket = await create('Note and wait');
    const res = await send(ticket.id, {
      kind: 'note',
      body: 'Asked the vendor',
      status: 'waiting_third_party',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().ticket.status).toBe('waiting_third_party');
  });
});

describe('images in the text', () => {
  const boundary = '----composer';
  const upload = (ticketId: string, filename: string, type: string, content: string) =>
    t.as(t.agent, {
      method: 'POST',
      url: `/api/v1/tickets/${ticketId}/attachments`,
      payload: [
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n${content}`,
        `--${boundary}--\r\n`,
      ].join('\r\n'),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });

  it('uploads a pasted image, shows it in the reply, and the reply owns it once sent', async () => {
    const ticket = await create('Screenshot inline');
    const up = await upload(ticket.id, 'shot.png', 'image/png', 'PNGDATA');
    expect(up.statusCode, up.body).toBe(201);
    const image = up.json();
    expect(image).toMatchObject({ filename: 'shot.png', contentType: 'image/png', messageId: null });
    const src = `/api/v1/tickets/${ticket.id}/attachments/${image.id}`;
    const res = await send(ticket.id, {
      kind: 'reply',
      bodyHtml: `<p>Look:</p><p><img src="${src}" alt="shot"></p>`,
    });
    expect(res.statusCode, res.body).toBe(201);
    const { message } = res.json();
    expect(message.bodyHtml).toContain(`<img src="${src}"`);
    expect(message.attachments.map((a: { id: string }) => a.id)).toEqual([image.id]);
    const download = await t.as(t.agent, { method: 'GET', url: src });
    expect(download.body).toBe('PNGDATA');
  });

  it('keeps the images of moved messages showing after a merge and a split', async () => {
    const source = await create('Images before a merge');
    const target = await create('Survivor of the merge');
    const path = (ticketId: string, id: string) => `/api/v1/tickets/${ticketId}/attachments/${id}`;
    const image = (await upload(source.id, 'merge.png', 'image/png', 'MERGED-IMAGE')).json();
    await send(source.id, { kind: 'reply', bodyHtml: `<p><img src="${path(source.id, image.id)}"></p>` });
    const merged = await t.as(t.agent, {
      method: 'POST',
      url: `/api/v1/tickets/${source.id}/merge`,
      payload: { targetId: target.id },
    });
    expect(merged.statusCode, merged.body).toBe(200);
    const movedHtml = (await timeline(target.id)).find((i) => i.message?.bodyHtml?.includes('<img'))!.message!
      .bodyHtml!;
    expect(movedHtml).toContain(`src="${path(target.id, image.id)}"`);
    expect((await t.as(t.agent, { method: 'GET', url: path(target.id, image.id) })).body).toBe(
      'MERGED-IMAGE',
    );

    const second = (await upload(target.id, 'split.png', 'image/png', 'SPLIT-IMAGE')).json();
    const reply = await send(target.id, {
      kind: 'reply',
      bodyHtml: `<p>Other matter <img src="${path(target.id, second.id)}"></p>`,
    });
    const split = await t.as(t.agent, {
      method: 'POST',
      url: `/api/v1/tickets/${target.id}/messages/${reply.json().message.id}/split`,
      payload: {},
    });
    expect(split.statusCode, split.body).toBe(201);
    const created = split.json().created.id as string;
    const splitHtml = (await timeline(created)).find((i) => i.message?.bodyHtml?.includes('<img'))!.message!
      .bodyHtml!;
    expect(splitHtml).toContain(`src="${path(created, second.id)}"`);
    expect((await t.as(t.agent, { method: 'GET', url: path(created, second.id) })).body).toBe('SPLIT-IMAGE');
  });

  it('forgets images of replies never sent after 30 days, keeping files a sent message shows', async () => {
    const ticket = await create('Draft abandoned');
    const sent = (await upload(ticket.id, 'sent.png', 'image/png', 'SHARED-BYTES')).json();
    const src = (id: string) => `/api/v1/tickets/${ticket.id}/attachments/${id}`;
    expect(
      (await send(ticket.id, { kind: 'reply', bodyHtml: `<p><img src="${src(sent.id)}"></p>` })).statusCode,
    ).toBe(201);
    const sameBytes = (await upload(ticket.id, 'again.png', 'image/png', 'SHARED-BYTES')).json();
    const own = (await upload(ticket.id, 'own.png', 'image/png', 'ONLY-IN-A-DRAFT')).json();
    t.clock.advance(KEEP_UNSENT_IMAGES_MS - 3600_000);
    const recent = (await upload(ticket.id, 'recent.png', 'image/png', 'STILL-BEING-WRITTEN')).json();
    t.clock.advance(2 * 3600_000);
    expect(await t.runMaintenance()).toBe(1);
    const get = (id: string) => t.as(t.agent, { method: 'GET', url: src(id) });
    expect((await get(sameBytes.id)).statusCode).toBe(404);
    expect((await get(own.id)).statusCode).toBe(404);
    expect((await get(sent.id)).body).toBe('SHARED-BYTES');
    expect((await get(recent.id)).body).toBe('STILL-BEING-WRITTEN');
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    expect(await t.blobs.get(sha('ONLY-IN-A-DRAFT'))).toBeNull();
    expect(await t.blobs.get(sha('SHARED-BYTES'))).not.toBeNull();
  });

  it('refuses what is not an image, and images of another ticket are dropped from the text', async () => {
    const ticket = await create('Not an image');
    const bad = await upload(ticket.id, 'page.svg', 'image/svg+xml', '<svg onload="alert(1)"/>');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('file');
    const other = await create('Other ticket');
    const image = (await upload(other.id, 'a.png', 'image/png', 'X')).json();
    const res = await send(ticket.id, {
      kind: 'reply',
      bodyHtml: `<p>hi <img src="/api/v1/tickets/${other.id}/attachments/${image.id}"></p>`,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().message.bodyHtml).not.toContain('<img');
    expect(res.json().message.attachments).toEqual([]);
  });
});

describe('signatures', () => {
  it('an agent keeps a sanitized signature through the profile; an administrator sets a department’s', async () => {
    const me = await t.as(t.agent, {
      method: 'PATCH',
      url: '/api/v1/me',
      payload: { signature: '<p onclick="x()">Bob <strong>Agent</strong><script>alert(1)</script></p>' },
    });
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json().signature).toBe('<p>Bob <strong>Agent</strong></p>');
    const read = (await t.as(t.agent, { method: 'GET', url: '/api/v1/me' })).json();
    expect(read.agent.signature).toBe('<p>Bob <strong>Agent</strong></p>');

    const made = await t.as(t.admin, {
      method: 'POST',
      url: '/api/v1/departments',
      payload: {
        name: 'Signed support',
        signature: '<p style="x">Support team</p><img src=x onerror=alert(1)>',
      },
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json().signature).toBe('<p>Support team</p>');
    const changed = await t.as(t.admin, {
      method: 'PATCH',
      url: `/api/v1/departments/${made.json().id}`,
      payload: { signature: '<p>Support <a href="javascript:x">team</a></p>' },
    });
    expect(changed.json().signature).not.toContain('javascript');
    const notAdmin = await t.as(t.agent, {
      method: 'PATCH',
      url: `/api/v1/departments/${made.json().id}`,
      payload: { signature: '<p>mine</p>' },
    });
    expect(notAdmin.statusCode).toBe(403);
    const tooLong = await t.as(t.agent, {
      method: 'PATCH',
      url: '/api/v1/me',
      payload: { signature: 'x'.repeat(10_001) },
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().errors[0].field).toMatch(/signature/);
  });
});
