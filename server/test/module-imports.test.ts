// DESIGN's module rules, checked on the sources with the TypeScript parser: dependencies point one
// way along MODULE_ORDER, and a module's files are reached from outside only through its index.ts.
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** platform first; a module may import only those before it (and itself). */
const MODULE_ORDER = [
  'platform',
  'conditions',
  'access',
  'directory',
  'customers',
  'tickets',
  'notifications',
  'webhooks',
  'sla',
  'views',
  'search',
  'rules',
  'macros',
] as const;

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src');

type Place =
  | { kind: 'module'; name: string; rest: string } // rest: path inside the module folder
  | { kind: 'platform' }
  | { kind: 'wiring' } // src/*.ts and src/seed: the composition root and its helpers
  | { kind: 'outside' };

function placeOf(file: string): Place {
  const rel = path.relative(SRC, file).split(path.sep);
  if (rel[0] === '..') return { kind: 'outside' };
  if (rel[0] === 'modules' && rel.length >= 3)
    return { kind: 'module', name: rel[1]!, rest: rel.slice(2).join('/') };
  if (rel[0] === 'platform') return { kind: 'platform' };
  return { kind: 'wiring' };
}

const rank = (p: Place): number =>
  p.kind === 'platform' ? 0 : p.kind === 'module' ? MODULE_ORDER.indexOf(p.name as never) : -1;
const nameOf = (p: Place): string => (p.kind === 'module' ? p.name : p.kind);

/** The rules one import of `file` (absolute) breaks; `specifier` as written in the source. */
function checkImport(file: string, specifier: string): string[] {
  if (!specifier.startsWith('.')) return []; // packages
  const from = placeOf(file);
  const to = placeOf(path.resolve(path.dirname(file), specifier));
  const where = `${path.relative(SRC, file)} imports '${specifier}'`;
  const broken: string[] = [];
  if (from.kind === 'outside' || to.kind === 'outside') return [];
  if (from.kind === 'module' && rank(from) < 0)
    broken.push(`${where}: module "${from.name}" is missing from MODULE_ORDER`);
  if (to.kind === 'wiring' && from.kind !== 'wiring' && !file.endsWith('.test.ts'))
    broken.push(`${where}: only the wiring files (src/*.ts, src/seed) may import the wiring files`);
  if (
    (from.kind === 'module' || from.kind === 'platform') &&
    (to.kind === 'module' || to.kind === 'platform') &&
    nameOf(from) !== nameOf(to) &&
    rank(to) > rank(from)
  )
    broken.push(
      `${where}: rule (a) module order — "${nameOf(from)}" may not import "${nameOf(to)}", which comes later in ${MODULE_ORDER.join(' ← ')}`,
    );
  const sameModule = from.kind === 'module' && to.kind === 'module' && from.name === to.name;
  if (to.kind === 'module' && !sameModule && to.rest !== 'index.ts' && !file.endsWith('.test.ts'))
    broken.push(
      `${where}: rule (b) index only — import from modules/${to.name}/index.ts, not modules/${to.name}/${to.rest}`,
    );
  return broken;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

describe('module imports', () => {
  it('follow the module order and go through index.ts', async () => {
    const broken: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const info = ts.preProcessFile(await readFile(file, 'utf8'), true, true);
      for (const ref of info.importedFiles) broken.push(...checkImport(file, ref.fileName));
    }
    expect(broken).toEqual([]);
  });

  it('names the file, the import and the rule broken', () => {
    const f = (rel: string) => path.join(SRC, rel);
    expect(checkImport(f('modules/tickets/x.ts'), '../sla/index.ts')).toEqual([
      expect.stringMatching(/^modules\/tickets\/x\.ts imports '\.\.\/sla\/index\.ts': rule \(a\)/),
    ]);
    expect(checkImport(f('platform/x.ts'), '../modules/access/index.ts')[0]).toMatch(/rule \(a\)/);
    expect(checkImport(f('modules/tickets/schema.ts'), '../directory/schema.ts')).toEqual([
      expect.stringMatching(/tickets\/schema\.ts imports '\.\.\/directory\/schema\.ts': rule \(b\)/),
    ]);
    expect(checkImport(f('serve.ts'), './modules/directory/passwords.ts')[0]).toMatch(/rule \(b\)/);
    expect(checkImport(f('modules/sla/x.test.ts'), '../tickets/command-core.ts')).toEqual([]);
    expect(checkImport(f('modules/tickets/x.ts'), './schema.ts')).toEqual([]);
    expect(checkImport(f('modules/tickets/x.ts'), '../../platform/db.ts')).toEqual([]);
    expect(checkImport(f('app.ts'), './modules/search/index.ts')).toEqual([]);
    expect(checkImport(f('modules/kb/x.ts'), '../tickets/index.ts')[0]).toMatch(/missing from MODULE_ORDER/);
    expect(checkImport(f('modules/tickets/x.ts'), '../../app.ts')[0]).toMatch(/wiring/);
  });
});
