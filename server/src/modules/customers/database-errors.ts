// Reads PostgreSQL error details through Drizzle's wrapper, on either engine.
interface PgErrorShape {
  code?: string;
  constraint?: string;
  cause?: { code?: string; constraint?: string };
}

/** True when a row could not be deleted because another table still references it. */
export function isForeignKeyViolation(err: unknown): boolean {
  const e = err as PgErrorShape | undefined;
  return e?.code === '23503' || e?.cause?.code === '23503';
}

/** The constraint or index a failed statement ran into, when PostgreSQL named one. */
export function violatedConstraint(err: unknown): string | undefined {
  const e = err as PgErrorShape | undefined;
  return e?.constraint ?? e?.cause?.constraint;
}
