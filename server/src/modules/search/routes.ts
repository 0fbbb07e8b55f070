// GET /api/v1/search: one box that finds tickets, contacts and organizations.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { invalid } from '../../platform/errors.ts';
import { type AppDeps, ctxOf, errorResponses } from '../../platform/http.ts';
import { ContactSchema, OrganizationSchema } from '../customers/index.ts';
import { TicketSchema } from '../tickets/index.ts';
import { type SearchKind, search } from './search.ts';

const KINDS: SearchKind[] = ['tickets', 'contacts', 'organizations'];

export function searchRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/v1/search',
      {
        schema: {
          tags: ['search'],
          description:
            'Full-text search in every language (Chinese by bigrams, others by word prefix) over tickets (number, subject, description, messages), contacts (names, emails, phones) and organizations, newest first; `types` limits what is searched. Only what you may see is returned.',
          summary:
            'Full-text search over tickets (subject, description, messages), contacts and organizations',
          querystring: Type.Object(
            {
              q: Type.String({ minLength: 1, maxLength: 200 }),
              types: Type.Optional(
                Type.String({
                  maxLength: 100,
                  description: 'comma-separated: tickets,contacts,organizations',
                }),
              ),
              limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              tickets: Type.Array(TicketSchema),
              contacts: Type.Array(ContactSchema),
              organizations: Type.Array(OrganizationSchema),
              snippets: Type.Record(Type.String(), Type.String(), {
                description: 'by ticket id: the words around the match in its description or a message',
              }),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const kinds = (request.query.types ?? KINDS.join(','))
          .split(',')
          .map((k) => k.trim()) as SearchKind[];
        const unknown = kinds.find((k) => !KINDS.includes(k));
        if (unknown !== undefined)
          throw invalid('types', `unknown type "${unknown.slice(0, 50)}"; use ${KINDS.join(', ')}`);
        return search(ctxOf(request, deps), request.query.q, { limit: request.query.limit ?? 20, kinds });
      },
    );
  };
}
