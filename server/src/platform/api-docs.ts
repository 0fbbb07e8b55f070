// Documentation helpers for route schemas (the OpenAPI document at /api/v1/openapi.json).
import type { TSchema } from 'typebox';

/**
 * The body schema with an example request, shown in the API documentation (test/openapi-docs.test.ts
 * checks every example against its schema). A copy: schemas shared by several routes keep their own.
 */
export function withExample<T extends TSchema>(schema: T, example: Record<string, unknown>): T {
  const copy = Object.create(Object.getPrototypeOf(schema), Object.getOwnPropertyDescriptors(schema)) as T;
  return Object.assign(copy, { examples: [example] });
}
