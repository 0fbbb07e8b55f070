// The composition root: builds the Fastify app, registers every module's routes by hand and
// wires subscribers. Nothing is discovered automatically; read this file to see the whole server.
import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  registerAjvFormats,
  type TypeBoxTypeProvider,
  TypeBoxValidatorCompiler,
} from '@fastify/type-provider-typebox';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import secureJson from 'secure-json-parse';
import { Type } from 'typebox';
import { customersRoutes } from './modules/customers/index.ts';
import {
  accessSettingsRoutes,
  actorFor,
  agentRoutes,
  apiTokenHash,
  authRoutes,
  CREDENTIALS_CHANNEL,
  CSRF_HEADER,
  createCredentialCache,
  type DirectoryWiring,
  departmentRoutes,
  groupRoutes,
  profileRoutes,
  resolveApiToken,
  resolveSession,
  roleRoutes,
  SESSION_COOKIE,
  sharingRuleRoutes,
} from './modules/directory/index.ts';
import { macroRoutes } from './modules/macros/index.ts';
import { notificationRoutes } from './modules/notifications/index.ts';
import { ruleRoutes } from './modules/rules/index.ts';
import { searchRoutes } from './modules/search/index.ts';
import { slaRoutes, ticketSlaRoutes } from './modules/sla/index.ts';
import {
  permissionFieldCatalog,
  releaseGroupTickets,
  ticketAdminRoutes,
  ticketRoutes,
  ticketStreamRoutes,
  ticketTeamRoutes,
} from './modules/tickets/index.ts';
import { viewRoutes } from './modules/views/index.ts';
import { webhookRoutes } from './modules/webhooks/index.ts';
import { dataBlobStore } from './platform/blobs.ts';
import type { Clock } from './platform/clock.ts';
import type { Config } from './platform/config.ts';
import type { Database } from './platform/db.ts';
import { AppError, invalid, sendProblem } from './platform/errors.ts';
import { type GuardConfig, loadGuardConfig } from './platform/guard-config.ts';
import type { AppDeps, RequestAuth } from './platform/http.ts';
import { languageFromHeader } from './platform/i18n.ts';
import { isMetricsScrape, registerMetrics } from './platform/metrics.ts';
import { outboxRoutes } from './platform/outbox-routes.ts';
import { RequestLogController } from './platform/request-log.ts';
import { ensureSecret } from './platform/secrets.ts';
import { registerWebApp, WEB_APP_CSP } from './platform/web-app.ts';
import { createServices, type Services } from './services.ts';

registerAjvFormats();

export interface BuildOptions {
  config: Config;
  database: Database;
  clock: Clock;
  /** Caches and subscribers shared with this process's workers; created here when absent. */
  services?: Services;
  /** Upload rate and /metrics access; from the environment when absent. */
  guards?: GuardConfig;
  /** pino options or false; tests pass false. */
  logger?: boolean | Record<string, unknown>;
}

/** A string PostgreSQL cannot store as text: a NUL, or a lone UTF-16 surrogate (not well-formed). */
function badText(value: string): string | null {
  if (value.includes('\u0000')) return 'contains a NUL character';
  if (!value.isWellFormed()) return 'is not well-formed Unicode (a lone surrogate)';
  return null;
}

/** Throws a validation error naming the first key or string value (by its path) that is bad text. */
function rejectBadText(value: unknown, path: string): void {
  if (typeof value === 'string') {
    const problem = badText(value);
    if (problem) throw new AppError('validation', `${path} ${problem}`, [{ field: path, message: problem }]);
  } else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) rejectBadText(item, `${path}/${i}`);
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const keyProblem = badText(key);
      if (keyProblem) {
        const field = `${path}/${key.replaceAll('\u0000', '').toWellFormed()}`;
        throw new AppError('validation', `${field} (the name) ${keyProblem}`, [
          { field, message: `its name ${keyProblem}` },
        ]);
      }
      rejectBadText(item, `${path}/${key}`);
    }
  }
}

