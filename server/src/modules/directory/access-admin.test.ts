// The access-administration API: roles, profiles, sharing rules, departments, groups, agents'
// roles and memberships, access settings — and that each change shows in what agents see at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestAgent, type TestApp } from '../../../test/app.ts';
import { SHIPPED } from './schema.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

let n = 0;
const unique = (prefix: string) => `${prefix} ${++n}`;

async function call(
  who: TestAgent,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  payload?: object,
) {
  return t.as(who, { method, url, ...(payload ? { payload } : {}) });
}

async function ok<T = Record<string, unknown>>(
  who: TestAgent,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  payload?: object,
): Promise<T> {
  const res = await call(who, method, url, payload);
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return (res.body ? res.json() : undefined) as T;
}

function expectField(
  res: { statusCode: number; json(): { errors?: Array<{ field: string }> } },
  status: number,
  field: string,
) {
  expect(res.statusCode).toBe(status);
  expect(res.json().errors?.map((e) => e.field)).toContain(field);
}

async function createRole(parentId: string, name = unique('Role')): Promise<{ id: string }> {
  return ok(t.admin, 'POST', '/api/v1/roles', { name, parentId, profileIds: [SHIPPED.agentProfile] });
}

async function ticketOwnedBy(agentId: string, extra: Record<string, unknown> = {}): Promise<string> {
  const ticket = await ok<{ id: string }>(t.admin, 'POST', '/api/v1/tickets', {
    subject: unique('Ticket'),
    ownerAgentId: agentId,
    ...extra,
  });
  return ticket.id;
}

/** Changes a ticket as `who`, with the version it has now. */
async function patchTicket(who: TestAgent, id: string, fields: object) {
  const { version } = await ok<{ version: number }>(t.admin, 'GET', `/api/v1/tickets/${id}`);
  return call(who, 'PATCH', `/api/v1/tickets/${id}`, { version, ...fields });
}

async function visibleIds(who: TestAgent): Promise<string[]> {
  const list = await ok<{ items: Array<{ id: string }> }>(who, 'GET', '/api/v1/tickets?limit=200');
  return list.items.map((i) => i.id);
}

