// Who sent a request, remembered for a few seconds per node, so most requests need no query to
// know it. Anything that ends or changes a credential or its agent (sign-out, token revoke,
// password change, agent edit) empties the cache on every node at once: here directly, on the
// other nodes through NOTIFY.
import type { Db } from '../../platform/db.ts';
import { notifySql, queryRows } from '../../platform/db.ts';

export const CREDENTIALS_CHANNEL = 'caseway_credentials';
/** How long a resolved session or token is trusted without asking the database again. */
export const CREDENTIAL_TTL_MS = 10_000;
const MAX_ENTRIES = 10_000;

export interface CredentialCache {
  get<T>(key: string, nowMs: number): T | undefined;
  set(key: string, value: unknown, nowMs: number): void;
  clear(): void;
}

export function createCredentialCache(): CredentialCache {
  const entries = new Map<string, { value: unknown; until: number }>();
  return {
    get<T>(key: string, nowMs: number): T | undefined {
      const hit = entries.get(key);
      if (!hit) return undefined;
      if (hit.until <= nowMs) {
        entries.delete(key);
        return undefined;
      }
      return hit.value as T;
    },
    set(key, value, nowMs) {
      // Only credentials that resolved are kept, so the map grows with real users; the bound is
      // a safety net, and starting over costs one query per user.
      if (entries.size >= MAX_ENTRIES) entries.clear();
      entries.set(key, { value, until: nowMs + CREDENTIAL_TTL_MS });
    },
    clear() {
      entries.clear();
    },
  };
}

/** Call after a change that ends or alters credentials: every node forgets what it resolved. */
export async function credentialsChanged(db: Db, cache: CredentialCache | undefined): Promise<void> {
  cache?.clear();
  await queryRows(db, notifySql(CREDENTIALS_CHANNEL, ''));
}