export const VIEW_AS_HEADER = 'x-caseway-view-as';
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const { config, database, clock } = opts;
  const guards = opts.guards ?? loadGuardConfig();
  const { trustProxy } = config;
  const app = Fastify({
    logger: opts.logger ?? { level: config.logLevel },
    logController: new RequestLogController(),
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    // A hop count trusts that many proxies from the right of X-Forwarded-For (proxy-addr's rule).
    trustProxy:
      typeof trustProxy === 'number' ? (_address: string, hop: number) => hop < trustProxy : trustProxy,
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  // A request without a body is checked as an empty object, so optional-only bodies may be omitted
  // and a missing required field is named instead of "body must be object".
  app.setValidatorCompiler((route) => {
    const validate = TypeBoxValidatorCompiler(route);
    return route.httpPart === 'body' ? (value: unknown) => validate(value ?? {}) : validate;
  });

  // JSON bodies: PostgreSQL text cannot hold NUL or a lone surrogate, so either one anywhere is
  // refused at the edge, naming its path, for every route at once.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    try {
      const parsed: unknown = secureJson.parse(text, undefined, {
        protoAction: 'error',
        constructorAction: 'error',
      });
      rejectBadText(parsed, 'body');
      done(null, parsed);
    } catch (err) {
      done(
        err instanceof AppError
          ? err
          : new AppError('validation', 'The body is not valid JSON', [
              { field: 'body', message: 'is not valid JSON' },
            ]),
      );
    }
  });

  // Only JSON and multipart bodies are accepted; a route without a body takes none.
  app.removeContentTypeParser('text/plain');
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (
      route.url.startsWith('/api/') &&
      methods.some((m) => m === 'POST' || m === 'PUT' || m === 'PATCH') &&
      !route.schema?.body
    ) {
      route.schema = { ...route.schema, body: Type.Object({}, { additionalProperties: false }) };
    }
  });

  app.decorateRequest('auth', null);
  app.decorateRequest('language', 'en');
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (/%00/.test(request.url))
      throw new AppError('validation', 'NUL characters are not allowed', [
        { field: 'query', message: 'contains a NUL character' },
      ]);
    request.language = languageFromHeader(request.headers['accept-language']);
  });

  app.setErrorHandler((error, request, reply) => sendProblem(request, reply, error));
  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      request,
      reply,
      new AppError('not_found', `No route ${request.method} ${request.url.split('?')[0]}`),
    ),
  );

  const sessionSecret = await ensureSecret(database.db, 'session_secret', config.sessionSecret);
  await app.register(cookie, { secret: sessionSecret });
  await app.register(rateLimit, { global: false });
  await app.register(multipart, {
    limits: { fileSize: config.attachmentMaxBytes, files: 20, fields: 20, fieldSize: 1024 * 1024 },
  });

  // Resolved sessions and tokens are remembered for a few seconds; any node's sign-out, revoke or
  // agent change empties every node's copy.
  const credentials = createCredentialCache();
  // Live streams re-check their credential when one ends anywhere (ticket-stream.ts).
  const credentialWatchers = new Set<() => void>();
  const unlistenCredentials = await database.listen(CREDENTIALS_CHANNEL, () => {
    credentials.clear();
    for (const watcher of credentialWatchers) watcher();
  });
  const onCredentialsChanged = (watcher: () => void) => {
    credentialWatchers.add(watcher);
    return () => credentialWatchers.delete(watcher);
  };
  app.addHook('onClose', async () => unlistenCredentials());

  // Authentication: a bearer API token, or the signed session cookie (then unsafe methods need the CSRF header).
  // At onRequest, so a caller is known (or refused) before any request body is read.
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    if (isMetricsScrape(request, guards)) return; // the scraper's token is no API token
    if (header?.startsWith('Bearer ')) {
      const token = header.slice(7).trim();
      const actor = await resolveApiToken(database.db, clock, token, credentials);
      if (!actor) throw new AppError('unauthorized', 'The API token is not valid');
      request.auth = { actor, via: 'token', tokenHash: apiTokenHash(token) };
    } else {
      const raw = request.cookies[SESSION_COOKIE];
      const unsigned = raw ? request.unsignCookie(raw) : undefined;
      if (unsigned?.valid && unsigned.value) {
        const session = await resolveSession(database.db, clock, unsigned.value, credentials);
        if (session) {
          request.auth = {
            actor: session.actor,
            via: 'session',
            sessionId: session.sessionId,
            csrfToken: session.csrfToken,
          };
          if (UNSAFE.has(request.method) && request.headers[CSRF_HEADER] !== session.csrfToken) {
            throw new AppError(
              'forbidden',
              `Send the ${CSRF_HEADER} header with the token from sign-in or GET /api/v1/me`,
            );
          }
        }
      }
    }
    // Anonymous callers learn nothing of a route (not even its body schema or whether it exists)
    // unless it is public; the same answer whether or not the web app is served beside the API.
    if (!request.auth && request.url.startsWith('/api/v1/') && !request.routeOptions.config?.public)
      throw new AppError('unauthorized', 'Sign in or send an API token');
    if (request.auth?.actor.type === 'agent') {
      const lang = request.auth.actor.language;
      if (lang === 'en' || lang === 'zh-CN' || lang === 'zh-TW' || lang === 'ru' || lang === 'fr')
        request.language = lang;
    }
    const viewAs = request.headers[VIEW_AS_HEADER];
    if (viewAs !== undefined && request.auth) request.auth = await viewingAs(request, request.auth, viewAs);
  });

  /**
   * "View as": an administrator reads the console exactly as another agent would (their scope,
   * profiles and hidden fields), read requests only, in the administrator's own language.
   */
  async function viewingAs(request: FastifyRequest, auth: RequestAuth, header: string | string[]) {
    const by = auth.actor;
    if (by.type !== 'agent' || !by.admin)
      throw new AppError('forbidden', `Only administrators may send ${VIEW_AS_HEADER}`);
    const reads =
      request.method === 'GET' || request.method === 'HEAD' || request.routeOptions.config?.readOnly === true;
    if (!reads) throw new AppError('forbidden', 'Viewing as another agent is read-only');
    if (request.url.split('?')[0] === '/api/v1/events')
      throw invalid(VIEW_AS_HEADER, 'live updates are not part of a preview');
    const id = Array.isArray(header) ? header[0] : header;
    if (!id || !UUID_RE.test(id)) throw invalid(VIEW_AS_HEADER, 'is not an agent id');
    const actor = await actorFor(database.db, id).catch(() => null);
    if (!actor) throw invalid(VIEW_AS_HEADER, 'no such agent');
    return { ...auth, actor, viewAsBy: by.id };
  }

  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    // Every HTML page, however served (the static index.html too), may not be framed.
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && type.startsWith('text/html')) {
      if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', WEB_APP_CSP);
      reply.header('x-frame-options', 'DENY');
    }
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Caseway API',
        version: '1',
        description: 'The Caseway help desk API. Errors are RFC 9457 problem JSON.',
      },
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'A personal API token from /api/v1/me/tokens',
          },
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    // Swagger UI loads only its own scripts; its components set style attributes.
    staticCSP: [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "font-src 'self' data:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; '),
  });

  registerMetrics(app, guards);

  app.get('/healthz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await database.db.execute(sql`SELECT 1`);
      return { status: 'ok', database: database.kind };
    } catch {
      return reply.status(503).send({ status: 'unavailable', database: database.kind });
    }
  });

  const deps: AppDeps = { database, clock, config, guards, blobs: dataBlobStore(config.dataDir) };
  // Shared with the workers when serve.ts made them; the app's own otherwise (tests).
  const services = opts.services ?? (await createServices(database));
  if (!opts.services) app.addHook('onClose', async () => services.close());
  const { ticketHooks, ticketConfig, slaConfig } = services;
  // The directory comes before tickets, so what it needs of them is handed in here.
  const directory: DirectoryWiring = {
    credentials,
    ticketFields: async () => permissionFieldCatalog((await ticketConfig.get(database.db)).defs),
    releaseGroupTickets: async (ctx, groupId) => {
      await releaseGroupTickets({ ...ctx, hooks: ticketHooks, config: ticketConfig }, groupId);
    },
  };
  for (const routes of [
    authRoutes,
    agentRoutes,
    groupRoutes,
    departmentRoutes,
    roleRoutes,
    profileRoutes,
    sharingRuleRoutes,
    accessSettingsRoutes,
  ])
    await app.register(routes(deps, directory));
  await app.register(ticketRoutes(deps, ticketHooks, ticketConfig));
  await app.register(ticketAdminRoutes(deps, ticketConfig));
  await app.register(ticketTeamRoutes(deps, ticketHooks, ticketConfig));
  await app.register(ticketStreamRoutes(deps, onCredentialsChanged));
  await app.register(searchRoutes(deps));
  await app.register(outboxRoutes(deps));
  await app.register(customersRoutes(deps));
  await app.register(viewRoutes(deps));
  await app.register(ruleRoutes(deps, services.rulesCache));
  await app.register(macroRoutes(deps, ticketHooks, ticketConfig));
  await app.register(slaRoutes(deps, slaConfig));
  await app.register(ticketSlaRoutes(deps, slaConfig));
  await app.register(notificationRoutes(deps));
  await app.register(webhookRoutes(deps, services.webhooks));

  await registerWebApp(app, config.webDir);

  app.get('/api/v1/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  await app.ready();
  return app;
}
