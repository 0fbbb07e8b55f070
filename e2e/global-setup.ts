// Builds the web app when its sources changed, and checks that Chromium is here.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CHROMIUM = process.env.CASEWAY_CHROMIUM ?? '/usr/bin/chromium';

export default function setup(): void {
  const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web');
  execFileSync('node', ['scripts/build-if-changed.mjs'], { cwd: web, stdio: 'inherit' });
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install it with apt-get install chromium (or set CASEWAY_CHROMIUM)`,
    );
  }
}
