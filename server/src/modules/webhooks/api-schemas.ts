// TypeBox schemas of the webhooks API. Shapes and sizes here; the URL's target and the meaning of
// the events are judged by the services, which name the field.
import { type TSchema, Type } from 'typebox';
import { Uuid } from '../../platform/http.ts';
import { WEBHOOK_EVENTS } from './events.ts';
import { WEBHOOK_DELIVERY_STATUSES } from './schema.ts';

export const strict = { additionalProperties: false } as const;
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Timestamp = Type.String({ format: 'date-time' });

export const WebhookName = Type.String({ minLength: 1, maxLength: 100 });
export const WebhookUrl = Type.String({
  minLength: 1,
  maxLength: 2000,
  description:
    'An http:// or https:// URL whose host resolves to public addresses (see the private-targets setting)',
});
export const WebhookEventName = Type.Enum(WEBHOOK_EVENTS);
export const WebhookEvents = Type.Array(WebhookEventName, {
  minItems: 1,
  maxItems: WEBHOOK_EVENTS.length,
  description: 'The ticket events to send',
});
export const Version = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });

export const WebhookSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  url: Type.String(),
  events: Type.Array(Type.String()),
  active: Type.Boolean(),
  consecutiveFailures: Type.Integer({ description: 'Deliveries failed in a row; 10 switch the webhook off' }),
  disabledAt: Nullable(Timestamp),
  disabledReason: Nullable(Type.String()),
  lastDelivery: Nullable(
    Type.Object({
      id: Type.String(),
      status: Type.Enum(WEBHOOK_DELIVERY_STATUSES),
      responseStatus: Nullable(Type.Integer()),
      at: Timestamp,
    }),
  ),
  version: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const WebhookWithSecretSchema = Type.Object({
  webhook: WebhookSchema,
  secret: Type.String({ description: 'The signing secret: shown now and never again' }),
});

export const DeliverySchema = Type.Object({
  id: Type.String({ description: 'Sent as X-Caseway-Delivery' }),
  event: Type.String(),
  ticketId: Nullable(Uuid),
  status: Type.Enum(WEBHOOK_DELIVERY_STATUSES),
  attempts: Type.Integer(),
  responseStatus: Nullable(Type.Integer()),
  responseMs: Nullable(Type.Integer()),
  responseExcerpt: Nullable(Type.String({ description: 'The first 1 KB of the last answer' })),
  error: Nullable(Type.String()),
  resentFrom: Nullable(Type.String({ description: 'The delivery this one sent again' })),
  createdAt: Timestamp,
  lastAttemptAt: Nullable(Timestamp),
});

export const SettingsSchema = Type.Object(
  {
    allowPrivateTargets: Type.Boolean({
      description:
        'Allow webhooks to loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7) and shared (100.64/10) addresses',
    }),
  },
  strict,
);

export const DeliveryParams = Type.Object(
  { id: Uuid, deliveryId: Type.String({ pattern: '^[0-9]{1,18}$' }) },
  strict,
);