describe('roles', () => {
  it('creates, reads, renames and lists roles in tree order with their profiles and agent counts', async () => {
    const parent = await ok<Record<string, unknown>>(t.admin, 'POST', '/api/v1/roles', {
      name: 'Zeta lead',
      description: 'Leads Zeta',
      parentId: SHIPPED.supportManagerRole,
      profileIds: [SHIPPED.agentProfile, SHIPPED.readOnlyProfile],
    });
    expect(parent).toMatchObject({
      name: 'Zeta lead',
      parentId: SHIPPED.supportManagerRole,
      agentCount: 0,
      shipped: false,
    });
    expect(parent.profileIds).toHaveLength(2);
    const child = await createRole(parent.id as string, 'Alpha staff');
    await t.newAgent({ roleId: child.id });

    const list = await ok<{ items: Array<{ id: string; agentCount: number; shipped: boolean }> }>(
      t.agent,
      'GET',
      '/api/v1/roles',
    );
    const order = list.items.map((r) => r.id);
    expect(order[0]).toBe(SHIPPED.administratorRole);
    expect(order.indexOf(SHIPPED.supportManagerRole)).toBeLessThan(order.indexOf(parent.id as string));
    expect(order.indexOf(parent.id as string)).toBeLessThan(order.indexOf(child.id));
    expect(list.items.find((r) => r.id === child.id)?.agentCount).toBe(1);
    expect(list.items.find((r) => r.id === SHIPPED.agentRole)?.shipped).toBe(true);

    const renamed = await ok(t.admin, 'PATCH', `/api/v1/roles/${child.id}`, {
      name: 'Alpha staff renamed',
      profileIds: [SHIPPED.supportManagerProfile],
    });
    expect(renamed).toMatchObject({
      name: 'Alpha staff renamed',
      profileIds: [SHIPPED.supportManagerProfile],
    });
    expect(await ok(t.agent, 'GET', `/api/v1/roles/${child.id}`)).toMatchObject({
      name: 'Alpha staff renamed',
    });
  });

  it('refuses an unknown parent or profile naming the field, and a name already used with 409', async () => {
    const unknown = '11111111-1111-4111-8111-111111111111';
    expectField(
      await call(t.admin, 'POST', '/api/v1/roles', {
        name: unique('R'),
        parentId: unknown,
        profileIds: [SHIPPED.agentProfile],
      }),
      400,
      'parentId',
    );
    expectField(
      await call(t.admin, 'POST', '/api/v1/roles', {
        name: unique('R'),
        parentId: SHIPPED.agentRole,
        profileIds: [unknown],
      }),
      400,
      'profileIds',
    );
    const taken = await call(t.admin, 'POST', '/api/v1/roles', {
      name: 'Agent',
      parentId: SHIPPED.agentRole,
      profileIds: [SHIPPED.agentProfile],
    });
    expect(taken.statusCode).toBe(409);
  });

  it('moving a role with its sub-tree changes what a manager sees on the next request', async () => {
    const managerRole = await createRole(SHIPPED.supportManagerRole);
    const otherRole = await createRole(SHIPPED.supportManagerRole);
    const teamRole = await createRole(otherRole.id);
    const subTeamRole = await createRole(teamRole.id);
    const manager = await t.newAgent({ roleId: managerRole.id });
    const worker = await t.newAgent({ roleId: teamRole.id });
    const junior = await t.newAgent({ roleId: subTeamRole.id });
    const a = await ticketOwnedBy(worker.id);
    const b = await ticketOwnedBy(junior.id);

    const before = await visibleIds(manager);
    expect(before).not.toContain(a);
    expect(before).not.toContain(b);

    await ok(t.admin, 'PATCH', `/api/v1/roles/${teamRole.id}`, { parentId: managerRole.id });
    const after = await visibleIds(manager);
    expect(after).toContain(a);
    expect(after).toContain(b);
  });

  it('refuses a parent inside its own sub-tree (or itself) as a cycle, and a second root', async () => {
    const top = await createRole(SHIPPED.agentRole);
    const below = await createRole(top.id);
    for (const parentId of [top.id, below.id]) {
      const res = await call(t.admin, 'PATCH', `/api/v1/roles/${top.id}`, { parentId });
      expectField(res, 400, 'parentId');
      expect(res.json().errors[0].message).toBe('would make a cycle');
    }
    expectField(await call(t.admin, 'PATCH', `/api/v1/roles/${top.id}`, { parentId: null }), 400, 'parentId');
    expectField(
      await call(t.admin, 'PATCH', `/api/v1/roles/${SHIPPED.administratorRole}`, { parentId: top.id }),
      400,
      'parentId',
    );
  });

  it('deletes a role, moving its agents and sub-roles to transferTo and dropping its sharing rules', async () => {
    const doomed = await createRole(SHIPPED.agentRole);
    const sub = await createRole(doomed.id);
    const heir = await createRole(SHIPPED.agentRole);
    const member = await t.newAgent({ roleId: doomed.id });
    await ok(t.admin, 'POST', '/api/v1/sharing-rules', {
      sourceType: 'agent',
      sourceId: t.agent.id,
      targetType: 'role',
      targetId: doomed.id,
      access: 'read',
    });

    expectField(await call(t.admin, 'DELETE', `/api/v1/roles/${doomed.id}`), 400, 'transferTo');
    expectField(
      await call(t.admin, 'DELETE', `/api/v1/roles/${doomed.id}?transferTo=${sub.id}`),
      400,
      'transferTo',
    );
    expectField(
      await call(t.admin, 'DELETE', `/api/v1/roles/${doomed.id}?transferTo=${doomed.id}`),
      400,
      'transferTo',
    );

    const res = await call(t.admin, 'DELETE', `/api/v1/roles/${doomed.id}?transferTo=${heir.id}`);
    expect(res.statusCode).toBe(204);
    expect((await call(t.admin, 'GET', `/api/v1/roles/${doomed.id}`)).statusCode).toBe(404);
    expect(await ok(t.admin, 'GET', `/api/v1/agents/${member.id}`)).toMatchObject({ roleId: heir.id });
    expect(await ok(t.admin, 'GET', `/api/v1/roles/${sub.id}`)).toMatchObject({ parentId: heir.id });
    const rules = await ok<{ items: Array<{ targetId: string }> }>(t.admin, 'GET', '/api/v1/sharing-rules');
    expect(rules.items.map((r) => r.targetId)).not.toContain(doomed.id);
  });

  it('deletes an empty role without transferTo; the root and shipped roles answer 409', async () => {
    const empty = await createRole(SHIPPED.agentRole);
    expect((await call(t.admin, 'DELETE', `/api/v1/roles/${empty.id}`)).statusCode).toBe(204);
    const heir = await createRole(SHIPPED.agentRole);
    for (const id of [SHIPPED.administratorRole, SHIPPED.agentRole]) {
      expect((await call(t.admin, 'DELETE', `/api/v1/roles/${id}?transferTo=${heir.id}`)).statusCode).toBe(
        409,
      );
    }
  });
});

