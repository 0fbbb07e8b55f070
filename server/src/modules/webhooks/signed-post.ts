// One delivery on the wire: the JSON body POSTed with Caseway's headers and signature, to the
// address the target guard vetted (no second DNS answer is used), no redirect followed, 10 s at most.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { TargetAddress } from './target-guard.ts';

export const DELIVERY_TIMEOUT_MS = 10_000;
export const EXCERPT_BYTES = 1024;
export const USER_AGENT = 'Caseway-Webhooks/1';

/** `v1=` + hex HMAC-SHA256 of "<timestamp>.<raw body>" with the webhook's secret (README: Webhooks). */
export function signatureOf(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export interface SignedPost {
  url: URL;
  address: TargetAddress;
  secret: string;
  event: string;
  deliveryId: string;
  /** Unix seconds, from the injected clock. */
  timestamp: number;
  body: string;
}

export interface PostOutcome {
  /** The HTTP status, when an answer came. */
  status: number | null;
  ms: number;
  excerpt: string | null;
  /** Why there was no answer (refused, timed out, …), or null. */
  error: string | null;
}

/** Text PostgreSQL can store: no NUL (a binary answer is kept as what it decodes to). */
const storable = (text: string) => text.replaceAll('\u0000', '\uFFFD');

function pinnedLookup(address: TargetAddress): LookupFunction {
  return ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [{ address: address.address, family: address.family }]);
    else callback(null, address.address, address.family);
  }) as unknown as LookupFunction;
}

export function signedPost(post: SignedPost): Promise<PostOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const client = post.url.protocol === 'https:' ? https : http;
  return new Promise<PostOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: Omit<PostOutcome, 'ms'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...outcome, ms: elapsed() });
    };
    const request = client.request(post.url, {
      method: 'POST',
      agent: false,
      lookup: pinnedLookup(post.address),
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(post.body),
        'user-agent': USER_AGENT,
        'x-caseway-event': post.event,
        'x-caseway-delivery': post.deliveryId,
        'x-caseway-timestamp': String(post.timestamp),
        'x-caseway-signature': signatureOf(post.secret, post.timestamp, post.body),
      },
    });
    // The status line may have come before the receiver stalled: it is kept, and the delivery fails.
    let status: number | null = null;
    const timer = setTimeout(() => {
      finish({
        status,
        excerpt: null,
        error: `No ${status === null ? 'answer' : 'complete answer'} within ${DELIVERY_TIMEOUT_MS / 1000} s`,
      });
      request.destroy();
    }, DELIVERY_TIMEOUT_MS);
    request.on('error', (err: NodeJS.ErrnoException) =>
      finish({ status: null, excerpt: null, error: storable(err.message || String(err.code ?? err)) }),
    );
    request.on('response', (response) => {
      status = response.statusCode ?? null;
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => {
        const bytes = Buffer.concat(chunks).subarray(0, EXCERPT_BYTES);
        const text = storable(new TextDecoder('utf-8', { fatal: false }).decode(bytes));
        finish({ status: response.statusCode ?? null, excerpt: text, error: null });
        response.destroy();
      };
      response.on('data', (chunk: Buffer) => {
        if (size >= EXCERPT_BYTES) return;
        chunks.push(chunk);
        size += chunk.length;
        if (size >= EXCERPT_BYTES) done();
      });
      response.on('end', done);
      response.on('error', done);
    });
    request.end(post.body);
  });
}
