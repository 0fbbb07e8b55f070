// TypeBox shapes of the ticket API (request bodies and answers), shared by the route files.
import { Type } from 'typebox';
import { Uuid } from '../../platform/http.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Instant = Type.String({ format: 'date-time' });

export const Channel = Type.Union(
  ['email', 'portal', 'web_form', 'phone', 'chat', 'social', 'api', 'import'].map((c) => Type.Literal(c)),
);
export const PicklistKey = Type.String({ minLength: 1, maxLength: 50 });
export const Tag = Type.String({ minLength: 1, maxLength: 50 });
export const CustomValues = Type.Record(Type.String({ maxLength: 50 }), Type.Unknown(), {
  maxProperties: 200,
});
const Labels = Type.Object(
  {
    en: Type.Optional(Type.String({ maxLength: 200 })),
    'zh-CN': Type.Optional(Type.String({ maxLength: 200 })),
    'zh-TW': Type.Optional(Type.String({ maxLength: 200 })),
    ru: Type.Optional(Type.String({ maxLength: 200 })),
    fr: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export { Labels };

export const TicketSchema = Type.Object({
  id: Uuid,
  number: Type.String(),
  subject: Type.String(),
  description: Type.String(),
  status: Type.String(),
  statusCategory: Type.String(),
  // Fields a profile can hide are absent from the answer for agents who may not see them.
  priority: Type.Optional(Type.String()),
  severity: Type.Optional(Nullable(Type.String())),
  category: Type.Optional(Nullable(Type.String())),
  type: Type.Optional(Nullable(Type.String())),
  channel: Type.Optional(Type.String()),
  departmentId: Nullable(Uuid),
  ownerAgentId: Nullable(Uuid),
  ownerGroupId: Nullable(Uuid),
  contactId: Nullable(Uuid),
  organizationId: Type.Optional(Nullable(Uuid)),
  productId: Type.Optional(Nullable(Uuid)),
  tags: Type.Optional(Type.Array(Type.String())),
  custom: Type.Object({}, { additionalProperties: true }),
  solution: Type.String(),
  version: Type.Integer(),
  mergedIntoId: Nullable(Uuid),
  splitFromId: Nullable(Uuid),
  reopenCount: Type.Integer(),
  messageCount: Type.Integer(),
  lastCustomerMessageAt: Nullable(Instant),
  lastAgentReplyAt: Nullable(Instant),
  resolvedAt: Nullable(Instant),
  closedAt: Nullable(Instant),
  voidedAt: Nullable(Instant),
  createdAt: Instant,
  updatedAt: Instant,
});

const Long = Type.String({ maxLength: 200_000 });

/** Fields a create and an update both accept. */
const editableFields = {
  description: Type.Optional(Long),
  status: Type.Optional(PicklistKey),
  priority: Type.Optional(PicklistKey),
  severity: Type.Optional(Nullable(PicklistKey)),
  category: Type.Optional(Nullable(PicklistKey)),
  type: Type.Optional(Nullable(PicklistKey)),
  departmentId: Type.Optional(Nullable(Uuid)),
  ownerAgentId: Type.Optional(Nullable(Uuid)),
  ownerGroupId: Type.Optional(Nullable(Uuid)),
  contactId: Type.Optional(Nullable(Uuid)),
  organizationId: Type.Optional(Nullable(Uuid)),
  productId: Type.Optional(Nullable(Uuid)),
  tags: Type.Optional(Type.Array(Tag, { maxItems: 50 })),
  custom: Type.Optional(CustomValues),
  solution: Type.Optional(Long),
};
const Subject = Type.String({ minLength: 1, maxLength: 500 });

/** The customer by email, for integrators: the contact with this address, or a new one. */
export const Requester = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 320, description: 'Matched case-insensitively' }),
    name: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: 'The new contact’s name (ignored when the contact exists); the address when omitted',
      }),
    ),
  },
  { additionalProperties: false },
);