describe('profiles', () => {
  it('creates (also as a copy), reads, changes and deletes a profile', async () => {
    const created = await ok<Record<string, unknown>>(t.admin, 'POST', '/api/v1/profiles', {
      name: 'Triage',
      ticketReach: 'departments',
      permissions: { tickets: ['view', 'edit'], contacts: ['view'] },
      fieldAccess: { priority: 'read_only' },
    });
    expect(created).toMatchObject({
      name: 'Triage',
      ticketReach: 'departments',
      permissions: { tickets: ['view', 'edit'], contacts: ['view'] },
      fieldAccess: { priority: 'read_only' },
      roleIds: [],
      shipped: false,
    });
    const copy = await ok<Record<string, unknown>>(t.admin, 'POST', '/api/v1/profiles', {
      name: 'Triage copy',
      copyOf: created.id,
      ticketReach: 'rules',
    });
    expect(copy).toMatchObject({
      ticketReach: 'rules',
      permissions: { tickets: ['view', 'edit'], contacts: ['view'] },
      fieldAccess: { priority: 'read_only' },
    });
    const changed = await ok(t.admin, 'PATCH', `/api/v1/profiles/${copy.id}`, { fieldAccess: {} });
    expect(changed).toMatchObject({ fieldAccess: {} });
    const list = await ok<{ items: Array<{ id: string }> }>(t.admin, 'GET', '/api/v1/profiles');
    expect(list.items.map((p) => p.id)).toContain(copy.id);
    expect((await call(t.admin, 'DELETE', `/api/v1/profiles/${copy.id}`)).statusCode).toBe(204);
    expect((await call(t.admin, 'GET', `/api/v1/profiles/${copy.id}`)).statusCode).toBe(404);
  });

  it('offers modules, standard fields and ticket custom fields in the catalog', async () => {
    await ok(t.admin, 'POST', '/api/v1/custom-fields', {
      key: 'warranty',
      type: 'text',
      labels: { en: 'Warranty', fr: 'Garantie' },
    });
    const catalog = await ok<{
      modules: Array<{ key: string; actions: string[] }>;
      fields: Array<{ key: string; custom: boolean; label: string }>;
    }>(t.admin, 'GET', '/api/v1/profiles/catalog');
    expect(catalog.modules).toContainEqual({
      key: 'tickets',
      actions: ['view', 'create', 'edit', 'delete', 'export'],
    });
    expect(catalog.fields).toContainEqual({ key: 'priority', custom: false, label: 'Priority' });
    expect(catalog.fields).toContainEqual({ key: 'custom.warranty', custom: true, label: 'Warranty' });
    // A custom field can then be hidden.
    const hiding = await call(t.admin, 'POST', '/api/v1/profiles', {
      name: unique('Hides warranty'),
      ticketReach: 'rules',
      permissions: { tickets: ['view'] },
      fieldAccess: { 'custom.warranty': 'hidden' },
    });
    expect(hiding.statusCode).toBe(201);
  });

  it('refuses an unknown module, action or field naming it', async () => {
    const base = { ticketReach: 'rules', permissions: { tickets: ['view'] } };
    expectField(
      await call(t.admin, 'POST', '/api/v1/profiles', {
        ...base,
        name: unique('P'),
        permissions: { spaceships: ['view'] },
      }),
      400,
      'permissions.spaceships',
    );
    expectField(
      await call(t.admin, 'POST', '/api/v1/profiles', {
        ...base,
        name: unique('P'),
        permissions: { tickets: ['fly'] },
      }),
      400,
      'permissions.tickets',
    );
    expectField(
      await call(t.admin, 'POST', '/api/v1/profiles', {
        ...base,
        name: unique('P'),
        fieldAccess: { colour: 'hidden' },
      }),
      400,
      'fieldAccess.colour',
    );
    expectField(await call(t.admin, 'POST', '/api/v1/profiles', { name: unique('P') }), 400, 'ticketReach');
  });

  it('refuses to delete a profile in use or shipped, and to change the Administrator profile (409)', async () => {
    const used = await ok<{ id: string }>(t.admin, 'POST', '/api/v1/profiles', {
      name: unique('Used'),
      ticketReach: 'rules',
      permissions: { tickets: ['view'] },
    });
    await ok(t.admin, 'POST', '/api/v1/roles', {
      name: unique('User of'),
      parentId: SHIPPED.agentRole,
      profileIds: [used.id],
    });
    expect((await call(t.admin, 'DELETE', `/api/v1/profiles/${used.id}`)).statusCode).toBe(409);
    expect((await call(t.admin, 'DELETE', `/api/v1/profiles/${SHIPPED.readOnlyProfile}`)).statusCode).toBe(
      409,
    );
    expect(
      (
        await call(t.admin, 'PATCH', `/api/v1/profiles/${SHIPPED.administratorProfile}`, {
          ticketReach: 'rules',
        })
      ).statusCode,
    ).toBe(409);
  });

  it('a changed profile applies on the next request (a read-only field is refused)', async () => {
    const profile = await ok<{ id: string }>(t.admin, 'POST', '/api/v1/profiles', {
      name: unique('Editable'),
      ticketReach: 'rules',
      permissions: { tickets: ['view', 'create', 'edit'] },
    });
    const role = await ok<{ id: string }>(t.admin, 'POST', '/api/v1/roles', {
      name: unique('Editors'),
      parentId: SHIPPED.agentRole,
      profileIds: [profile.id],
    });
    const editor = await t.newAgent({ roleId: role.id });
    const id = await ticketOwnedBy(editor.id);
    expect((await patchTicket(editor, id, { priority: 'high' })).statusCode).toBe(200);
    await ok(t.admin, 'PATCH', `/api/v1/profiles/${profile.id}`, { fieldAccess: { priority: 'read_only' } });
    const refused = await patchTicket(editor, id, { priority: 'low' });
    expect(refused.statusCode).toBe(403);
  });
});

