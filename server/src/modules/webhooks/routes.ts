// HTTP routes of webhooks: administrators only, refused (403) before a body is read.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { withExample } from '../../platform/api-docs.ts';
import {
  type AppDeps,
  ctxOf,
  errorResponses,
  IdParams,
  noContent,
  requireAdmin,
} from '../../platform/http.ts';
import {
  DeliveryParams,
  DeliverySchema,
  SettingsSchema,
  strict,
  Version,
  WebhookEvents,
  WebhookName,
  WebhookSchema,
  WebhookUrl,
  WebhookWithSecretSchema,
} from './api-schemas.ts';
import { listDeliveries, pingWebhook, resendDelivery } from './deliveries.ts';
import type { WebhookCacheInvalidator } from './webhook-cache.ts';
import { getWebhookSettings, saveWebhookSettings } from './webhook-settings.ts';
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  listWebhooks,
  rotateSecret,
  updateWebhook,
} from './webhooks.ts';

const tags = ['webhooks'];

export function webhookRoutes(deps: AppDeps, cache: WebhookCacheInvalidator): FastifyPluginAsyncTypebox {
  const ctx = (request: FastifyRequest) => ({ ...ctxOf(request, deps), webhooks: cache });
  return async (app) => {
    // After authentication (the app's onRequest), before any body is read or checked.
    app.addHook('onRequest', async (request) => {
      requireAdmin(request);
    });

    app.get(
      '/api/v1/webhooks',
      {
        schema: {
          tags,
          description:
            'The webhooks (administrators): URL, subscribed events, whether on, failures in a row, and the last delivery. Secrets are never shown here.',
          summary: 'Webhooks (administrators)',
          response: { 200: Type.Object({ items: Type.Array(WebhookSchema) }), ...errorResponses },
        },
      },
      async (request) => ({ items: await listWebhooks(ctx(request)) }),
    );

    app.post(
      '/api/v1/webhooks',
      {
        schema: {
          tags,
          description:
            'Subscribes a URL to ticket events (administrators). The URL must be http(s) and resolve to public addresses unless private targets are allowed (400 naming `url`); an unknown event is 400 naming `events/<i>`. Answers the webhook and its signing secret, shown this once.',
          summary: 'Create a webhook (administrators); answers its secret once',
          body: withExample(
            Type.Object(
              {
                name: WebhookName,
                url: WebhookUrl,
                events: WebhookEvents,
                active: Type.Optional(Type.Boolean()),
              },
              strict,
            ),
            {
              name: 'CRM sync',
              url: 'https://crm.example.com/hooks/caseway',
              events: ['ticket.created', 'ticket.replied'],
            },
          ),
          response: { 201: WebhookWithSecretSchema, ...errorResponses },
        },
      },
      async (request, reply) => reply.status(201).send(await createWebhook(ctx(request), request.body)),
    );

    app.get(
      '/api/v1/webhooks/settings',
      {
        schema: {
          tags,
          description:
            'The webhook settings (administrators): whether webhooks may send to private addresses (off by default).',
          summary: 'Webhook settings (administrators)',
          response: { 200: SettingsSchema, ...errorResponses },
        },
      },
      async (request) => getWebhookSettings(ctx(request)),
    );

    app.put(
      '/api/v1/webhooks/settings',
      {
        schema: {
          tags,
          description:
            'Changes the webhook settings (administrators). With allowPrivateTargets, webhooks may send to loopback, private and shared addresses (your own network); cloud metadata, link-local, multicast and unspecified addresses stay refused.',
          summary: 'Change the webhook settings (administrators)',
          body: withExample(SettingsSchema, { allowPrivateTargets: false }),
          response: { 200: SettingsSchema, ...errorResponses },
        },
      },
      async (request) => saveWebhookSettings(ctx(request), request.body),
    );

    app.get(
      '/api/v1/webhooks/:id',
      {
        schema: {
          tags,
          description: 'One webhook with its version (send it back when changing it).',
          summary: 'One webhook (administrators)',
          params: IdParams,
          response: { 200: WebhookSchema, ...errorResponses },
        },
      },
      async (request) => getWebhook(ctx(request), request.params.id),
    );

    app.patch(
      '/api/v1/webhooks/:id',
      {
        schema: {
          tags,
          description:
            'Changes a webhook (administrators): name, URL (checked as on creation), events, on or off. Switching a webhook back on forgets its failures. Send the version you edited; a stale one answers 409 with the current webhook.',
          summary: 'Change a webhook (administrators); a stale version gets 409',
          params: IdParams,
          body: withExample(
            Type.Object(
              {
                version: Version,
                name: Type.Optional(WebhookName),
                url: Type.Optional(WebhookUrl),
                events: Type.Optional(WebhookEvents),
                active: Type.Optional(Type.Boolean()),
              },
              { ...strict, minProperties: 2 },
            ),
            { version: 1, active: true },
          ),
          response: { 200: WebhookSchema, ...errorResponses },
        },
      },
      async (request) => updateWebhook(ctx(request), request.params.id, request.body),
    );

    app.delete(
      '/api/v1/webhooks/:id',
      {
        schema: {
          tags,
          description:
            'Deletes a webhook and its delivery log (administrators); pending deliveries are dropped.',
          summary: 'Delete a webhook (administrators)',
          params: IdParams,
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await deleteWebhook(ctx(request), request.params.id);
        return noContent(reply);
      },
    );

    app.post(
      '/api/v1/webhooks/:id/rotate-secret',
      {
        schema: {
          tags,
          description:
            'Gives the webhook a new signing secret (administrators), answered this once; deliveries from now on are signed with it.',
          summary: 'Rotate the signing secret (administrators)',
          params: IdParams,
          response: { 200: WebhookWithSecretSchema, ...errorResponses },
        },
      },
      async (request) => rotateSecret(ctx(request), request.params.id),
    );

    app.get(
      '/api/v1/webhooks/:id/deliveries',
      {
        schema: {
          tags,
          description:
            "The webhook's delivery log, newest first (administrators): event, status, attempts, the last answer's status, time and first 1 KB, or the error. Page with `cursor` = the previous page's nextCursor.",
          summary: "A webhook's deliveries, newest first (administrators)",
          params: IdParams,
          querystring: Type.Object(
            {
              limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
              cursor: Type.Optional(Type.String({ pattern: '^[0-9]{1,18}$' })),
            },
            strict,
          ),
          response: {
            200: Type.Object({
              items: Type.Array(DeliverySchema),
              nextCursor: Type.Union([Type.String(), Type.Null()]),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => listDeliveries(ctx(request), request.params.id, request.query),
    );

    app.post(
      '/api/v1/webhooks/:id/deliveries/:deliveryId/resend',
      {
        schema: {
          tags,
          description:
            "Sends a delivery's payload again as a new delivery (administrators), signed anew and retried like any other; the body keeps the first delivery's `id`. 409 while the webhook is switched off.",
          summary: 'Resend a delivery (administrators)',
          params: DeliveryParams,
          response: { 201: DeliverySchema, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await resendDelivery(ctx(request), request.params.id, request.params.deliveryId)),
    );

    app.post(
      '/api/v1/webhooks/:id/test',
      {
        schema: {
          tags,
          description:
            'Sends a `ping` event to the webhook now (administrators), waiting for the answer (10 s at most); logs it as a delivery and answers it. A failed ping does not count towards switching the webhook off.',
          summary: 'Send a test ping (administrators)',
          params: IdParams,
          response: { 200: DeliverySchema, ...errorResponses },
        },
      },
      async (request) => pingWebhook(ctx(request), request.params.id),
    );
  };
}
