import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app.ts';

const committed = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../web/src/app/openapi.json',
);

describe('the web client’s API types', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('come from the current OpenAPI document (run `npm run api-types` after changing the API)', () => {
    expect(t.app.swagger()).toEqual(JSON.parse(readFileSync(committed, 'utf8')));
  });
});
