// HTTP routes of a ticket's related team members (/api/v1/tickets/{id}/team) and of the
// administrator's explanation of who sees a ticket (/api/v1/access/explain).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { withExample } from '../../platform/api-docs.ts';
import { type AppDeps, ctxOf, errorResponses, IdParams, noContent, Uuid } from '../../platform/http.ts';
import { explainAccess } from './access-explain.ts';
import type { TicketCtx, TicketHooks } from './command-core.ts';
import type { TicketConfigCache } from './ticket-config.ts';
import { addTeamMember, listTeam, removeTeamMember } from './ticket-team.ts';

const tags = ['tickets'];
const Access = Type.Union([Type.Literal('read'), Type.Literal('read_write')], {
  description:
    'read: sees the ticket and adds internal notes; read_write: may also act on it as the owner could',
});
const TeamMember = Type.Object({
  agentId: Uuid,
  name: Type.String(),
  access: Access,
  addedAt: Type.String({ format: 'date-time' }),
  addedBy: Type.Union([Uuid, Type.Null()]),
});
const TeamList = Type.Object({ items: Type.Array(TeamMember) });
const Reason = Type.Object({
  kind: Type.Union([
    Type.Literal('administrator'),
    Type.Literal('all_tickets'),
    Type.Literal('owner'),
    Type.Literal('owners_manager'),
    Type.Literal('group_member'),
    Type.Literal('department_head'),
    Type.Literal('department_member'),
    Type.Literal('team_member'),
    Type.Literal('sharing_rule'),
  ]),
  writes: Type.Boolean({ description: 'Whether this way also lets the agent act on the ticket' }),
  ownerId: Type.Optional(Uuid),
  ownerName: Type.Optional(Type.String()),
  groupId: Type.Optional(Uuid),
  groupName: Type.Optional(Type.String()),
  departmentId: Type.Optional(Uuid),
  departmentName: Type.Optional(Type.String()),
  ruleId: Type.Optional(Uuid),
  number: Type.Optional(Type.Integer({ description: 'The sharing rule’s number' })),
  access: Type.Optional(Access),
});
const Explanation = Type.Object({
  agentId: Uuid,
  agentName: Type.String(),
  ticketId: Uuid,
  ticketNumber: Type.String(),
  visible: Type.Boolean(),
  writable: Type.Boolean(),
  reasons: Type.Array(Reason),
  blockedBy: Type.Union([Type.Literal('voided'), Type.Literal('no_rule'), Type.Null()]),
});

export function ticketTeamRoutes(
  deps: AppDeps,
  hooks: TicketHooks,
  config: TicketConfigCache,
): FastifyPluginAsyncTypebox {
  const ctx = (request: FastifyRequest): TicketCtx => ({ ...ctxOf(request, deps), hooks, config });
  return async (app) => {
    app.get(
      '/api/v1/access/explain',
      {
        schema: {
          tags: ['access'],
          summary: 'Why an agent sees a ticket, or does not',
          description:
            "For administrators: every way the agent reaches the ticket (owner, owner's manager, group, department, related team, sharing rule number) and whether it lets them act on it.",
          querystring: Type.Object({ agentId: Uuid, ticketId: Uuid }),
          response: { 200: Explanation, ...errorResponses },
        },
      },
      async (request) => explainAccess(ctx(request), request.query.agentId, request.query.ticketId),
    );

    app.get(
      '/api/v1/tickets/:id/team',
      {
        schema: {
          tags,
          summary: "A ticket's related team members",
          description:
            'Colleagues added to the ticket, who see it (read) or may also act on it (read_write).',
          params: IdParams,
          response: { 200: TeamList, ...errorResponses },
        },
      },
      async (request) => ({ items: await listTeam(ctx(request), request.params.id) }),
    );

    app.post(
      '/api/v1/tickets/:id/team',
      {
        schema: {
          tags,
          summary: 'Add a related team member, or change their access',
          description:
            'Needs the right to act on the ticket. Recorded as a team_member_added (or team_member_changed) event.',
          params: IdParams,
          body: withExample(Type.Object({ agentId: Uuid, access: Access }, { additionalProperties: false }), {
            agentId: '0b9d3c5e-6f1a-4c2b-9d8e-7a6b5c4d3e2f',
            access: 'read',
          }),
          response: { 200: TeamList, ...errorResponses },
        },
      },
      async (request) => ({ items: await addTeamMember(ctx(request), request.params.id, request.body) }),
    );

    app.delete(
      '/api/v1/tickets/:id/team/:agentId',
      {
        schema: {
          tags,
          summary: 'Remove a related team member',
          description: 'Needs the right to act on the ticket. Recorded as a team_member_removed event.',
          params: Type.Object({ id: Uuid, agentId: Uuid }),
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await removeTeamMember(ctx(request), request.params.id, request.params.agentId);
        return noContent(reply);
      },
    );
  };
}
