// Installation secrets are generated on first start and kept in the database, never defaulted.
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db } from './db.ts';
import { appSettings } from './schema.ts';

export async function ensureSecret(db: Db, key: string, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  await db
    .insert(appSettings)
    .values({ key, value: sql`to_jsonb(${randomBytes(48).toString('base64url')}::text)` })
    .onConflictDoNothing();
  const [row] = await db.select().from(appSettings).where(eq(appSettings.key, key));
  return String(row!.value);
}
