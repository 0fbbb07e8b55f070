// Starts a real Caseway server on a fresh database copy and a headless Chromium, for one test file.
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { buildApp } from '../server/src/app.ts';
import {
  CREDENTIALS_CHANNEL,
  createApiToken,
  insertAgent,
  SHIPPED,
} from '../server/src/modules/directory/index.ts';
import { systemClock } from '../server/src/platform/clock.ts';
import { loadConfig } from '../server/src/platform/config.ts';
import { type Database, notifySql, queryRows } from '../server/src/platform/db.ts';
import { createTestDatabase } from '../server/test/database.ts';
import { CHROMIUM } from './global-setup.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const SCREENSHOTS = path.resolve(here, '../test-output/screenshots');

export interface E2eAgent {
  id: string;
  name: string;
  email: string;
  password: string;
  token: string;
}

export interface Caseway {
  url: string;
  database: Database;
  admin: E2eAgent;
  browser: Browser;
  /** A new agent (with an API token for set-up calls). */
  newAgent(opts?: {
    admin?: boolean;
    name?: string;
    language?: string;
    timeZone?: string;
    /** Default: the shipped Administrator role (every ticket in reach). */
    roleId?: string;
  }): Promise<E2eAgent>;
  /** A fresh browser context (its own cookies), signed in as `who` through the sign-in page. */
  signedIn(who: E2eAgent): Promise<{ context: BrowserContext; page: Page }>;
  /** Calls the API as `who` with their token (test set-up, not what is being tested). */
  api<T = unknown>(who: E2eAgent, method: string, url: string, body?: unknown): Promise<T>;
  screenshot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

let counter = 0;

export interface StartOptions {
  /** Load the demo data set first (`tickets`: how many, fewer for a quicker start). */
  demo?: boolean | { tickets: number };
}

export async function startCaseway(opts: StartOptions = {}): Promise<Caseway> {
  const database = await createTestDatabase();
  if (opts.demo) {
    const { seedDemo } = await import('../server/src/seed/demo.ts');
    await seedDemo(database, systemClock, {
      ifEmpty: true,
      ...(typeof opts.demo === 'object' ? { tickets: opts.demo.tickets } : {}),
    });
  }
  // A private copy of the built app, so a rebuild during the run cannot pull files from under it.
  const webDir = mkdtempSync(path.join(os.tmpdir(), 'caseway-e2e-web-'));
  cpSync(path.resolve(here, '../web/dist'), webDir, { recursive: true });
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    CASEWAY_DATA_DIR: `/tmp/caseway-e2e-${process.pid}`,
    CASEWAY_WEB_DIR: webDir,
  });
  const app = await buildApp({ config, database, clock: systemClock, logger: false });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });

  const newAgent: Caseway['newAgent'] = async (opts = {}) => {
    counter += 1;
    const name = opts.name ?? `Agent ${counter}`;
    const email = `e2e${counter}.${process.pid}@example.com`;
    const password = 'correct horse battery';
    const { agent } = await insertAgent(database.db, systemClock.now(), {
      name,
      email,
      password,
      admin: opts.admin ?? false,
      // Every ticket in reach unless a test is about who sees what.
      roleId: opts.roleId ?? SHIPPED.administratorRole,
      ...(opts.language ? { language: opts.language } : {}),
      ...(opts.timeZone ? { timeZone: opts.timeZone } : {}),
    });
    const { secret } = await createApiToken(database.db, systemClock, agent.id, { name: 'e2e set-up' });
    // The organisation the server resolved in the last seconds does not know this agent yet: it
    // would give them no role (nothing in reach) until the cache expires.
    await queryRows(database.db, notifySql(CREDENTIALS_CHANNEL, ''));
    return { id: agent.id, name, email, password, token: secret };
  };
  const admin = await newAgent({ admin: true, name: 'Ada Admin' });

  const api: Caseway['api'] = async (who, method, path, body) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${who.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as never;
  };

  return {
    url,
    database,
    admin,
    browser,
    newAgent,
    api,
    signedIn: async (who) => {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
      const page = await context.newPage();
      await page.goto(`${url}/sign-in`);
      await page.getByLabel('Email').fill(who.email);
      await page.getByLabel('Password').fill(who.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      try {
        await page.getByRole('navigation').waitFor({ timeout: 15_000 });
      } catch (err) {
        await page.screenshot({ path: path.join(SCREENSHOTS, 'failed-sign-in.png') });
        throw err;
      }
      return { context, page };
    },
    screenshot: async (page, name) => {
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false });
    },
    close: async () => {
      await browser.close();
      await app.close();
      await database.close();
      rmSync(webDir, { recursive: true, force: true });
    },
  };
}