describe('sharing rules', () => {
  it('creates, lists with names, changes and deletes a rule, and the rule decides visibility', async () => {
    const role = await createRole(SHIPPED.agentRole);
    const reader = await t.newAgent({ roleId: role.id, name: 'Rita Reader' });
    const owner = await t.newAgent({ roleId: role.id, name: 'Olga Owner' });
    const ticket = await ticketOwnedBy(owner.id);
    expect(await visibleIds(reader)).not.toContain(ticket);

    const rule = await ok<Record<string, unknown>>(t.admin, 'POST', '/api/v1/sharing-rules', {
      sourceType: 'agent',
      sourceId: owner.id,
      targetType: 'agent',
      targetId: reader.id,
      access: 'read',
    });
    expect(rule).toMatchObject({ sourceName: 'Olga Owner', targetName: 'Rita Reader', access: 'read' });
    expect(typeof rule.number).toBe('number');
    expect(await visibleIds(reader)).toContain(ticket);
    expect((await patchTicket(reader, ticket, { priority: 'high' })).statusCode).toBe(403);

    await ok(t.admin, 'PATCH', `/api/v1/sharing-rules/${rule.id}`, { access: 'read_write' });
    expect((await patchTicket(reader, ticket, { priority: 'high' })).statusCode).toBe(200);

    const list = await ok<{ items: Array<{ id: string; number: number }> }>(
      t.admin,
      'GET',
      '/api/v1/sharing-rules',
    );
    const numbers = list.items.map((r) => r.number);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(list.items.map((r) => r.id)).toContain(rule.id);

    expect((await call(t.admin, 'DELETE', `/api/v1/sharing-rules/${rule.id}`)).statusCode).toBe(204);
    expect(await visibleIds(reader)).not.toContain(ticket);
  });

  it('refuses ids that name nothing of their type', async () => {
    const unknown = '22222222-2222-4222-8222-222222222222';
    const body = {
      sourceType: 'agent',
      sourceId: t.agent.id,
      targetType: 'group',
      targetId: unknown,
      access: 'read',
    };
    expectField(await call(t.admin, 'POST', '/api/v1/sharing-rules', body), 400, 'targetId');
    expectField(
      await call(t.admin, 'POST', '/api/v1/sharing-rules', {
        ...body,
        sourceType: 'role_and_subordinates',
        targetId: t.agent.id,
        targetType: 'agent',
      }),
      400,
      'sourceId',
    );
  });
});

