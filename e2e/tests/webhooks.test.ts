// Webhooks as an administrator sets them up: allow private targets (the receiver is on this
// machine), create a webhook in the form, keep the secret shown once, press "Send test" and see the
// delivery succeed in the log, signed with that secret. In 简体中文 the screens show no English.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Receiver, startReceiver, verifySignature } from '../../server/test/webhook-receiver.ts';
import { type Caseway, startCaseway } from '../harness.ts';

/** Latin-script words that may stand in any language: the brand, product terms, data. */
const ALLOWED = new Set(['Caseway', 'Webhook', 'URL', 'JSON', 'SLA', 'API', 'VIP']);
const URLS = /https?:\/\/\S+/g;

describe('webhooks in the console', () => {
  let cw: Caseway;
  let receiver: Receiver;
  beforeAll(async () => {
    cw = await startCaseway();
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
    await cw?.close();
  });

  it('lets an administrator create a webhook, keep its secret and send a test that the log shows delivered', async () => {
    const admin = await cw.newAgent({ admin: true, name: 'Wendy Webhooks' });
    const { context, page } = await cw.signedIn(admin);
    const nav = page.getByRole('navigation');
    await nav.getByText('Automation').waitFor();
    await nav.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { name: 'Webhooks' }).waitFor();
    await page.getByText('No webhooks yet.').waitFor();

    // The receiver listens on 127.0.0.1: a private target, refused until allowed.
    const allow = page.getByRole('switch', { name: 'Allow private targets' });
    // Controlled by the saved setting: it turns on once the server has it.
    await allow.click({ force: true });
    await expect.poll(() => allow.isChecked()).toBe(true);
    await expect
      .poll(
        async () =>
          (await cw.api<{ allowPrivateTargets: boolean }>(admin, 'GET', '/api/v1/webhooks/settings'))
            .allowPrivateTargets,
      )
      .toBe(true);

    await page.getByRole('button', { name: 'New webhook' }).click();
    const dialog = page.getByRole('dialog', { name: 'New webhook' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('CRM sync');
    await dialog.getByRole('textbox', { name: 'URL' }).fill(`${receiver.url}/caseway`);
    await dialog.getByRole('checkbox', { name: /Public reply/ }).check();
    await dialog.getByRole('button', { name: 'Save' }).click();

    const secretDialog = page.getByRole('dialog', { name: 'Signing secret of CRM sync' });
    await secretDialog.getByText('it is shown only this once').waitFor();
    const secret = (await secretDialog.getByTestId('webhook-secret').innerText()).trim();
    expect(secret).toMatch(/^whsec_/);
    await secretDialog.getByRole('button', { name: 'Done' }).click();
    await secretDialog.waitFor({ state: 'hidden' });

    const row = page.locator('tr', { hasText: 'CRM sync' });
    await row.getByText('Ticket created').waitFor();
    await row.getByText('Public reply').waitFor();
    await row.getByText('Nothing sent yet').waitFor();
    expect(await row.getByRole('switch', { name: 'CRM sync on' }).isChecked()).toBe(true);
    await cw.screenshot(page, 'webhooks-list');

    await page.getByRole('link', { name: 'CRM sync' }).click();
    await page.getByRole('heading', { name: 'CRM sync' }).waitFor();
    await page.getByText('No deliveries yet.').waitFor();
    await page.getByRole('button', { name: 'Send test' }).click();
    const result = page.getByTestId('test-result');
    await result.getByText('Test delivered').waitFor();
    await result.getByText(/Answer 200 in \d+ ms/).waitFor();

    const log = page.getByRole('table', { name: 'Delivery log' });
    const delivery = log.locator('tr[data-delivery]').first();
    await delivery.getByText('Delivered').waitFor();
    await delivery.getByText('Test', { exact: true }).waitFor();
    await delivery.getByRole('cell', { name: '200', exact: true }).waitFor();
    await delivery.getByRole('button', { name: 'Details' }).click();
    await log.getByText('Start of the answer').waitFor();

    // The receiver got the ping, signed with the secret the console showed.
    expect(receiver.received).toHaveLength(1);
    const [ping] = receiver.received;
    expect(ping!.path).toBe('/caseway');
    expect(ping!.body.event).toBe('ping');
    expect(verifySignature(secret, ping!.headers, ping!.raw, Math.floor(Date.now() / 1000))).toBe(true);

    await cw.screenshot(page, 'webhook-delivery-log');
    await context.close();
  });

  it('shows the webhook screens in 简体中文 without English words', async () => {
    const admin = await cw.newAgent({
      admin: true,
      name: '李管理',
      language: 'zh-CN',
      timeZone: 'Asia/Shanghai',
    });
    await cw.api(admin, 'PUT', '/api/v1/webhooks/settings', { allowPrivateTargets: true });
    // Only this test's webhook, named in Chinese (names are data, in whatever language they were given).
    const { items } = await cw.api<{ items: Array<{ id: string }> }>(admin, 'GET', '/api/v1/webhooks');
    for (const w of items) await cw.api(admin, 'DELETE', `/api/v1/webhooks/${w.id}`);
    const { webhook } = await cw.api<{ webhook: { id: string } }>(admin, 'POST', '/api/v1/webhooks', {
      name: '客户系统同步',
      url: `${receiver.url}/zh`,
      events: ['ticket.created', 'ticket.sla_breached'],
    });
    const { context, page } = await cw.signedIn(admin);
    const englishLeft = async () => {
      const text = (await page.evaluate(() => document.body.innerText)).replace(URLS, ' ');
      const words = text.match(/[A-Za-z][A-Za-z'’]{2,}/g) ?? [];
      return [...new Set(words.filter((w) => !ALLOWED.has(w)))];
    };

    await page.goto(`${cw.url}/admin/automation/webhooks`);
    await page.getByRole('heading', { name: 'Webhook', exact: true }).waitFor();
    await page.getByRole('main').getByText('SLA 已违约').waitFor();
    expect(await englishLeft()).toEqual([]);

    await page.goto(`${cw.url}/admin/automation/webhooks/${webhook.id}`);
    await page.getByRole('heading', { name: '客户系统同步' }).waitFor();
    await page.getByRole('button', { name: '发送测试' }).click();
    await page.getByTestId('test-result').getByText('测试已送达').waitFor();
    await page.getByRole('table', { name: '投递记录' }).getByText('已送达').waitFor();
    expect(await englishLeft()).toEqual([]);
    await cw.screenshot(page, 'webhook-zh-CN');
    await context.close();
  });
});