export const CreateTicketBody = Type.Object(
  {
    subject: Subject,
    channel: Type.Optional(Channel),
    ...editableFields,
    requester: Type.Optional(Requester),
  },
  { additionalProperties: false },
);

export const UpdateTicketBody = Type.Object(
  { version: Type.Integer({ minimum: 1 }), subject: Type.Optional(Subject), ...editableFields },
  { additionalProperties: false },
);

export const AttachmentSchema = Type.Object({
  id: Uuid,
  filename: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
  messageId: Nullable(Uuid),
  createdAt: Instant,
});

export const MessageSchema = Type.Object({
  id: Uuid,
  ticketId: Uuid,
  kind: Type.String(),
  body: Type.String({ description: 'Plain-text part' }),
  bodyHtml: Nullable(Type.String({ description: 'Sanitized rich text; null for plain-text messages' })),
  cc: Type.Array(Type.String()),
  bcc: Type.Array(Type.String(), { description: 'Shown to agents only' }),
  channel: Type.String(),
  authorAgentId: Nullable(Uuid),
  authorContactId: Nullable(Uuid),
  authorName: Type.String(),
  movedFromTicketId: Nullable(Uuid),
  createdAt: Instant,
  attachments: Type.Array(AttachmentSchema),
});

export const MessageBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('reply'), Type.Literal('note')]),
    body: Type.Optional(Type.String({ maxLength: 200_000, description: 'Plain text (when no bodyHtml)' })),
    bodyHtml: Type.Optional(
      Type.String({
        maxLength: 200_000,
        description: 'Rich text; sanitized by the server, which derives the plain-text part from it',
      }),
    ),
    cc: Type.Optional(Type.Array(Type.String({ maxLength: 254 }), { maxItems: 50 })),
    bcc: Type.Optional(Type.Array(Type.String({ maxLength: 254 }), { maxItems: 50 })),
    status: Type.Optional(
      Type.String({ maxLength: 100, description: 'A status key set in the same step as the message' }),
    ),
  },
  { additionalProperties: false },
);

export const EventSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  changes: Type.Array(Type.Object({ field: Type.String(), from: Type.Unknown(), to: Type.Unknown() })),
  data: Type.Object({}, { additionalProperties: true }),
  actorType: Type.String(),
  actorId: Nullable(Uuid),
  actorName: Type.String(),
  channel: Type.String(),
  createdAt: Instant,
});

export const TimelineItemSchema = Type.Union([
  Type.Object({ type: Type.Literal('message'), at: Instant, message: MessageSchema }),
  Type.Object({ type: Type.Literal('event'), at: Instant, event: EventSchema }),
]);

export const ListQuery = Type.Object(
  {
    filter: Type.Optional(Type.String({ maxLength: 20_000 })),
    sort: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    cursor: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

export const PageQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    cursor: Type.Optional(Type.String({ maxLength: 2000 })),
    order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
  },
  { additionalProperties: false },
);

export const BulkBody = Type.Object(
  {
    ids: Type.Array(Uuid, { minItems: 1, maxItems: 500 }),
    changes: Type.Object(
      {
        ownerAgentId: Type.Optional(Nullable(Uuid)),
        ownerGroupId: Type.Optional(Nullable(Uuid)),
        status: Type.Optional(PicklistKey),
        priority: Type.Optional(PicklistKey),
        addTags: Type.Optional(Type.Array(Tag, { maxItems: 50 })),
        removeTags: Type.Optional(Type.Array(Tag, { maxItems: 50 })),
      },
      { additionalProperties: false, minProperties: 1 },
    ),
  },
  { additionalProperties: false },
);

export const BulkResultSchema = Type.Object({
  id: Uuid,
  ok: Type.Boolean(),
  ticket: Type.Optional(TicketSchema),
  status: Type.Optional(Type.Integer()),
  error: Type.Optional(Type.String()),
  errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
});

export const TicketPage = Type.Object({
  items: Type.Array(TicketSchema),
  nextCursor: Nullable(Type.String()),
});
