// WCAG AA contrast on the main screens, light and dark (axe-core's color-contrast rule), and the
// color scheme: the system's by default, or the one chosen in the account menu, remembered.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caseway, type E2eAgent, startCaseway } from '../harness.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface ContrastViolation {
  target: string;
  text: string;
  summary: string;
}

/**
 * Every color-contrast violation on the page as it is now. axe-core comes in as an init script
 * (see withAxe): the console's Content-Security-Policy rightly refuses inline scripts.
 */
async function contrastViolations(page: Page): Promise<ContrastViolation[]> {
  return page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page above
    const axe = (window as any).axe;
    const result = await axe.run(document, { runOnly: { type: 'rule', values: ['color-contrast'] } });
    return result.violations.flatMap(
      (v: { nodes: Array<{ target: string[]; html: string; failureSummary: string }> }) =>
        v.nodes.map((n) => ({
          target: n.target.join(' '),
          text: n.html.slice(0, 160),
          summary: n.failureSummary.replace(/\s+/g, ' ').slice(0, 300),
        })),
    );
  });
}

/** The composer toolbar's icons: each one's contrast against the page (axe-core's own color math). */
async function iconContrasts(page: Page): Promise<Array<{ label: string; ratio: number }>> {
  await page.getByRole('toolbar', { name: 'Formatting' }).locator('svg').first().waitFor();
  return page.evaluate(() => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page above
    const { color } = (window as any).axe.commons;
    const page = new color.Color();
    page.parseString(getComputedStyle(document.body).backgroundColor);
    return [...document.querySelectorAll('[role="toolbar"] button:not([aria-pressed="true"]) svg')].map(
      (svg) => {
        const stroke = new color.Color();
        stroke.parseString(getComputedStyle(svg).color);
        return {
          label: svg.closest('button')?.getAttribute('aria-label') ?? '',
          ratio: color.getContrast(page, stroke) as number,
        };
      },
    );
  });
}

/** Loads axe-core into every page this page navigates to from now on. */
async function withAxe(page: Page): Promise<void> {
  await page.addInitScript({ content: axeSource });
}

describe('contrast in light and dark mode', () => {
  let cw: Caseway;
  let agent: E2eAgent;
  let ticketId: string;
  beforeAll(async () => {
    cw = await startCaseway();
    agent = await cw.newAgent({ name: 'Cora Contrast', admin: true });
    const ticket = await cw.api<{ id: string }>(cw.admin, 'POST', '/api/v1/tickets', {
      subject: 'Invoice shows the wrong address',
      description: 'The billing address on invoice 1042 is the old one.',
      priority: 'high',
      tags: ['billing'],
    });
    ticketId = ticket.id;
    await cw.api(cw.admin, 'POST', `/api/v1/tickets/${ticketId}/messages`, {
      kind: 'note',
      body: 'Checked the billing system: the address changed last week.',
    });
  });
  afterAll(async () => cw?.close());

  for (const scheme of ['light', 'dark'] as const) {
    it(`has no color-contrast violation on the main screens in ${scheme} mode (following the system)`, async () => {
      const { context, page } = await cw.signedIn(agent);
      await page.emulateMedia({ colorScheme: scheme });
      await withAxe(page);
      const screens = {
        'ticket list': '/',
        'ticket page': `/tickets/${ticketId}`,
        profile: '/account/profile',
        tokens: '/account/tokens',
        sessions: '/account/sessions',
        'new ticket': '/tickets/new',
        contacts: '/contacts',
        search: '/search?q=invoice',
        'SLA policies': '/admin/sla/policies',
        'SLA calendars': '/admin/sla/calendars',
      };
      const found: Record<string, ContrastViolation[]> = {};
      for (const [name, path] of Object.entries(screens)) {
        await page.goto(`${cw.url}${path}`);
        await page.waitForLoadState('networkidle');
        await page.getByRole('main').getByRole('heading').first().waitFor();
        await page.waitForTimeout(400);
        expect(await page.locator('html').getAttribute('data-mantine-color-scheme')).toBe(scheme);
        const violations = await contrastViolations(page);
        if (violations.length) found[name] = violations;
        if (name === 'ticket page') {
          const icons = await iconContrasts(page);
          expect(icons.length).toBeGreaterThan(0);
          // WCAG 1.4.11: graphical objects need 3:1 against what is behind them.
          expect(icons.filter((i) => i.ratio < 3)).toEqual([]);
        }
        await cw.screenshot(page, `contrast-${scheme}-${name.replace(' ', '-')}`);
      }
      // The account menu, open.
      await page.getByRole('button', { name: 'Account menu' }).click();
      await page.getByRole('menu').waitFor();
      await page.waitForTimeout(300);
      const menu = await contrastViolations(page);
      if (menu.length) found['account menu'] = menu;
      expect(found).toEqual({});
      await context.close();
    }, 180_000);
  }

  it('paints a saved dark choice dark before the app’s bundle runs (no white flash)', async () => {
    const context = await cw.browser.newContext({ colorScheme: 'light' });
    await context.addInitScript(() => window.localStorage.setItem('caseway.color-scheme', 'dark'));
    const page = await context.newPage();
    // The bundle never runs: what is dark here is dark before React mounts.
    await page.route(/\/assets\/index-[^/]*\.js$/, (route) =>
      route.fulfill({ contentType: 'text/javascript', body: '' }),
    );
    await page.goto(`${cw.url}/sign-in`, { waitUntil: 'domcontentloaded' });
    const painted = await page.evaluate(() => ({
      scheme: document.documentElement.getAttribute('data-mantine-color-scheme'),
      html: getComputedStyle(document.documentElement).backgroundColor,
      mounted: document.getElementById('root')?.childElementCount ?? 0,
    }));
    expect(painted).toEqual({ scheme: 'dark', html: 'rgb(36, 36, 36)', mounted: 0 });
    await context.close();
  });

  it('switches to dark in the account menu and remembers it over the system setting', async () => {
    const { context, page } = await cw.signedIn(agent);
    await page.emulateMedia({ colorScheme: 'light' });
    const html = page.locator('html');
    expect(await html.getAttribute('data-mantine-color-scheme')).toBe('light');
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByText('Dark', { exact: true }).click();
    await expect.poll(() => html.getAttribute('data-mantine-color-scheme')).toBe('dark');
    const body = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(body).toBe('rgb(36, 36, 36)');
    await page.reload();
    await page.getByRole('navigation').waitFor();
    expect(await html.getAttribute('data-mantine-color-scheme')).toBe('dark');
    expect(await page.locator('meta[name="color-scheme"]').getAttribute('content')).toBe('light dark');
    // Back to the system's setting.
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByText('System', { exact: true }).click();
    await expect.poll(() => html.getAttribute('data-mantine-color-scheme')).toBe('light');
    await context.close();
  });
});
