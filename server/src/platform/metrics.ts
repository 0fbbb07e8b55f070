// Prometheus metrics: process defaults plus HTTP request counts and latencies per route.
// Read by administrators, by a scraper with CASEWAY_METRICS_TOKEN, or from CASEWAY_METRICS_ALLOW.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { AppError } from './errors.ts';
import { addressAllowed, type GuardConfig } from './guard-config.ts';
import { requireAdmin } from './http.ts';

export interface Metrics {
  registry: Registry;
}

const METRICS_PATH = '/metrics';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A request to /metrics bearing the metrics token (authentication leaves it alone). */
export function isMetricsScrape(request: FastifyRequest, guards: GuardConfig): boolean {
  const header = request.headers.authorization;
  return (
    guards.metricsToken !== undefined &&
    request.url.split('?')[0] === METRICS_PATH &&
    header?.startsWith('Bearer ') === true &&
    sameSecret(header.slice(7).trim(), guards.metricsToken)
  );
}

export function registerMetrics(app: FastifyInstance, guards: GuardConfig): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'caseway_' });
  const requests = new Counter({
    name: 'caseway_http_requests_total',
    help: 'HTTP requests by route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'caseway_http_request_duration_seconds',
    help: 'HTTP request latency by route',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    if (route === METRICS_PATH) return;
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
  // After authentication (onRequest): anonymous callers get 401, agents who are not admins 403.
  const mayRead = async (request: FastifyRequest) => {
    if (isMetricsScrape(request, guards) || addressAllowed(request.ip, guards.metricsAllow)) return;
    if (!request.auth)
      throw new AppError('unauthorized', 'Sign in as an administrator or send the metrics token');
    requireAdmin(request);
  };
  app.get(METRICS_PATH, { schema: { hide: true }, preHandler: mayRead }, async (_request, reply) => {
    reply.type(registry.contentType);
    return registry.metrics();
  });
  return { registry };
}
