// The API document integrators read: every operation explains itself beyond its one-line summary,
// and every JSON request body comes with an example that its own schema accepts.
import { Ajv } from 'ajv';
import formats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

interface Operation {
  description?: string;
  requestBody?: {
    content?: Record<string, { schema?: Record<string, unknown>; example?: unknown; examples?: unknown }>;
  };
}

const HOW_TO =
  'In the route schema (server/src/modules/<module>/routes*.ts) add `description:` (what it does, ' +
  'who may, notable answers) and wrap the body as `body: withExample(Schema, { …a realistic request… })` ' +
  '(server/src/platform/api-docs.ts); then `npm run api-types`. Missing:';

async function operations(): Promise<Array<[string, Operation]>> {
  const spec = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
  return Object.entries(spec.paths as Record<string, Record<string, Operation>>).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]): [string, Operation] => [
      `${method.toUpperCase()} ${path}`,
      op,
    ]),
  );
}

/** A body with no fields at all (an action like restore) needs no example. */
const takesFields = (schema: Record<string, unknown> | undefined) =>
  !(schema?.type === 'object' && Object.keys((schema.properties as object) ?? {}).length === 0);

describe('the OpenAPI document', () => {
  it('describes every operation beyond its summary', async () => {
    const missing = (await operations())
      .filter(([, op]) => !op.description || op.description.trim().length < 20)
      .map(([name]) => `${name}: no description`);
    expect(missing, `${HOW_TO}\n${missing.join('\n')}`).toEqual([]);
  });

  it('gives every JSON request body an example that its schema accepts', async () => {
    // The schemas are TypeBox's JSON Schema (draft 7: tuples as `items: [...]`).
    const ajv = new Ajv({ strict: false, allErrors: true });
    (formats as unknown as { default: (ajv: Ajv) => void }).default(ajv);
    const problems: string[] = [];
    for (const [name, op] of await operations()) {
      const json = op.requestBody?.content?.['application/json'];
      if (!json || !takesFields(json.schema)) continue;
      const examples =
        json.example !== undefined
          ? [json.example]
          : Object.values((json.examples ?? {}) as Record<string, { value: unknown }>).map((e) => e.value);
      if (!examples.length) {
        problems.push(`${name}: no example of the request body`);
        continue;
      }
      const validate = ajv.compile(json.schema ?? {});
      for (const example of examples) {
        if (!validate(example))
          problems.push(`${name}: the example does not fit the schema: ${ajv.errorsText(validate.errors)}`);
      }
    }
    expect(problems, `${HOW_TO}\n${problems.join('\n')}`).toEqual([]);
  });
});
