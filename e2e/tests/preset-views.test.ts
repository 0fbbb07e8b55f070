// The preset views (A7) from a manager's chair: the side bar counts each preset for them (their
// own, their subordinates', their team tickets, what a sharing rule and their department bring)
// and opening one lists exactly its tickets.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departments, SHIPPED } from '../../server/src/modules/directory/index.ts';
import { roleProfiles, roles, sharingRules } from '../../server/src/modules/directory/schema.ts';
import { type Caseway, type E2eAgent, startCaseway } from '../harness.ts';

describe('preset views', () => {
  let cw: Caseway;
  let manager: E2eAgent;

  beforeAll(async () => {
    cw = await startCaseway();
    const db = cw.database.db;
    const now = new Date('2026-03-02T09:00:00Z');
    const role = async (name: string, parentId: string) => {
      const [row] = await db.insert(roles).values({ name, parentId, createdAt: now }).returning();
      await db.insert(roleProfiles).values({ roleId: row!.id, profileId: SHIPPED.agentProfile });
      return row!.id;
    };
    const managerRole = await role('Service manager', SHIPPED.administratorRole);
    const staffRole = await role('Service staff', managerRole);
    manager = await cw.newAgent({ name: 'Mia Manager', roleId: managerRole });
    const staff = await cw.newAgent({ name: 'Stan Staff', roleId: staffRole });
    const other = await cw.newAgent({ name: 'Olga Other', roleId: SHIPPED.agentRole });

    const [field] = await db
      .insert(departments)
      .values({ name: 'Field service', headAgentId: manager.id, createdAt: now })
      .returning();
    const group = await cw.api<{ id: string }>(cw.admin, 'POST', '/api/v1/groups', { name: 'Key accounts' });
    await db.insert(sharingRules).values({
      sourceType: 'group',
      sourceId: group.id,
      targetType: 'agent',
      targetId: manager.id,
      access: 'read',
      createdAt: now,
    });
    // The credential cache forgets the organisation it resolved.
    await db.execute(sql`NOTIFY caseway_credentials`);

    const make = (subject: string, fields: Record<string, unknown> = {}) =>
      cw.api<{ id: string }>(cw.admin, 'POST', '/api/v1/tickets', { subject, ...fields });
    const team = (ticketId: string, agentId: string) =>
      cw.api(cw.admin, 'POST', `/api/v1/tickets/${ticketId}/team`, { agentId, access: 'read' });

    await make('Mia’s own boiler repair', { ownerAgentId: manager.id });
    await make('Stan’s meter reading', { ownerAgentId: staff.id });
    await make('Stan’s pump inspection', { ownerAgentId: staff.id });
    const helped = await make('Olga’s roof leak, Mia helps', { ownerAgentId: other.id });
    await team(helped.id, manager.id);
    const field1 = await make('Field visit with Stan', { ownerAgentId: other.id, departmentId: field!.id });
    await team(field1.id, staff.id);
    await make('Key account renewal', { ownerAgentId: other.id, ownerGroupId: group.id });
    await make('Olga’s private matter', { ownerAgentId: other.id });
  });
  afterAll(async () => cw?.close());

  it('shows a manager the count of each preset and opens one', async () => {
    const { context, page } = await cw.signedIn(manager);
    const nav = page.getByRole('navigation');
    const expected: Array<[RegExp, string]> = [
      [/^My unresolved tickets/, '1'],
      [/^My urgent tickets/, '0'],
      [/^My closed tickets/, '0'],
      [/^All my tickets/, '1'],
      [/^Participating/, '1'],
      [/^Subordinates’ tickets/, '2'],
      [/^Subordinates participating/, '1'],
      [/^Shared with me/, '1'],
      [/^My departments/, '1'],
      [/^Unassigned/, '0'],
      [/^All tickets/, '6'],
    ];
    for (const [name, count] of expected) {
      const link = nav.getByRole('link', { name });
      await expect.poll(async () => ((await link.textContent()) ?? '').replace(name, '')).toBe(count);
    }
    // The presets come first, in FxiaoKe's order.
    const all = (await nav.getByRole('link').allTextContents()).map((l) => l.replace(/\d+$/, ''));
    const first = all.indexOf('My unresolved tickets');
    expect(all.slice(first, first + expected.length)).toEqual([
      'My unresolved tickets',
      'My urgent tickets',
      'My closed tickets',
      'All my tickets',
      'Participating',
      'Subordinates’ tickets',
      'Subordinates participating',
      'Shared with me',
      'My departments',
      'Unassigned',
      'All tickets',
    ]);
    await cw.screenshot(page, 'preset-views');

    await nav.getByRole('link', { name: /^Subordinates’ tickets/ }).click();
    await page.getByRole('heading', { name: 'Subordinates’ tickets' }).waitFor();
    await page.getByRole('link', { name: 'Stan’s meter reading' }).waitFor();
    await page.getByRole('link', { name: 'Stan’s pump inspection' }).waitFor();
    expect(page.url()).toContain('view=subordinates');
    expect(await page.getByRole('link', { name: 'Mia’s own boiler repair' }).count()).toBe(0);

    await nav.getByRole('link', { name: /^Shared with me/ }).click();
    await page.getByRole('heading', { name: 'Shared with me' }).waitFor();
    await page.getByRole('link', { name: 'Key account renewal' }).waitFor();
    expect(await page.getByRole('link', { name: 'Stan’s meter reading' }).count()).toBe(0);

    // Nobody else's private ticket, under any preset.
    await nav.getByRole('link', { name: /^All tickets/ }).click();
    await page.getByRole('link', { name: 'Field visit with Stan' }).waitFor();
    expect(await page.getByRole('link', { name: 'Olga’s private matter' }).count()).toBe(0);
    await context.close();
  });
});
