// HTTP routes of signing in and of the signed-in agent: sessions, invitations, /me, API tokens.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { withExample } from '../../platform/api-docs.ts';
import { parseInstant } from '../../platform/clock.ts';
import { invalid } from '../../platform/errors.ts';
import {
  type AppDeps,
  ctxOf,
  errorResponses,
  IdParams,
  noContent,
  requireAgent,
  Uuid,
} from '../../platform/http.ts';
import { agentDto, getAgentRow, updateAgent } from './agents.ts';
import {
  acceptInvitation,
  changeOwnPassword,
  createApiToken,
  listApiTokens,
  revokeApiToken,
  SESSION_COOKIE,
  signIn,
  signOut,
} from './auth.ts';
import { endOtherSessions, endOwnSession, listOwnSessions } from './own-sessions.ts';
import { AgentSchema } from './routes-agents.ts';
import {
  type DirectoryWiring,
  forgetter,
  Language,
  Name,
  Password,
  Signature,
  strict,
  TimeZone,
} from './routes-common.ts';

const MeSchema = Type.Object({
  agent: AgentSchema,
  csrfToken: Type.Union([Type.String(), Type.Null()]),
  /** Your signature under replies (sanitized HTML). */
  signature: Type.String(),
});

const TokenSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  prefix: Type.String(),
  createdAt: Type.String(),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
  expiresAt: Type.Union([Type.String(), Type.Null()]),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union([Type.Literal('active'), Type.Literal('expired'), Type.Literal('revoked')]),
});

const SessionSchema = Type.Object({
  id: Type.String({ description: 'An opaque name of the session (not its cookie)' }),
  current: Type.Boolean({ description: 'The session this request came with' }),
  browser: Type.Union([Type.String(), Type.Null()]),
  os: Type.Union([Type.String(), Type.Null()]),
  platform: Type.Union([Type.String(), Type.Null()]),
  userAgent: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  lastSeenAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
});
const SessionParams = Type.Object(
  { id: Type.String({ pattern: '^[0-9a-f]{32}$' }) },
  { additionalProperties: false },
);

