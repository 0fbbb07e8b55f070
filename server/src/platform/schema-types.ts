// Column helpers shared by every module's schema.ts.
import { customType, type PgTimestampConfig, timestamp } from 'drizzle-orm/pg-core';

export {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** Instants are always timestamptz, read and written as Date. */
export const timestamptz = (name: string, config: Omit<PgTimestampConfig, 'withTimezone'> = {}) =>
  timestamp(name, { ...config, withTimezone: true, mode: 'date', precision: 3 });

/** A full-text vector maintained by the application (text is segmented in JS first). */
export const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
