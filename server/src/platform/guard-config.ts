// Settings of the guards around uploads and /metrics, from environment variables, checked once at
// start like config.ts (kept apart from it for now; it can move into Config later).
import ipaddr from 'ipaddr.js';
import { ConfigError } from './config.ts';

export interface GuardConfig {
  /** Multipart upload requests one agent may send per minute. */
  uploadRatePerMinute: number;
  /** A bearer token that may read /metrics (a scraper's), besides administrators. */
  metricsToken: string | undefined;
  /** Addresses and CIDR ranges that may read /metrics without credentials. */
  metricsAllow: AddressRange[];
}

export type AddressRange = [ipaddr.IPv4 | ipaddr.IPv6, number];

type Env = Record<string, string | undefined>;

function parseRange(entry: string): AddressRange {
  if (entry.includes('/')) return ipaddr.parseCIDR(entry);
  const addr = ipaddr.process(entry);
  return [addr, addr.kind() === 'ipv4' ? 32 : 128];
}

export function loadGuardConfig(env: Env = process.env): GuardConfig {
  const rate = env.CASEWAY_UPLOAD_RATE_PER_MINUTE || '60';
  if (!/^\d+$/.test(rate) || Number(rate) < 1 || Number(rate) > 100_000)
    throw new ConfigError(
      'CASEWAY_UPLOAD_RATE_PER_MINUTE',
      `must be a whole number from 1 to 100000, got "${rate}"`,
    );
  const metricsToken = env.CASEWAY_METRICS_TOKEN || undefined;
  if (metricsToken !== undefined && metricsToken.length < 16)
    throw new ConfigError('CASEWAY_METRICS_TOKEN', 'must be at least 16 characters');
  const metricsAllow = (env.CASEWAY_METRICS_ALLOW ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      try {
        return parseRange(entry);
      } catch {
        throw new ConfigError('CASEWAY_METRICS_ALLOW', `"${entry}" is not an IP address or CIDR range`);
      }
    });
  return { uploadRatePerMinute: Number(rate), metricsToken, metricsAllow };
}

/** Whether an address (IPv4-mapped IPv6 counts as IPv4) lies in one of the ranges. */
export function addressAllowed(ip: string, ranges: readonly AddressRange[]): boolean {
  if (!ranges.length || !ipaddr.isValid(ip)) return false;
  const addr = ipaddr.process(ip);
  return ranges.some(([range, bits]) => range.kind() === addr.kind() && addr.match(range, bits));
}
