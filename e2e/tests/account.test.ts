// The account screens: API tokens (created and revoked in the console, used through the API),
// sessions (sign out the others), profile (language, password).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caseway, startCaseway } from '../harness.ts';

describe('your account', () => {
  let cw: Caseway;
  beforeAll(async () => {
    cw = await startCaseway();
  });
  afterAll(async () => cw?.close());

  const meWith = (secret: string) =>
    fetch(`${cw.url}/api/v1/me`, { headers: { authorization: `Bearer ${secret}` } });

  it('creates a token in the console, shows its secret once, it works through the API, then revoked it does not', async () => {
    const agent = await cw.newAgent({ name: 'Tina Token' });
    const { context, page } = await cw.signedIn(agent);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: cw.url });
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'API tokens' }).click();
    await page.getByRole('heading', { name: 'API tokens', level: 3 }).waitFor();

    await page.getByRole('textbox', { name: 'Name' }).fill('Nightly export');
    await page.getByRole('textbox', { name: 'Expires' }).click();
    await page.getByRole('option', { name: 'In 7 days' }).click();
    await page.getByRole('button', { name: 'Create token' }).click();
    const dialog = page.getByRole('dialog', { name: 'Token “Nightly export” created' });
    await dialog.getByText('it is shown only once').waitFor();
    await dialog.getByRole('button', { name: 'Copy' }).click();
    await dialog.getByRole('button', { name: 'Copied' }).waitFor();
    const secret = await page.evaluate(() => navigator.clipboard.readText());
    expect(secret).toMatch(/^cw_/);
    expect(await dialog.getByTestId('token-secret').textContent()).toBe(secret);
    await cw.screenshot(page, 'account-token-created');
    await dialog.getByRole('button', { name: 'Done' }).click();

    const used = await meWith(secret);
    expect(used.status).toBe(200);
    expect(((await used.json()) as { agent: { name: string } }).agent.name).toBe('Tina Token');

    // Listed without its secret, active, expiring in a week.
    const row = page.getByRole('row', { name: /Nightly export/ });
    await row.getByText('Active').waitFor();
    expect(await page.content()).not.toContain(secret);
    await page.reload();
    await row.waitFor();
    expect(await page.content()).not.toContain(secret);

    await row.getByRole('button', { name: 'Revoke Nightly export' }).click();
    await page
      .getByRole('dialog', { name: 'Revoke this token?' })
      .getByRole('button', { name: 'Revoke' })
      .click();
    await row.getByText('Revoked').waitFor();
    expect((await meWith(secret)).status).toBe(401);
    await cw.screenshot(page, 'account-tokens');
    await context.close();
  });

  it('lists the sessions of two browsers and signs the other one out', async () => {
    const agent = await cw.newAgent({ name: 'Sam Sessions' });
    const first = await cw.signedIn(agent);
    const second = await cw.signedIn(agent);
    const page = first.page;
    await page.goto(`${cw.url}/account/sessions`);
    const rows = page.getByRole('table', { name: 'Sessions' }).getByRole('row');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(3); // heading row and two sessions
    await rows
      .filter({ hasText: 'This browser' })
      .getByText(/Chrome/)
      .waitFor();
    await cw.screenshot(page, 'account-sessions');

    await page.getByRole('button', { name: 'Sign out all other sessions' }).click();
    await page.getByText('1 other session signed out').waitFor();
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(2);

    // The other browser is signed out: its next page load leads to the sign-in page.
    await second.page.reload();
    await second.page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(second.page.url()).toContain('/sign-in');
    // This one is not.
    await page.reload();
    await page.getByRole('heading', { name: 'Sessions', level: 3 }).waitFor();
    expect(page.url()).toContain('/account/sessions');
    await first.context.close();
    await second.context.close();
  });

  it('changes the password (old one refused, new one works, this session stays) and the language', async () => {
    const agent = await cw.newAgent({ name: 'Paula Profile' });
    const { context, page } = await cw.signedIn(agent);
    const other = await cw.signedIn(agent);
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'Profile' }).click();
    await page.getByRole('heading', { name: 'Password' }).waitFor();

    await page.getByLabel('Current password').fill('not my password');
    await page.getByLabel('New password', { exact: true }).fill('a much better password');
    await page.getByLabel('Repeat the new password').fill('a much better password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('is not correct').waitFor();

    await page.getByLabel('Current password').fill(agent.password);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Password changed').waitFor();

    const signIn = (password: string) =>
      fetch(`${cw.url}/api/v1/auth/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: agent.email, password }),
      });
    expect((await signIn(agent.password)).status).toBe(401);
    expect((await signIn('a much better password')).status).toBe(200);
    await other.page.reload();
    await other.page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Password' }).waitFor();

    // Language and signature: the console switches to French at once.
    await page.getByRole('textbox', { name: 'Language' }).first().click();
    await page.getByRole('option', { name: 'Français' }).click();
    await page.getByLabel('Signature').fill('<p>Paula <strong>P.</strong><script>alert(1)</script></p>');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByRole('heading', { name: 'Votre compte' }).waitFor();
    await page.getByRole('link', { name: /Tous les ouverts/ }).waitFor();
    expect(await page.getByTestId('signature-preview').innerHTML()).toBe('<p>Paula <strong>P.</strong></p>');
    // The password change revoked the agent's API tokens; the console's own session reads the profile.
    await expect(cw.api(agent, 'GET', '/api/v1/me')).rejects.toThrow(/401/);
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).json());
    expect(me.agent.language).toBe('fr');
    await cw.screenshot(page, 'account-profile-fr');
    await context.close();
    await other.context.close();
  });
});
