import { describe, expect, it } from 'vitest';
import { type Actor, type ActorAccess, systemActor } from '../../platform/context.ts';
import { createFieldRegistry, evaluate } from '../conditions/index.ts';
import { VIEWER_FIELDS, viewerFieldsIn, viewerTicketFields } from './ticket-fields.ts';

const ME = '11111111-1111-4111-8111-111111111111';
const SUB = '22222222-2222-4222-8222-222222222222';
const DEPT = '33333333-3333-4333-8333-333333333333';
const GROUP = '44444444-4444-4444-8444-444444444444';
const OTHER = '55555555-5555-4555-8555-555555555555';

const none = { owners: [], groups: [], departments: [] };
const access: ActorAccess = {
  roleId: 'r',
  reach: 'rules',
  read: none,
  write: none,
  shared: { owners: [], groups: [GROUP], departments: [] },
  subordinates: [SUB],
  departments: [DEPT],
  groups: [],
  modules: {},
  fields: {},
};
const agent: Actor = {
  type: 'agent',
  id: ME,
  name: 'Me',
  admin: false,
  language: 'en',
  timeZone: 'UTC',
  access,
};

const is = (actor: Actor, field: string, ticket: Record<string, unknown>) =>
  evaluate({ field, op: 'eq', value: true }, ticket, createFieldRegistry(viewerTicketFields(actor)));

describe('per-viewer ticket fields', () => {
  it('answer from the ticket’s owner, group, department and team agent ids (ids in any case)', () => {
    const ticket = {
      ownerAgentId: SUB.toUpperCase(),
      ownerGroupId: GROUP,
      departmentId: DEPT,
      teamAgentIds: [ME.toUpperCase(), SUB],
    };
    for (const field of VIEWER_FIELDS) expect([field, is(agent, field, ticket)]).toEqual([field, true]);
    const bare = { ownerAgentId: OTHER, ownerGroupId: null, departmentId: null };
    for (const field of VIEWER_FIELDS) expect([field, is(agent, field, bare)]).toEqual([field, false]);
  });

  it('are false for the system actor, who is nobody', () => {
    const ticket = { ownerAgentId: SUB, ownerGroupId: GROUP, departmentId: DEPT, teamAgentIds: [ME] };
    for (const field of VIEWER_FIELDS) expect(is(systemActor(), field, ticket)).toBe(false);
  });

  it('are found anywhere in a condition, with the path of each', () => {
    const condition = {
      all: [
        { field: 'priority', op: 'eq', value: 'high' },
        { any: [{ not: { field: 'access.participant', op: 'eq', value: true } }] },
        { field: 'access.nope', op: 'eq', value: true },
      ],
    };
    expect(viewerFieldsIn(condition, 'body/condition')).toEqual([
      { path: 'body/condition/all/1/any/0/not/field', field: 'access.participant' },
      { path: 'body/condition/all/2/field', field: 'access.nope' },
    ]);
  });
});