export function authRoutes(deps: AppDeps, wiring: DirectoryWiring): FastifyPluginAsyncTypebox {
  const { database, clock } = deps;
  const forgetCredentials = forgetter(deps, wiring);
  return async (app) => {
    app.post(
      '/api/v1/auth/session',
      {
        config: { public: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
        schema: {
          tags: ['auth'],
          description:
            "Signs in with an agent's email and password. On success the answer carries the agent and the CSRF token, and sets the signed session cookie; a browser then sends the token in the x-csrf-token header on every POST, PUT, PATCH and DELETE. Wrong credentials answer 401; repeated failures are rate-limited (429).",
          summary: 'Sign in with email and password; sets the session cookie',
          body: withExample(
            Type.Object(
              {
                email: Type.String({ maxLength: 320 }),
                password: Type.String({ maxLength: 1024 }),
                remember: Type.Optional(Type.Boolean()),
              },
              strict,
            ),
            { email: 'ada@example.com', password: 'correct horse battery', remember: true },
          ),
          response: {
            200: Type.Object({ agent: AgentSchema, csrfToken: Type.String(), expiresAt: Type.String() }),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const result = await signIn(database.db, clock, {
          ...request.body,
          ip: request.ip,
          ...(request.headers['user-agent'] ? { userAgent: request.headers['user-agent'] } : {}),
        });
        reply.setCookie(SESSION_COOKIE, result.sessionToken, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: request.protocol === 'https',
          signed: true,
          ...(request.body.remember ? { expires: result.expiresAt } : {}),
        });
        return {
          agent: await agentDto(database.db, result.agent),
          csrfToken: result.csrfToken,
          expiresAt: result.expiresAt.toISOString(),
        };
      },
    );

    app.delete(
      '/api/v1/auth/session',
      {
        config: { public: true },
        schema: {
          tags: ['auth'],
          description:
            'Ends the current session and clears the session cookie. Signing out with an API token does nothing to the token (revoke it under /api/v1/me/tokens).',
          summary: 'Sign out',
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        if (request.auth?.sessionId) {
          await signOut(database.db, request.auth.sessionId);
          await forgetCredentials();
        }
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return noContent(reply);
      },
    );

    app.post(
      '/api/v1/auth/invitations/accept',
      {
        config: { public: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
        schema: {
          tags: ['auth'],
          description:
            'Sets the password of an invited agent from the one-time token of the invitation (POST /api/v1/agents without a password). The token works once (a second use answers 409) and for 7 days after the invitation (CASEWAY_INVITE_TTL_HOURS; then 400 naming `token`); then sign in as usual.',
          summary: 'Choose a password with an invitation token',
          body: withExample(
            Type.Object(
              { token: Type.String({ minLength: 10, maxLength: 200 }), password: Password },
              strict,
            ),
            { token: 'inv_5Jq2vH8kP3sW9xYz', password: 'a long passphrase of mine' },
          ),
          response: { 200: AgentSchema, ...errorResponses },
        },
      },
      async (request) =>
        agentDto(
          database.db,
          await acceptInvitation(database.db, clock, request.body, deps.config.inviteTtlHours),
        ),
    );

    app.get(
      '/api/v1/me',
      {
        schema: {
          tags: ['me'],
          description:
            'The agent behind the session or token: name, email, language, time zone, whether an administrator, and (for a session) the CSRF token to send with changes.',
          summary: 'The signed-in agent',
          response: { 200: MeSchema, ...errorResponses },
        },
      },
      async (request) => {
        const actor = requireAgent(request);
        const row = await getAgentRow(database.db, actor.id);
        return {
          agent: await agentDto(database.db, row),
          csrfToken: request.auth?.csrfToken ?? null,
          signature: row.signature,
        };
      },
    );

    app.patch(
      '/api/v1/me',
      {
        schema: {
          tags: ['me'],
          description:
            'Changes your own display name, console language (en, zh-CN, zh-TW, ru, fr), IANA time zone or reply signature (basic formatted HTML, sanitized); fields left out stay as they are.',
          summary: 'Change your name, language, time zone or signature',
          body: withExample(
            Type.Object(
              {
                name: Type.Optional(Name),
                language: Type.Optional(Language),
                timeZone: Type.Optional(TimeZone),
                signature: Type.Optional(Signature),
              },
              strict,
            ),
            {
              name: 'Ada Lovelace',
              language: 'fr',
              timeZone: 'Europe/Paris',
              signature: '<p>Ada — <strong>Support</strong></p>',
            },
          ),
          response: { 200: AgentSchema, ...errorResponses },
        },
      },
      async (request) => {
        const agent = await updateAgent(ctxOf(request, deps), requireAgent(request).id, request.body);
        await forgetCredentials();
        return agent;
      },
    );

    app.post(
      '/api/v1/me/password',
      {
        config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: {
          tags: ['me'],
          description:
            'Changes your password after checking the current one. Refused when shorter than 8 characters, one of the 10,000 most common passwords, or containing your email name or your name. Your other sessions are signed out (this one stays signed in) and every API token of yours is revoked.',
          summary: 'Change your password (signs out your other sessions, revokes your API tokens)',
          body: withExample(
            Type.Object({ currentPassword: Type.String({ maxLength: 1024 }), newPassword: Password }, strict),
            { currentPassword: 'correct horse battery', newPassword: 'an even longer passphrase' },
          ),
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await changeOwnPassword(
          database.db,
          clock,
          requireAgent(request).id,
          request.body,
          request.auth?.sessionId,
        );
        await forgetCredentials();
        return noContent(reply);
      },
    );

    app.get(
      '/api/v1/me/tokens',
      {
        schema: {
          tags: ['me'],
          description:
            'Your personal API tokens (name, prefix, created, last used, expiry). The secrets are never shown again.',
          summary: 'Your personal API tokens',
          response: { 200: Type.Object({ items: Type.Array(TokenSchema) }), ...errorResponses },
        },
      },
      async (request) => ({
        items: await listApiTokens(database.db, clock, requireAgent(request).id),
      }),
    );

    app.post(
      '/api/v1/me/tokens',
      {
        schema: {
          tags: ['me'],
          description:
            'Creates a personal API token acting as you; send it as `Authorization: Bearer <secret>`. The secret is in this answer only; store it now. Optional expiry.',
          summary: 'Create a personal API token; the secret is shown only in this answer',
          body: withExample(
            Type.Object(
              { name: Name, expiresAt: Type.Optional(Type.String({ format: 'date-time' })) },
              strict,
            ),
            { name: 'CRM integration', expiresAt: '2027-06-30T00:00:00Z' },
          ),
          response: { 201: Type.Object({ token: TokenSchema, secret: Type.String() }), ...errorResponses },
        },
      },
      async (request, reply) => {
        const expiresAt = request.body.expiresAt ? parseInstant(request.body.expiresAt) : undefined;
        if (request.body.expiresAt && !expiresAt) throw invalid('expiresAt', 'is not a date-time');
        const created = await createApiToken(database.db, clock, requireAgent(request).id, {
          name: request.body.name,
          expiresAt,
        });
        return reply.status(201).send(created);
      },
    );

    app.delete(
      '/api/v1/me/tokens/:id',
      {
        schema: {
          tags: ['me'],
          description: 'Revokes one of your tokens at once on every node; requests with it then answer 401.',
          summary: 'Revoke a token',
          params: IdParams,
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await revokeApiToken(database.db, clock, requireAgent(request).id, request.params.id);
        await forgetCredentials();
        return noContent(reply);
      },
    );

    app.get(
      '/api/v1/me/sessions',
      {
        schema: {
          tags: ['me'],
          summary: 'Where you are signed in (this session first)',
          description:
            'Lists your own sign-in sessions: the device described from its browser, the address, when it signed in and was last active; the one making this request is flagged as current. Session ids are opaque (never the cookie).',
          response: { 200: Type.Object({ items: Type.Array(SessionSchema) }), ...errorResponses },
        },
      },
      async (request) => ({
        items: await listOwnSessions(database.db, clock, requireAgent(request).id, request.auth?.sessionId),
      }),
    );

    app.delete(
      '/api/v1/me/sessions/:id',
      {
        schema: {
          tags: ['me'],
          summary: 'Sign out one of your sessions',
          description:
            "Ends one of your own sessions at once on every node; another agent's session id answers 404.",
          params: SessionParams,
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await endOwnSession(database.db, requireAgent(request).id, request.params.id);
        await forgetCredentials();
        return noContent(reply);
      },
    );

    app.post(
      '/api/v1/me/sessions/sign-out-others',
      {
        schema: {
          tags: ['me'],
          summary: 'Sign out everywhere but this session',
          description:
            'Ends every session of yours except the one making this request, and answers how many were ended.',
          response: { 200: Type.Object({ signedOut: Type.Integer() }), ...errorResponses },
        },
      },
      async (request) => {
        const signedOut = await endOtherSessions(
          database.db,
          requireAgent(request).id,
          request.auth?.sessionId,
        );
        await forgetCredentials();
        return { signedOut };
      },
    );
  };
}
