// Where a webhook may send (SSRF): http(s) URLs whose host resolves only to public addresses. The
// check runs when a URL is saved and again at every delivery, and the request then connects to the
// very address that was checked, so a name re-pointed at an internal address after the check (DNS
// rebinding) cannot reach it. Administrators may allow private targets (their own network).
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

export interface TargetAddress {
  address: string;
  family: 4 | 6;
}

export interface TargetPolicy {
  /** Loopback, private (RFC 1918, fc00::/7) and shared (100.64/10) addresses are allowed too. */
  allowPrivateTargets: boolean;
  /** Resolves a host name to all its addresses (tests may pass their own). */
  resolve?: (host: string) => Promise<TargetAddress[]>;
}

export type Vetted = { ok: true; url: URL; address: TargetAddress } | { ok: false; reason: string };

/** Cloud instance metadata services: never a target, whatever the setting. */
const METADATA = new Set(['169.254.169.254', 'fd00:ec2::254']);
/** The ranges allowed when private targets are (ipaddr.js range names). */
const PRIVATE_RANGES = new Set(['loopback', 'private', 'uniqueLocal', 'carrierGradeNat']);

const RANGE_WORDS: Record<string, string> = {
  loopback: 'a loopback address',
  private: 'a private address',
  uniqueLocal: 'a private address',
  carrierGradeNat: 'a shared (carrier-grade NAT) address',
  linkLocal: 'a link-local address',
  unspecified: 'an unspecified address',
  multicast: 'a multicast address',
  broadcast: 'a broadcast address',
};

/**
 * Why a webhook may not connect to this IP address, or null when it may. IPv4-mapped IPv6 addresses
 * (::ffff:127.0.0.1) are judged as the IPv4 address they carry.
 */
export function addressProblem(ip: string, allowPrivateTargets: boolean): string | null {
  if (!ipaddr.isValid(ip)) return `${ip} is not an IP address`;
  let parsed = ipaddr.parse(ip);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress())
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const normalized = parsed.toString();
  if (METADATA.has(normalized)) return `${ip} is a cloud metadata address`;
  const range = parsed.range();
  if (range === 'unicast') return null;
  if (allowPrivateTargets && PRIVATE_RANGES.has(range)) return null;
  const what = RANGE_WORDS[range] ?? 'a reserved address';
  return PRIVATE_RANGES.has(range)
    ? `${ip} is ${what} (allow private targets in the webhook settings to send there)`
    : `${ip} is ${what}`;
}

/** The URL, when it is one a webhook may have at all (http or https, a host); else why not. */
export function parseTargetUrl(raw: string): URL | string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not a valid URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an http:// or https:// URL';
  if (!url.hostname) return 'has no host';
  return url;
}

/** The host as an IP literal (brackets of IPv6 removed), or null for a name. */
function ipLiteral(hostname: string): string | null {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return isIP(bare) ? bare : null;
}

async function systemResolve(host: string): Promise<TargetAddress[]> {
  const found = await dnsLookup(host, { all: true, verbatim: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
}

/**
 * Checks a URL and the addresses its host resolves to (every one must be allowed, so a name with
 * one public and one internal address is refused). Answers the address to connect to.
 */
export async function vetTarget(raw: string, policy: TargetPolicy): Promise<Vetted> {
  const url = parseTargetUrl(raw);
  if (typeof url === 'string') return { ok: false, reason: url };
  const literal = ipLiteral(url.hostname);
  let addresses: TargetAddress[];
  if (literal) {
    addresses = [{ address: literal, family: isIP(literal) === 6 ? 6 : 4 }];
  } else {
    try {
      addresses = await (policy.resolve ?? systemResolve)(url.hostname);
    } catch {
      return { ok: false, reason: `host ${url.hostname} could not be resolved` };
    }
    if (!addresses.length) return { ok: false, reason: `host ${url.hostname} has no address` };
  }
  for (const a of addresses) {
    const problem = addressProblem(a.address, policy.allowPrivateTargets);
    if (problem) return { ok: false, reason: literal ? problem : `${url.hostname} resolves to ${problem}` };
  }
  return { ok: true, url, address: addresses[0]! };
}
