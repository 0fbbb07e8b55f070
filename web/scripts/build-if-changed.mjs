// Builds the web app only when its sources changed since the last build, so `npm start` is fast
// after the first run. The fingerprint of the sources is kept beside the build.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const inputs = ['src', 'public', 'index.html', 'vite.config.ts', 'postcss.config.cjs', 'package.json'];

function files(p) {
  const full = path.join(root, p);
  if (!existsSync(full)) return [];
  if (statSync(full).isFile()) return [p];
  return readdirSync(full)
    .sort()
    .flatMap((name) => files(path.join(p, name)));
}

const hash = createHash('sha256');
for (const file of inputs.flatMap(files)) {
  hash.update(file);
  hash.update(readFileSync(path.join(root, file)));
}
const fingerprint = hash.digest('hex');
const stamp = path.join(root, 'dist', '.source-hash');
if (
  existsSync(stamp) &&
  readFileSync(stamp, 'utf8') === fingerprint &&
  existsSync(path.join(root, 'dist', 'index.html'))
) {
  console.log('Web app is up to date.');
  process.exit(0);
}
console.log('Building the web app (only when its sources change)…');
const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
writeFileSync(stamp, fingerprint);
