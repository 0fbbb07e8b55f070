// Small helpers routes share: who is calling, the service context, common schemas.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Static, Type } from 'typebox';
import type { BlobStore } from './blobs.ts';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Actor, Channel, Ctx } from './context.ts';
import type { Database } from './db.ts';
import { AppError } from './errors.ts';
import type { GuardConfig } from './guard-config.ts';
import type { Language } from './i18n.ts';

/** What the composition root hands every module's routes. */
export interface AppDeps {
  database: Database;
  clock: Clock;
  config: Config;
  guards: GuardConfig;
  blobs: BlobStore;
}

export interface RequestAuth {
  actor: Actor;
  via: 'session' | 'token';
  sessionId?: string;
  /** sha256 of the bearer token, to check later whether it still works (live streams). */
  tokenHash?: string;
  csrfToken?: string;
  /** Set while an administrator previews as this actor (X-Caseway-View-As): their id. */
  viewAsBy?: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Answers callers who are not signed in (sign-in, invitations); every other /api/v1 route refuses them first. */
    public?: boolean;
    /** A POST that only reads (e.g. counts for many filters): allowed in a "view as" preview. */
    readOnly?: boolean;
  }
  interface FastifyRequest {
    auth: RequestAuth | null;
    language: Language;
  }
}

export function requireAgent(request: FastifyRequest): Extract<Actor, { type: 'agent' }> {
  const actor = request.auth?.actor;
  if (actor?.type !== 'agent') throw new AppError('unauthorized', 'Sign in or send an API token');
  return actor;
}

export function requireAdmin(request: FastifyRequest): Extract<Actor, { type: 'agent' }> {
  const actor = requireAgent(request);
  if (!actor.admin) throw new AppError('forbidden', 'Only administrators may do this');
  return actor;
}

/** The service context for a request by a signed-in agent. */
export function ctxOf(request: FastifyRequest, deps: AppDeps): Ctx {
  const actor = requireAgent(request);
  const channel: Channel = request.auth?.via === 'token' ? 'api' : 'web';
  return { db: deps.database.db, clock: deps.clock, actor, channel, log: request.log };
}

export const Uuid = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export type IdParams = Static<typeof IdParams>;

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
  },
  { additionalProperties: true },
);

/** Standard error responses every route documents. */
export const errorResponses = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  429: ProblemSchema,
} as const;

export function noContent(reply: FastifyReply): FastifyReply {
  return reply.status(204).send();
}
