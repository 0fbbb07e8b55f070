// HTTP routes of tickets: thin — schema in, command or query, schema out.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { withExample } from '../../platform/api-docs.ts';
import { BlobTooLargeError, type PendingBlob } from '../../platform/blobs.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import {
  type AppDeps,
  ctxOf,
  errorResponses,
  IdParams,
  noContent,
  requireAgent,
  Uuid,
} from '../../platform/http.ts';
import { addMessage } from './add-message.ts';
import {
  AttachmentSchema,
  BulkBody,
  BulkResultSchema,
  CreateTicketBody,
  EventSchema,
  ListQuery,
  MessageBody,
  MessageSchema,
  PageQuery,
  TicketPage,
  TicketSchema,
  TimelineItemSchema,
  UpdateTicketBody,
} from './api-schemas.ts';
import {
  type AttachmentInput,
  addInlineImage,
  findVisibleAttachment,
  INLINE_TYPES,
  listTicketAttachments,
  safeContentType,
  safeFilename,
} from './attachments.ts';
import { bulkUpdate } from './bulk-update.ts';
import type { TicketCtx, TicketHooks } from './command-core.ts';
import { ticketDtoFor } from './field-permissions.ts';
import { duplicateTicket, mergeTicket, splitMessage } from './merge-split.ts';
import { createTicketForRequester } from './requester.ts';
import type { TicketConfigCache } from './ticket-config.ts';
import { countTickets, getTicket, history, listTickets, timeline } from './ticket-queries.ts';
import { updateTicket } from './update-ticket.ts';
import { deleteTicket, restoreTicket, voidTicket } from './void-delete.ts';

declare module 'fastify' {
  interface FastifyRequest {
    uploads?: AttachmentInput[];
    /** The files of `uploads`, in the blob store's temporary folder until the command commits. */
    pendingBlobs?: PendingBlob[];
  }
}

const strict = { additionalProperties: false } as const;
const tags = ['tickets'];

const TEXT_FIELDS = new Set(['kind', 'body', 'bodyHtml', 'status']);
const LIST_FIELDS = new Set(['cc', 'bcc']);

/**
 * Reads a multipart message: `kind`, `body`, `bodyHtml`, `status` fields, `cc`/`bcc` repeated,
 * files written to the blob store as they stream, pending until `withUploads` commits them.
 */
async function readMultipartMessage(request: FastifyRequest, deps: AppDeps): Promise<void> {
  if (!request.isMultipart()) return;
  requireAgent(request); // no file reaches the blob store from a caller who is not signed in
  const fields: Record<string, string | string[]> = {};
  const uploads: AttachmentInput[] = [];
  request.pendingBlobs = [];
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const stored = await deps.blobs.put(part.file, deps.config.attachmentMaxBytes);
        request.pendingBlobs.push(stored);
        uploads.push({
          filename: safeFilename(part.filename),
          contentType: safeContentType(part.mimetype),
          size: stored.size,
          sha256: stored.sha256,
        });
      } else if (typeof part.value === 'string') {
        if (LIST_FIELDS.has(part.fieldname)) {
          const list = (fields[part.fieldname] as string[] | undefined) ?? [];
          list.push(part.value);
          fields[part.fieldname] = list;
        } else if (TEXT_FIELDS.has(part.fieldname)) fields[part.fieldname] = part.value;
        else throw invalid(`body/${part.fieldname.slice(0, 50)}`, 'is not an allowed field');
      }
    }
  } catch (err) {
    if (err instanceof BlobTooLargeError || (err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError(
        'payload_too_large',
        `An attachment is larger than ${deps.config.attachmentMaxBytes} bytes`,
        [{ field: 'attachments', message: 'too large' }],
      );
    }
    throw err;
  }
  request.uploads = uploads;
  request.body = fields;
}

/** Runs the command with the request's uploads; their files become permanent once it has committed. */
async function withUploads<T>(request: FastifyRequest, command: (uploads: AttachmentInput[]) => Promise<T>) {
  const result = await command(request.uploads ?? []);
  for (const blob of request.pendingBlobs ?? []) await blob.commit();
  return result;
}

