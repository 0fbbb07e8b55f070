// Placeholder replaced by the demo data set.
import type { Clock } from '../platform/clock.ts';
import type { Database } from '../platform/db.ts';

export async function seedDemo(_database: Database, _clock: Clock, _opts: { ifEmpty: boolean }): Promise<Record<string, number>> {
  return {};
}
