// The typed API client: types generated from the server's OpenAPI document (api-types.ts).
// Adds the CSRF header to changes and turns problem JSON into ApiError.
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './api-types.ts';

export type Ticket = paths['/api/v1/tickets/{id}']['get']['responses']['200']['content']['application/json'];
export type Agent = paths['/api/v1/agents/{id}']['get']['responses']['200']['content']['application/json'];
export type TicketPage = paths['/api/v1/tickets']['get']['responses']['200']['content']['application/json'];
export type TimelinePage =
  paths['/api/v1/tickets/{id}/timeline']['get']['responses']['200']['content']['application/json'];
export type TimelineItem = TimelinePage['items'][number];
export type Picklists = paths['/api/v1/picklists']['get']['responses']['200']['content']['application/json'];
export type PicklistValue = Picklists[string][number];
export type Group =
  paths['/api/v1/groups']['get']['responses']['200']['content']['application/json']['items'][number];
export type CustomField =
  paths['/api/v1/custom-fields']['get']['responses']['200']['content']['application/json']['items'][number];
export type Contact =
  paths['/api/v1/contacts/{id}']['get']['responses']['200']['content']['application/json'];
export type Organization =
  paths['/api/v1/organizations/{id}']['get']['responses']['200']['content']['application/json'];
export type Product =
  paths['/api/v1/products/{id}']['get']['responses']['200']['content']['application/json'];

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: Array<{ field: string; message: string }>;
  current?: Ticket;
  /** Other members the server adds (e.g. the id of the record that already has an address). */
  [member: string]: unknown;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title);
  }
  get status(): number {
    return this.problem.status;
  }
  /** The message for one field, for showing beside its input. */
  fieldError(field: string): string | undefined {
    return this.problem.errors?.find(
      (e) => e.field === field || e.field === `body/${field}` || e.field.endsWith(`/${field}`),
    )?.message;
  }
}

let csrfToken: string | null = null;
export const setCsrfToken = (token: string | null): void => {
  csrfToken = token;
};

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();
/** Called when the server answers 401: the session ended (expired or signed out elsewhere). */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const session: Middleware = {
  onRequest({ request }) {
    if (UNSAFE.has(request.method) && csrfToken) request.headers.set('x-caseway-csrf', csrfToken);
    return request;
  },
  onResponse({ response, request }) {
    if (response.status === 401 && !request.url.endsWith('/api/v1/auth/session')) {
      for (const l of unauthorizedListeners) l();
    }
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(session);

/** Returns the data of an openapi-fetch result or throws ApiError with the problem. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok) {
    const body = result.error as Partial<Problem> | undefined;
    throw new ApiError({
      ...body,
      type: body?.type ?? 'about:blank',
      title: body?.title ?? result.response.statusText,
      status: result.response.status,
      detail: body?.detail ?? result.response.statusText,
      ...(body?.errors ? { errors: body.errors } : {}),
      ...(body?.current ? { current: body.current } : {}),
    });
  }
  return result.data as T;
}
