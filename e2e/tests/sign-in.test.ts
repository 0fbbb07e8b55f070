import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caseway, startCaseway } from '../harness.ts';

describe('signing in to the agent console', () => {
  let cw: Caseway;
  beforeAll(async () => {
    cw = await startCaseway();
  });
  afterAll(async () => cw?.close());

  it('signs in, shows the views with counts, and signs out again', async () => {
    await cw.api(cw.admin, 'POST', '/api/v1/tickets', { subject: 'Printer on fire' });
    const { context, page } = await cw.signedIn(cw.admin);
    await page.getByRole('link', { name: /All open/ }).waitFor();
    await page.getByRole('link', { name: 'Printer on fire' }).waitFor();
    await cw.screenshot(page, 'ticket-list');
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(page.url()).toContain('/sign-in');
    await context.close();
  });

  it('says so when the password is wrong', async () => {
    const context = await cw.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${cw.url}/sign-in`);
    await page.getByLabel('Email').fill(cw.admin.email);
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('not correct');
    await context.close();
  });
});