describe('departments', () => {
  it('keeps parent, head and members, and refuses a cycle or an unknown head or member', async () => {
    const head = await t.newAgent();
    const member = await t.newAgent();
    const top = await ok<Record<string, unknown>>(t.admin, 'POST', '/api/v1/departments', {
      name: unique('Support'),
      headAgentId: head.id,
      memberIds: [member.id],
    });
    expect(top).toMatchObject({ parentId: null, headAgentId: head.id, memberIds: [member.id] });
    const sub = await ok<Record<string, unknown>>(t.admin, 'POST', '/api/v1/departments', {
      name: unique('Support Asia'),
      parentId: top.id,
    });
    expect(sub).toMatchObject({ parentId: top.id, memberIds: [] });
    expectField(
      await call(t.admin, 'PATCH', `/api/v1/departments/${top.id}`, { parentId: sub.id }),
      400,
      'parentId',
    );
    expectField(
      await call(t.admin, 'PATCH', `/api/v1/departments/${top.id}`, { parentId: top.id }),
      400,
      'parentId',
    );
    const unknown = '33333333-3333-4333-8333-333333333333';
    expectField(
      await call(t.admin, 'PATCH', `/api/v1/departments/${top.id}`, { headAgentId: unknown }),
      400,
      'headAgentId',
    );
    expectField(
      await call(t.admin, 'PATCH', `/api/v1/departments/${top.id}`, { memberIds: [unknown] }),
      400,
      'memberIds',
    );
    const listed = await ok<{ items: Array<{ id: string; memberIds: string[] }> }>(
      t.agent,
      'GET',
      '/api/v1/departments',
    );
    expect(listed.items.find((d) => d.id === top.id)?.memberIds).toEqual([member.id]);
  });

  it('a head sees the tickets of sub-departments only while the access setting says so', async () => {
    const role = await createRole(SHIPPED.agentRole);
    const head = await t.newAgent({ roleId: role.id });
    const top = await ok<{ id: string }>(t.admin, 'POST', '/api/v1/departments', {
      name: unique('Top'),
      headAgentId: head.id,
    });
    const sub = await ok<{ id: string }>(t.admin, 'POST', '/api/v1/departments', {
      name: unique('Sub'),
      parentId: top.id,
    });
    const ticket = await ticketOwnedBy(t.admin.id, { departmentId: sub.id });
    expect(await ok(t.admin, 'GET', '/api/v1/access/settings')).toEqual({ headsSeeSubDepartments: true });
    expect(await visibleIds(head)).toContain(ticket);
    expect(await ok(t.admin, 'PUT', '/api/v1/access/settings', { headsSeeSubDepartments: false })).toEqual({
      headsSeeSubDepartments: false,
    });
    expect(await visibleIds(head)).not.toContain(ticket);
    await ok(t.admin, 'PUT', '/api/v1/access/settings', { headsSeeSubDepartments: true });
  });

  it('deletes an unused department; 409 while tickets, groups or sub-departments use it', async () => {
    const withTickets = await ok<{ id: string }>(t.admin, 'POST', '/api/v1/departments', {
      name: unique('Busy'),
    });
    await ticketOwnedBy(t.admin.id, { departmentId: withTickets.id });
    expect((await call(t.admin, 'DELETE', `/api/v1/departments/${withTickets.id}`)).statusCode).toBe(409);
    const parent = await ok<{ id: string }>(t.admin, 'POST', '/api/v1/departments', {
      name: unique('Parent'),
    });
    const child = await ok<{ id: string }>(t.admin, 'POST', '/api/v1/departments', {
      name: unique('Child'),
      parentId: parent.id,
    });
    expect((await call(t.admin, 'DELETE', `/api/v1/departments/${parent.id}`)).statusCode).toBe(409);
    const group = await ok<{ id: string }>(t.admin, 'POST', '/api/v1/groups', {
      name: unique('G'),
      departmentId: child.id,
    });
    expect((await call(t.admin, 'DELETE', `/api/v1/departments/${child.id}`)).statusCode).toBe(409);
    await ok(t.admin, 'PATCH', `/api/v1/groups/${group.id}`, { departmentId: null });
    expect((await call(t.admin, 'DELETE', `/api/v1/departments/${child.id}`)).statusCode).toBe(204);
    expect((await call(t.admin, 'DELETE', `/api/v1/departments/${parent.id}`)).statusCode).toBe(204);
  });
});

