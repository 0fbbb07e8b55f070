// Where webhooks may send: every address class an attacker would aim at is refused, also written as
// an IPv4-mapped IPv6 address, also behind a host name; private targets only when allowed.
import { describe, expect, it } from 'vitest';
import { addressProblem, parseTargetUrl, vetTarget } from './target-guard.ts';

const REFUSED_ALWAYS = [
  '169.254.169.254', // cloud metadata
  'fd00:ec2::254', // cloud metadata (IPv6)
  '169.254.10.1', // link-local
  'fe80::1',
  '0.0.0.0',
  '::',
  '224.0.0.1', // multicast
  'ff02::1',
  '255.255.255.255',
  '240.0.0.1', // reserved
  '::ffff:169.254.169.254',
  '64:ff9b::7f00:1', // NAT64 of 127.0.0.1
];
const PRIVATE = [
  '127.0.0.1',
  '127.10.0.3',
  '::1',
  '10.0.0.8',
  '172.16.5.4',
  '172.31.255.255',
  '192.168.1.20',
  'fc00::1',
  'fd12:3456::1',
  '100.64.0.1',
  '100.127.255.254',
  '::ffff:127.0.0.1',
  '::ffff:7f00:1',
  '::ffff:10.0.0.1',
];
const PUBLIC = ['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::6810:84e5'];

describe('the webhook target guard', () => {
  it('refuses loopback, private, shared, link-local, metadata, unspecified and multicast addresses', () => {
    for (const ip of [...REFUSED_ALWAYS, ...PRIVATE]) expect(addressProblem(ip, false), ip).not.toBeNull();
  });

  it('allows loopback, private and shared addresses only when private targets are allowed', () => {
    for (const ip of PRIVATE) expect(addressProblem(ip, true), ip).toBeNull();
    for (const ip of REFUSED_ALWAYS) expect(addressProblem(ip, true), ip).not.toBeNull();
  });

  it('allows public addresses', () => {
    for (const ip of PUBLIC) expect(addressProblem(ip, false), ip).toBeNull();
  });

  it('says why, and how to allow a private target', () => {
    expect(addressProblem('169.254.169.254', true)).toContain('metadata');
    expect(addressProblem('10.0.0.1', false)).toContain('allow private targets');
  });

  it('takes only http and https URLs', () => {
    expect(parseTargetUrl('ftp://example.com/x')).toBe('must be an http:// or https:// URL');
    expect(parseTargetUrl('file:///etc/passwd')).toBe('must be an http:// or https:// URL');
    expect(parseTargetUrl('javascript:alert(1)')).toBe('must be an http:// or https:// URL');
    expect(parseTargetUrl('not a url')).toBe('is not a valid URL');
    expect(parseTargetUrl('https://example.com/hook')).toBeInstanceOf(URL);
  });

  it('judges IP literals in any spelling the URL parser accepts', async () => {
    for (const url of [
      'http://127.0.0.1/',
      'http://2130706433/',
      'http://0x7f.1/',
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]:8080/',
      'http://169.254.169.254/latest/meta-data/',
    ]) {
      const vetted = await vetTarget(url, { allowPrivateTargets: false });
      expect(vetted.ok, url).toBe(false);
    }
  });

  it('refuses a name when any of its addresses is refused, and answers the vetted address to connect to', async () => {
    const resolve = async (host: string) =>
      host === 'mixed.example'
        ? [
            { address: '93.184.216.34', family: 4 as const },
            { address: '10.0.0.5', family: 4 as const },
          ]
        : [{ address: '93.184.216.34', family: 4 as const }];
    const mixed = await vetTarget('https://mixed.example/hook', { allowPrivateTargets: false, resolve });
    expect(mixed).toEqual({
      ok: false,
      reason: expect.stringContaining('mixed.example resolves to 10.0.0.5'),
    });
    const fine = await vetTarget('https://hooks.example/x', { allowPrivateTargets: false, resolve });
    expect(fine).toMatchObject({ ok: true, address: { address: '93.184.216.34', family: 4 } });
  });

  it('refuses localhost through the system resolver', async () => {
    const vetted = await vetTarget('http://localhost:8080/', { allowPrivateTargets: false });
    expect(vetted.ok).toBe(false);
    expect(await vetTarget('http://localhost:8080/', { allowPrivateTargets: true })).toMatchObject({
      ok: true,
    });
  });
});
