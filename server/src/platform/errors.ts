// One error type with a closed set of codes, mapped to RFC 9457 problem JSON in one place.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_TITLES, type Language, languageFromHeader } from './i18n.ts';

export type ErrorCode = keyof typeof ERROR_TITLES;

const STATUS: Record<ErrorCode, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  duplicate: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
};

export interface FieldError {
  /** JSON pointer-ish path to the offending field, e.g. `/custom/caseType`. */
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors: FieldError[] = [],
    /** Extra members for the problem document (e.g. the current ticket on a 409). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  get status(): number {
    return STATUS[this.code];
  }
}

export const invalid = (field: string, message: string): AppError =>
  new AppError('validation', `${field}: ${message}`, [{ field, message }]);

export const notFound = (what: string): AppError => new AppError('not_found', `${what} not found`);

export const forbidden = (message = 'Not permitted'): AppError => new AppError('forbidden', message);

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
  [key: string]: unknown;
}

export function problemOf(err: AppError, language: Language, instance?: string): Problem {
  return {
    type: `https://caseway.dev/problems/${err.code.replace(/_/g, '-')}`,
    title: ERROR_TITLES[err.code][language],
    status: err.status,
    detail: err.message,
    ...(instance ? { instance } : {}),
    ...(err.errors.length ? { errors: err.errors } : {}),
    ...err.extra,
  };
}

/** Converts Fastify's own errors (schema validation, body parsing, limits) to AppError. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const fe = error as FastifyError & {
    validation?: Array<{ instancePath?: string; message?: string; params?: Record<string, unknown> }>;
    validationContext?: string;
  };
  if (fe?.validation) {
    const where = fe.validationContext ?? 'body';
    const errors: FieldError[] = [];
    for (const v of fe.validation) {
      const base = `${where}${v.instancePath ?? ''}`;
      const required = v.params?.requiredProperties;
      if (Array.isArray(required)) {
        for (const name of required)
          errors.push({ field: `${base}/${String(name)}`, message: 'is required' });
      } else if (
        v.params?.additionalProperties !== undefined ||
        v.message === 'must not have additional properties'
      ) {
        // Reported again per field as "schema is false" below.
      } else if (v.message === 'schema is false') {
        errors.push({ field: base, message: 'is not an allowed field' });
      } else {
        errors.push({ field: base, message: v.message ?? 'is not valid' });
      }
    }
    if (!errors.length) errors.push({ field: where, message: 'is not valid' });
    return new AppError(
      'validation',
      errors.map((e) => `${e.field} ${e.message}`).join('; '),
      errors.slice(0, 50),
    );
  }
  const status = typeof fe?.statusCode === 'number' ? fe.statusCode : 500;
  if (status === 413 || fe?.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe?.code === 'FST_REQ_FILE_TOO_LARGE') {
    return new AppError('payload_too_large', 'The request body is larger than allowed');
  }
  if (status === 415 || fe?.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return new AppError(
      'unsupported_media_type',
      'This content type is not accepted here; send application/json',
    );
  }
  if (status === 429) return new AppError('rate_limited', fe.message || 'Too many requests');
  if (status >= 400 && status < 500) {
    if (status === 404) return new AppError('not_found', 'Not found');
    return new AppError('validation', fe.message || 'Bad request', [{ field: 'body', message: fe.message }]);
  }
  return new AppError('internal', 'Internal error');
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  const appError = toAppError(error);
  if (appError.code === 'internal') request.log.error({ err: error }, 'unhandled error');
  const language =
    (request as FastifyRequest & { language?: Language }).language ??
    languageFromHeader(request.headers['accept-language']);
  return reply
    .status(appError.status)
    .type('application/problem+json')
    .send(problemOf(appError, language, request.url.split('?')[0]));
}

/** Records a problem with an input field (its JSON path) and goes on checking. */
export type Fail = (field: string, message: string) => void;

/** Collects field problems, then throws one validation error naming them all (at most 50). */
export function fieldErrors(): { errors: FieldError[]; fail: Fail; throwIfAny(): void } {
  const errors: FieldError[] = [];
  return {
    errors,
    fail: (field, message) => {
      if (errors.length < 50) errors.push({ field, message });
    },
    throwIfAny: () => {
      if (errors.length)
        throw new AppError('validation', errors.map((e) => `${e.field} ${e.message}`).join('; '), errors);
    },
  };
}