describe('groups', () => {
  it('deletes a group: its tickets lose the group with an event in their history', async () => {
    const group = await ok<{ id: string }>(t.admin, 'POST', '/api/v1/groups', {
      name: unique('Doomed'),
      memberIds: [t.agent.id],
    });
    const ticket = await ticketOwnedBy(t.admin.id, { ownerGroupId: group.id });
    expect((await call(t.agent, 'DELETE', `/api/v1/groups/${group.id}`)).statusCode).toBe(403);
    expect((await call(t.admin, 'DELETE', `/api/v1/groups/${group.id}`)).statusCode).toBe(204);
    const groups = await ok<{ items: Array<{ id: string }> }>(t.agent, 'GET', '/api/v1/groups');
    expect(groups.items.map((g) => g.id)).not.toContain(group.id);
    expect(await ok(t.admin, 'GET', `/api/v1/tickets/${ticket}`)).toMatchObject({ ownerGroupId: null });
    const history = await call(t.admin, 'GET', `/api/v1/tickets/${ticket}/history`);
    expect(history.body).toContain(group.id);
    expect((await call(t.admin, 'DELETE', `/api/v1/groups/${group.id}`)).statusCode).toBe(404);
  });
});

describe('agents', () => {
  it('sets role, groups and departments on create and change, refusing unknown ones by field', async () => {
    const group = await ok<{ id: string }>(t.admin, 'POST', '/api/v1/groups', { name: unique('Crew') });
    const dept = await ok<{ id: string }>(t.admin, 'POST', '/api/v1/departments', { name: unique('Dept') });
    const role = await createRole(SHIPPED.agentRole);
    const created = await ok<{
      agent: Record<string, unknown>;
      invitationToken: string;
      invitationUrl: string;
    }>(t.admin, 'POST', '/api/v1/agents', {
      name: 'New Person',
      email: `new.${++n}.${process.pid}@example.com`,
      roleId: role.id,
      groupIds: [group.id],
    });
    expect(created.agent).toMatchObject({ roleId: role.id, groupIds: [group.id], departmentIds: [] });
    expect(created.invitationUrl).toBe(
      `/accept-invitation?token=${encodeURIComponent(created.invitationToken)}`,
    );
    const id = created.agent.id as string;
    const changed = await ok(t.admin, 'PATCH', `/api/v1/agents/${id}`, {
      roleId: SHIPPED.agentRole,
      groupIds: [],
      departmentIds: [dept.id],
    });
    expect(changed).toMatchObject({ roleId: SHIPPED.agentRole, groupIds: [], departmentIds: [dept.id] });
    const unknown = '44444444-4444-4444-8444-444444444444';
    expectField(await call(t.admin, 'PATCH', `/api/v1/agents/${id}`, { roleId: unknown }), 400, 'roleId');
    expectField(
      await call(t.admin, 'PATCH', `/api/v1/agents/${id}`, { groupIds: [unknown] }),
      400,
      'groupIds',
    );
    expectField(
      await call(t.admin, 'PATCH', `/api/v1/agents/${id}`, { departmentIds: [unknown] }),
      400,
      'departmentIds',
    );
    // A refused change writes nothing, not even its valid parts.
    expectField(
      await call(t.admin, 'PATCH', `/api/v1/agents/${id}`, {
        name: 'Renamed',
        roleId: role.id,
        departmentIds: [unknown],
      }),
      400,
      'departmentIds',
    );
    const after = await ok(t.admin, 'GET', `/api/v1/agents/${id}`);
    expect(after).toMatchObject({ name: 'New Person', roleId: SHIPPED.agentRole, departmentIds: [dept.id] });
  });

  it('deactivating an agent revokes their API token (401 afterwards)', async () => {
    const leaver = await t.newAgent();
    expect((await call(leaver, 'GET', '/api/v1/me')).statusCode).toBe(200);
    await ok(t.admin, 'PATCH', `/api/v1/agents/${leaver.id}`, { active: false });
    expect((await call(leaver, 'GET', '/api/v1/me')).statusCode).toBe(401);
    // Reactivated, the token stays revoked.
    await ok(t.admin, 'PATCH', `/api/v1/agents/${leaver.id}`, { active: true });
    expect((await call(leaver, 'GET', '/api/v1/me')).statusCode).toBe(401);
  });
});

