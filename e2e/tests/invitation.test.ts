// An invited agent follows the invitation link, chooses a password and signs in; the link works once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caseway, startCaseway } from '../harness.ts';

describe('accepting an invitation', () => {
  let cw: Caseway;
  beforeAll(async () => {
    cw = await startCaseway();
  });
  afterAll(async () => cw?.close());

  it('sets the password from the link, signs in with it, and refuses the link a second time (in Russian)', async () => {
    const email = `invited.${process.pid}@example.com`;
    const created = await cw.api<{ invitationToken: string }>(cw.admin, 'POST', '/api/v1/agents', {
      name: 'Инна Приглашённая',
      email,
      language: 'ru',
    });
    expect(created.invitationToken).toBeTruthy();
    const link = `${cw.url}/accept-invitation?token=${encodeURIComponent(created.invitationToken)}`;

    const context = await cw.browser.newContext({ locale: 'ru-RU' });
    const page = await context.newPage();
    await page.addInitScript(() => localStorage.setItem('caseway.language', 'ru'));
    await page.goto(link);
    await page.getByRole('heading', { name: 'Задайте пароль' }).waitFor();
    await page.getByLabel('Новый пароль').fill('a very long passphrase 7');
    await page.getByLabel('Повторите пароль').fill('a very long passphrase 8');
    await page.getByRole('button', { name: 'Задать пароль' }).click();
    await page.getByText('Пароли не совпадают').waitFor();
    await page.getByLabel('Повторите пароль').fill('a very long passphrase 7');
    await cw.screenshot(page, 'accept-invitation-ru');
    await page.getByRole('button', { name: 'Задать пароль' }).click();
    await page.getByText('Пароль задан').waitFor();

    await page.getByRole('link', { name: 'Войти' }).click();
    await page.getByLabel('Эл. почта').fill(email);
    await page.getByLabel('Пароль').fill('a very long passphrase 7');
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));

    const again = await context.newPage();
    await again.goto(link);
    await again.getByLabel('Новый пароль').fill('another long passphrase 9');
    await again.getByLabel('Повторите пароль').fill('another long passphrase 9');
    await again.getByRole('button', { name: 'Задать пароль' }).click();
    await again.getByText('Это приглашение уже использовано').waitFor();
    await context.close();
  });
});