export function ticketRoutes(
  deps: AppDeps,
  hooks: TicketHooks,
  config: TicketConfigCache,
): FastifyPluginAsyncTypebox {
  const ctx = (request: FastifyRequest): TicketCtx => ({ ...ctxOf(request, deps), hooks, config });
  return async (app) => {
    // Whatever ends a request — a refused body, an unknown ticket, a failed command — its uploads
    // not committed by then are deleted before the answer goes out.
    app.addHook('onSend', async (request) => {
      for (const blob of request.pendingBlobs ?? []) await blob.discard();
    });

    // Multipart requests per agent and minute, counted together on both upload routes; JSON
    // messages are not uploads. At onRequest (after authentication), before the body is read.
    const max = deps.guards.uploadRatePerMinute;
    const uploadRate = app.createRateLimit({
      max,
      timeWindow: '1 minute',
      keyGenerator: (request) =>
        request.auth?.actor.type === 'agent'
          ? `upload:agent:${request.auth.actor.id}`
          : `upload:ip:${request.ip}`,
    });
    const limitUploads = async (request: FastifyRequest, reply: FastifyReply) => {
      if (!/^multipart\//i.test(request.headers['content-type'] ?? '')) return;
      const limit = await uploadRate(request);
      if (limit.isAllowed || !limit.isExceeded) return;
      reply.header('retry-after', String(limit.ttlInSeconds));
      throw new AppError(
        'rate_limited',
        `At most ${max} uploads a minute; try again in ${limit.ttlInSeconds} s`,
        [{ field: 'file', message: 'too many uploads' }],
      );
    };

    app.get(
      '/api/v1/tickets',
      {
        schema: {
          tags,
          description:
            'Tickets you may see, a page at a time. `filter` is a condition as JSON, e.g. {"all":[{"field":"status","op":"in","value":["new","open"]}]}; `sort` lists fields, a leading minus for descending; pass the answer\'s nextCursor as `cursor` for the next page (keyset paging: no repeats or gaps while tickets change).',
          summary: 'List tickets: filter (condition JSON), sort (e.g. -priority,-updatedAt), keyset cursor',
          querystring: ListQuery,
          response: { 200: TicketPage, ...errorResponses },
        },
      },
      async (request) => {
        const page = await listTickets(ctx(request), { ...request.query, limit: request.query.limit ?? 50 });
        return {
          items: page.items.map((row) => ticketDtoFor(requireAgent(request), row)),
          nextCursor: page.nextCursor,
        };
      },
    );

    app.get(
      '/api/v1/tickets/count',
      {
        schema: {
          tags,
          description: 'How many tickets you may see match a filter (the same condition JSON as the list).',
          summary: 'Count the tickets matching a filter',
          querystring: Type.Object({ filter: Type.Optional(Type.String({ maxLength: 20_000 })) }, strict),
          response: { 200: Type.Object({ count: Type.Integer() }), ...errorResponses },
        },
      },
      async (request) => ({ count: await countTickets(ctx(request), request.query) }),
    );

    app.post(
      '/api/v1/tickets',
      {
        schema: {
          tags,
          description:
            "Creates a ticket, numbered from the installation's sequence (e.g. TT-1042). Picklist fields take keys (see /api/v1/picklists); custom fields go in `custom`. Name the customer either by `contactId` or, as integrators usually do, by `requester` {email, name}: the contact with that address (case-insensitive) is used, or created, in the same transaction; giving both is refused naming `requester`. Without organizationId, the contact's organization is used.",
          summary: 'Create a ticket',
          body: withExample(CreateTicketBody, {
            subject: 'Printer shows error E-42 after the update',
            description: 'Since this morning the office printer stops with E-42.',
            priority: 'high',
            channel: 'email',
            requester: { email: 'nina.novak@example.org', name: 'Nina Novak' },
            ownerGroupId: '16fd2706-8baf-433b-82eb-8c7fada847da',
            tags: ['printer', 'firmware'],
          }),
          response: { 201: TicketSchema, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            ticketDtoFor(requireAgent(request), await createTicketForRequester(ctx(request), request.body)),
          ),
    );

    app.get(
      '/api/v1/tickets/:id',
      {
        schema: {
          tags,
          description: 'One ticket with every field; 404 if it does not exist or you may not see it.',
          summary: 'One ticket',
          params: IdParams,
          response: { 200: TicketSchema, ...errorResponses },
        },
      },
      async (request) =>
        ticketDtoFor(requireAgent(request), await getTicket(ctx(request), request.params.id)),
    );

    app.patch(
      '/api/v1/tickets/:id',
      {
        schema: {
          tags,
          description:
            'Changes the given fields; fields left out stay. Send the `version` you edited: if someone changed the ticket since, the answer is 409 with the current ticket, so nothing is overwritten unseen. Every change is recorded in the history.',
          summary:
            'Change fields; send the version you edited (a stale one answers 409 with the current ticket)',
          params: IdParams,
          body: withExample(UpdateTicketBody, {
            version: 3,
            status: 'pending',
            priority: 'urgent',
            tags: ['printer', 'vip'],
          }),
          response: { 200: TicketSchema, ...errorResponses },
        },
      },
      async (request) =>
        ticketDtoFor(
          requireAgent(request),
          await updateTicket(ctx(request), request.params.id, request.body),
        ),
    );

    app.post(
      '/api/v1/tickets/:id/assign',
      {
        schema: {
          tags,
          description:
            'Sets the owner agent and/or the owner group; null clears one, a field left out stays. With `version`, a stale edit answers 409.',
          summary: 'Assign to an agent and/or a group (null clears)',
          params: IdParams,
          body: withExample(
            Type.Object(
              {
                ownerAgentId: Type.Optional(Type.Union([Uuid, Type.Null()])),
                ownerGroupId: Type.Optional(Type.Union([Uuid, Type.Null()])),
                version: Type.Optional(Type.Integer({ minimum: 1 })),
              },
              { ...strict, minProperties: 1 },
            ),
            {
              ownerAgentId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
              ownerGroupId: '16fd2706-8baf-433b-82eb-8c7fada847da',
              version: 4,
            },
          ),
          response: { 200: TicketSchema, ...errorResponses },
        },
      },
      async (request) =>
        ticketDtoFor(
          requireAgent(request),
          await updateTicket(ctx(request), request.params.id, request.body),
        ),
    );

    app.post(
      '/api/v1/tickets/:id/tags',
      {
        schema: {
          tags,
          description:
            'Adds and removes tags without sending the whole list, so concurrent taggers do not overwrite each other.',
          summary: 'Add and remove tags',
          params: IdParams,
          body: withExample(
            Type.Object(
              {
                add: Type.Optional(
                  Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 50 }),
                ),
                remove: Type.Optional(
                  Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 50 }),
                ),
              },
              strict,
            ),
            { add: ['refund'], remove: ['triage'] },
          ),
          response: { 200: TicketSchema, ...errorResponses },
        },
      },
      async (request) =>
        ticketDtoFor(
          requireAgent(request),
          await updateTicket(ctx(request), request.params.id, {
            addTags: request.body.add,
            removeTags: request.body.remove,
          }),
        ),
    );

    app.post(
      '/api/v1/tickets/:id/messages',
      {
        onRequest: limitUploads,
        preValidation: async (request) => readMultipartMessage(request, deps),
        schema: {
          tags,
          description:
            'Adds a public reply (kind: reply, sent to the customer) or an internal note (kind: note, agents only). JSON for text alone; multipart/form-data with the fields kind and body and one or more files for attachments.',
          summary:
            'Add a public reply or an internal note; JSON, or multipart/form-data with kind, body and files',
          params: IdParams,
          body: withExample(MessageBody, {
            kind: 'reply',
            body: 'Thanks for the details — a firmware fix is on its way; please restart the printer after 18:00.',
          }),
          response: { 201: Type.Object({ ticket: TicketSchema, message: MessageSchema }), ...errorResponses },
        },
      },
      async (request, reply) => {
        const { ticket, message } = await withUploads(request, (attachments) =>
          addMessage(ctx(request), request.params.id, {
            ...request.body,
            body: request.body.body ?? '',
            attachments,
          }),
        );
        return reply.status(201).send({ ticket: ticketDtoFor(requireAgent(request), ticket), message });
      },
    );

    app.get(
      '/api/v1/tickets/:id/timeline',
      {
        schema: {
          tags,
          description:
            'The conversation and the changes of a ticket in one list: messages (with attachments) and events, oldest first (newest first with order=desc), a page at a time with a cursor.',
          summary: 'Messages and events in time order',
          params: IdParams,
          querystring: PageQuery,
          response: {
            200: Type.Object({
              items: Type.Array(TimelineItemSchema),
              nextCursor: Type.Union([Type.String(), Type.Null()]),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) =>
        timeline(ctx(request), request.params.id, {
          limit: request.query.limit ?? 50,
          cursor: request.query.cursor,
          order: request.query.order ?? 'asc',
        }),
    );

    app.get(
      '/api/v1/tickets/:id/history',
      {
        schema: {
          tags,
          description:
            "Field-level history of a ticket: for each change, who (agent, system or API token), when, through which channel, and each field's old and new value.",
          summary: 'Field-level history: who changed what, when, through which channel',
          params: IdParams,
          querystring: PageQuery,
          response: {
            200: Type.Object({
              items: Type.Array(EventSchema),
              nextCursor: Type.Union([Type.String(), Type.Null()]),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) =>
        history(ctx(request), request.params.id, {
          limit: request.query.limit ?? 50,
          cursor: request.query.cursor,
        }),
    );

    app.get(
      '/api/v1/tickets/:id/attachments',
      {
        schema: {
          tags,
          description:
            "Every attachment of a ticket's messages: file name, type, size and the message it belongs to.",
          summary: 'Attachments of a ticket',
          params: IdParams,
          response: { 200: Type.Object({ items: Type.Array(AttachmentSchema) }), ...errorResponses },
        },
      },
      async (request) => ({
        items: await listTicketAttachments(ctx(request), request.params.id),
      }),
    );

    app.post(
      '/api/v1/tickets/:id/attachments',
      {
        onRequest: limitUploads,
        schema: {
          tags,
          summary: 'Upload an image to show inside a message being written',
          description:
            'Uploads one PNG, JPEG, GIF or WebP image (multipart/form-data, one file) to show inline in a reply or note being written; put its URL in an <img> of bodyHtml. The image belongs to the ticket until the message that shows it is sent, which then owns it. SVG and other types are refused.',
          params: IdParams,
          response: { 201: AttachmentSchema, ...errorResponses },
        },
        // After authentication (the app's preHandler), before the body is read.
        preHandler: async (request) => {
          ctx(request);
          await readMultipartMessage(request, deps);
        },
      },
      async (request, reply) => {
        const [file] = request.uploads ?? [];
        if (!file || (request.uploads?.length ?? 0) > 1) throw invalid('file', 'send exactly one image');
        return reply
          .status(201)
          .send(await withUploads(request, () => addInlineImage(ctx(request), request.params.id, file)));
      },
    );

    app.get(
      '/api/v1/tickets/:id/attachments/:attachmentId',
      {
        schema: {
          tags,
          description:
            'Downloads an attachment as a file (Content-Disposition: attachment; never rendered inline).',
          summary: 'Download an attachment',
          params: Type.Object({ id: Uuid, attachmentId: Uuid }, strict),
        },
      },
      async (request, reply) => {
        const attachment = await findVisibleAttachment(
          ctx(request),
          request.params.id,
          request.params.attachmentId,
        );
        const stream = await deps.blobs.get(attachment.sha256);
        if (!stream) throw new AppError('not_found', 'The attachment’s content is missing from storage');
        const inline = INLINE_TYPES.has(attachment.contentType);
        const ascii = attachment.filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
        reply
          .header('content-type', inline ? attachment.contentType : 'application/octet-stream')
          .header('content-length', String(attachment.size))
          .header(
            'content-disposition',
            `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(attachment.filename)}`,
          )
          .header('content-security-policy', "default-src 'none'; sandbox")
          .header('cache-control', 'private, max-age=300');
        return reply.send(stream);
      },
    );

    app.post(
      '/api/v1/tickets/:id/duplicate',
      {
        schema: {
          tags,
          description:
            "Creates a new ticket with this ticket's fields (not its conversation), linked in both timelines.",
          summary: 'Copy a ticket’s fields into a new ticket',
          params: IdParams,
          response: { 201: TicketSchema, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(ticketDtoFor(requireAgent(request), await duplicateTicket(ctx(request), request.params.id))),
    );

    app.post(
      '/api/v1/tickets/:id/messages/:messageId/split',
      {
        schema: {
          tags,
          description:
            "Moves one message out of a ticket into a new ticket for the same customer, e.g. when a customer raised a second issue in a reply; the subject defaults to the original's.",
          summary: 'Move a message into a new ticket',
          params: Type.Object({ id: Uuid, messageId: Uuid }, strict),
          body: withExample(
            Type.Object({ subject: Type.Optional(Type.String({ maxLength: 500 })) }, strict),
            { subject: 'Second issue: invoice address is wrong' },
          ),
          response: {
            201: Type.Object({ original: TicketSchema, created: TicketSchema }),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const result = await splitMessage(
          ctx(request),
          request.params.id,
          request.params.messageId,
          request.body,
        );
        return reply.status(201).send({
          original: ticketDtoFor(requireAgent(request), result.original),
          created: ticketDtoFor(requireAgent(request), result.created),
        });
      },
    );

    app.post(
      '/api/v1/tickets/:id/merge',
      {
        schema: {
          tags,
          description:
            'Merges this ticket into the target: its messages move to the target, this ticket is closed and points at the survivor, and both timelines record the merge.',
          summary:
            'Merge this ticket into another: the conversation moves, this ticket closes and points at the survivor',
          params: IdParams,
          body: withExample(Type.Object({ targetId: Uuid }, strict), {
            targetId: 'a8098c1a-f86e-41d1-9d0a-3b6c2f1e4d52',
          }),
          response: { 200: Type.Object({ source: TicketSchema, target: TicketSchema }), ...errorResponses },
        },
      },
      async (request) => {
        const result = await mergeTicket(ctx(request), request.params.id, request.body.targetId);
        return {
          source: ticketDtoFor(requireAgent(request), result.source),
          target: ticketDtoFor(requireAgent(request), result.target),
        };
      },
    );

    app.post(
      '/api/v1/tickets/:id/void',
      {
        schema: {
          tags,
          description:
            'Voids a ticket (spam, test, created by mistake): agents no longer see it, administrators still do and can restore it. The reason is recorded.',
          summary: 'Void a ticket: afterwards only administrators see it',
          params: IdParams,
          body: withExample(
            Type.Object({ reason: Type.Optional(Type.String({ maxLength: 1000 })) }, strict),
            { reason: 'Spam' },
          ),
          response: { 200: TicketSchema, ...errorResponses },
        },
      },
      async (request) =>
        ticketDtoFor(
          requireAgent(request),
          await voidTicket(ctx(request), request.params.id, request.body.reason),
        ),
    );

    app.post(
      '/api/v1/tickets/:id/restore',
      {
        schema: {
          tags,
          description: 'Makes a voided ticket visible to agents again (administrators).',
          summary: 'Restore a voided ticket (administrators)',
          params: IdParams,
          response: { 200: TicketSchema, ...errorResponses },
        },
      },
      async (request) =>
        ticketDtoFor(requireAgent(request), await restoreTicket(ctx(request), request.params.id)),
    );

    app.delete(
      '/api/v1/tickets/:id',
      {
        schema: {
          tags,
          description:
            'Deletes a ticket and its conversation for good (administrators). The deletion itself is recorded; prefer voiding (POST …/void) to hide a ticket reversibly.',
          summary: 'Delete a ticket for good (administrators; recorded)',
          params: IdParams,
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await deleteTicket(ctx(request), request.params.id);
        return noContent(reply);
      },
    );

    app.post(
      '/api/v1/tickets/bulk',
      {
        schema: {
          tags,
          description:
            'Applies the same change (owner, group, status, priority, tags) to up to many tickets, each in its own transaction; the answer has one result per ticket (ok, or the problem), so one refused ticket does not stop the others.',
          summary: 'Change owner, status, priority or tags of many tickets; one result per ticket',
          body: withExample(BulkBody, {
            ids: ['7c9e6679-7425-40de-944b-e07fc1f90ae7', 'a8098c1a-f86e-41d1-9d0a-3b6c2f1e4d52'],
            changes: { status: 'resolved', addTags: ['outage-2026-11'] },
          }),
          response: { 200: Type.Object({ results: Type.Array(BulkResultSchema) }), ...errorResponses },
        },
      },
      async (request) => ({
        results: await bulkUpdate(ctx(request), request.body.ids, request.body.changes),
      }),
    );

    for (const [path, field] of [
      ['contacts', 'contactId'],
      ['organizations', 'organizationId'],
      ['products', 'productId'],
    ] as const) {
      app.get(
        `/api/v1/${path}/:id/tickets`,
        {
          schema: {
            tags: [path],
            summary: `Tickets of one of the ${path}`,
            description: `The tickets whose ${field} is the given id that you may see, newest first unless \`sort\` says otherwise, a page at a time (pass nextCursor as \`cursor\`).`,
            params: IdParams,
            querystring: Type.Object(
              {
                sort: Type.Optional(Type.String({ maxLength: 200 })),
                limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
                cursor: Type.Optional(Type.String({ maxLength: 2000 })),
              },
              strict,
            ),
            response: { 200: TicketPage, ...errorResponses },
          },
        },
        async (request) => {
          const page = await listTickets(ctx(request), {
            condition: { field, op: 'eq', value: request.params.id },
            sort: request.query.sort ?? '-createdAt',
            limit: request.query.limit ?? 50,
            cursor: request.query.cursor,
          });
          return {
            items: page.items.map((row) => ticketDtoFor(requireAgent(request), row)),
            nextCursor: page.nextCursor,
          };
        },
      );
    }
  };
}