describe('who may', () => {
  it('refuses non-administrators every change and the profile, rule and settings reads (403)', async () => {
    const someone = await t.newAgent();
    const refused: Array<[string, string, object?]> = [
      [
        'POST',
        '/api/v1/roles',
        { name: 'x', parentId: SHIPPED.agentRole, profileIds: [SHIPPED.agentProfile] },
      ],
      ['PATCH', `/api/v1/roles/${SHIPPED.agentRole}`, { name: 'x' }],
      ['DELETE', `/api/v1/roles/${SHIPPED.agentRole}`],
      ['GET', '/api/v1/profiles'],
      ['GET', '/api/v1/profiles/catalog'],
      ['GET', `/api/v1/profiles/${SHIPPED.agentProfile}`],
      ['POST', '/api/v1/profiles', { name: 'x', ticketReach: 'all', permissions: {} }],
      ['PATCH', `/api/v1/profiles/${SHIPPED.agentProfile}`, { name: 'x' }],
      ['DELETE', `/api/v1/profiles/${SHIPPED.agentProfile}`],
      ['GET', '/api/v1/sharing-rules'],
      [
        'POST',
        '/api/v1/sharing-rules',
        {
          sourceType: 'agent',
          sourceId: someone.id,
          targetType: 'agent',
          targetId: someone.id,
          access: 'read',
        },
      ],
      ['POST', '/api/v1/departments', { name: 'x' }],
      ['GET', '/api/v1/access/settings'],
      ['PUT', '/api/v1/access/settings', { headsSeeSubDepartments: false }],
      ['PATCH', `/api/v1/agents/${someone.id}`, { roleId: SHIPPED.administratorRole }],
    ];
    for (const [method, url, payload] of refused) {
      const res = await call(someone, method as 'GET', url, payload);
      expect([method, url, res.statusCode]).toEqual([method, url, 403]);
    }
    // Pickers: roles, groups, departments and agents are open to every agent.
    for (const url of ['/api/v1/roles', '/api/v1/groups', '/api/v1/departments', '/api/v1/agents'])
      expect((await call(someone, 'GET', url)).statusCode).toBe(200);
  });

  it('answers anonymous callers 401', async () => {
    for (const url of [
      '/api/v1/roles',
      '/api/v1/profiles',
      '/api/v1/sharing-rules',
      '/api/v1/access/settings',
    ]) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    }
  });
});
