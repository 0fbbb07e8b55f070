// Documentation helpers for route schemas (the OpenAPI document at /api/v1/openapi.json).
import type { Static, TSchema } from 'typebox';

/**
 * The body schema with an example request, shown in the API documentation; the example is
 * type-checked against the schema. A copy: schemas shared by several routes keep their own.
 */
export function withExample<T extends TSchema>(schema: T, example: Static<T>): T {
  const copy = Object.create(Object.getPrototypeOf(schema), Object.getOwnPropertyDescriptors(schema)) as T;
  return Object.assign(copy, { examples: [example] });
}
