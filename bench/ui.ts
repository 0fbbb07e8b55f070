/// <reference lib="dom" />
// The agent console in Chromium on loopback: time from navigation to the first 50 rows of
// "All open", from clicking a ticket to its timeline, and the JavaScript shipped on first load.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { type Percentiles, percentiles } from './stats.ts';

/** One request (API, script, locale file) of a traced navigation: when it started and ended, from the navigation's start. */
export interface TracedRequest {
  path: string;
  startMs: number;
  endMs: number;
}

export interface UiFigures {
  runs: number;
  /** The requests of the last list navigation and the last ticket click, in start order. */
  trace: { list: TracedRequest[]; ticket: TracedRequest[]; inPage?: TracedRequest[] };
  listFirst50Ms: Percentiles;
  ticketTimelineMs: Percentiles;
  firstLoadJsGzipBytes: number;
  firstLoadJsFiles: number;
  targets: { listMs: number; ticketMs: number; jsGzipBytes: number };
  met: { list: boolean; ticket: boolean; js: boolean };
}

const CHROMIUM = process.env.CASEWAY_CHROMIUM ?? '/usr/bin/chromium';
export const UI_TARGETS = { listMs: 800, ticketMs: 300, jsGzipBytes: 350 * 1024 };

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

/** Builds the web app if its sources changed since the last build (as `npm start` does). */
export function buildWebApp(): void {
  const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web');
  execFileSync('node', ['scripts/build-if-changed.mjs'], { cwd: web, stdio: 'inherit' });
}

export async function measureUi(opts: {
  base: string;
  email: string;
  password: string;
  runs: number;
}): Promise<UiFigures> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 2000 }, locale: 'en-US' });
    const page = await context.newPage();

    // First load, signed out: every script the sign-in page and the list need, gzip-compressed.
    const scripts = new Map<string, Buffer>();
    page.on('response', async (res) => {
      if (res.request().resourceType() === 'script' && res.ok()) {
        scripts.set(res.url(), await res.body().catch(() => Buffer.alloc(0)));
      }
    });
    await page.goto(`${opts.base}/sign-in`);
    await page.getByLabel('Email').fill(opts.email);
    await page.getByLabel('Password').fill(opts.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('tr[data-ticket-id]').first().waitFor({ timeout: 60_000 });
    const firstLoadJsGzipBytes = [...scripts.values()].reduce((sum, body) => sum + gzipSync(body).length, 0);
    const firstLoadJsFiles = scripts.size;

    // Every request with its start and end, to show what a slow navigation waited for.
    let requests: Array<{ path: string; start: number; end: number }> = [];
    const opened = new Map<unknown, { path: string; start: number }>();
    page.on('request', (req) => {
      const url = new URL(req.url());
      if (url.pathname.startsWith('/api/'))
        opened.set(req, { path: `${req.method()} ${url.pathname}`, start: performance.now() });
    });
    const finish = (req: unknown) => {
      const open = opened.get(req);
      if (open) requests.push({ ...open, end: performance.now() });
      opened.delete(req);
    };
    page.on('requestfinished', finish);
    page.on('requestfailed', finish);
    const traced = (since: number): TracedRequest[] =>
      requests
        .filter((r) => r.start >= since)
        .sort((a, b) => a.start - b.start)
        .map((r) => ({
          path: r.path,
          startMs: Math.round(r.start - since),
          endMs: Math.round(r.end - since),
        }));
    const trace: UiFigures['trace'] = { list: [], ticket: [] };

    const listTimes: number[] = [];
    const ticketTimes: number[] = [];
    // One unmeasured round first, like the warm-up of every other run: the server's caches and
    // the browser's compiled code start cold once, not on every agent's every click.
    for (let i = -1; i < opts.runs; i++) {
      requests = [];
      // Timed in the page, as the agent sees it: from the navigation's start (the page's time
      // origin) to the frame in which the 50th row is in the document.
      const started = performance.now();
      await page.goto(`${opts.base}/?view=open`);
      const shownAt = await page.waitForFunction(
        () => document.querySelectorAll('tr[data-ticket-id]').length >= 50 && performance.now(),
        undefined,
        { polling: 'raf', timeout: 60_000 },
      );
      if (i >= 0) listTimes.push((await shownAt.jsonValue()) as number);
      trace.list = traced(started);
      // The list settles (its SLA badges, counts) before the click, as it would for an agent.
      await page.waitForLoadState('networkidle');

      const row = page.locator('tr[data-ticket-id]').nth((i + 40) % 40);
      const link = row.getByRole('link').first();
      await page.evaluate(() => {
        const w = window as unknown as { __clickAt?: number };
        delete w.__clickAt;
        document.addEventListener(
          'click',
          () => {
            w.__clickAt = performance.now();
          },
          { capture: true, once: true },
        );
      });
      const clicked = performance.now();
      await link.click();
      // From the click event to the frame in which the timeline's first item is in the document.
      const timelineAt = await page
        .waitForFunction(
          () =>
            document.querySelector('[data-message-kind], [data-event-kind]') !== null && performance.now(),
          undefined,
          { polling: 'raf', timeout: 60_000 },
        )
        .catch(async (err: unknown) => {
          const shot = path.join(os.tmpdir(), 'caseway-ui-failure.png');
          await page.screenshot({ path: shot, fullPage: true });
          throw new Error(`The ticket page did not show its timeline (screenshot: ${shot}; ${page.url()})`, {
            cause: err,
          });
        });
      const clickAt = await page.evaluate(() => (window as unknown as { __clickAt?: number }).__clickAt ?? 0);
      if (i >= 0) ticketTimes.push(((await timelineAt.jsonValue()) as number) - clickAt);
      trace.ticket = traced(clicked);
      trace.inPage = await page.evaluate(() => {
        const w = window as unknown as { __clickAt?: number };
        const clickAt = w.__clickAt ?? 0;
        return performance
          .getEntriesByType('resource')
          .map((e) => e as PerformanceResourceTiming)
          .filter((e) => e.startTime >= clickAt)
          .map((e) => ({
            path: `${new URL(e.name).pathname}`,
            startMs: Math.round(e.startTime - clickAt),
            endMs: Math.round(e.responseEnd - clickAt),
          }))
          .concat([
            { path: '(now: timeline shown)', startMs: Math.round(performance.now() - clickAt), endMs: 0 },
          ]);
      });
    }
    if (process.env.BENCH_UI_VERBOSE === '1') {
      console.log(
        `list: ${listTimes.map(Math.round).join(' ')}\nticket: ${ticketTimes.map(Math.round).join(' ')}`,
      );
    }
    const listFirst50Ms = percentiles(listTimes);
    const ticketTimelineMs = percentiles(ticketTimes);
    return {
      runs: opts.runs,
      trace,
      listFirst50Ms,
      ticketTimelineMs,
      firstLoadJsGzipBytes,
      firstLoadJsFiles,
      targets: UI_TARGETS,
      met: {
        list: listFirst50Ms.p95 <= UI_TARGETS.listMs,
        ticket: ticketTimelineMs.p95 <= UI_TARGETS.ticketMs,
        js: firstLoadJsGzipBytes <= UI_TARGETS.jsGzipBytes,
      },
    };
  } finally {
    await browser.close();
  }
}
