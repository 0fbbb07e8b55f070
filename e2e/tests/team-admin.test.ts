// Team administration (A1–A6) as an administrator sees it: a role added under Support manager,
// moved, and the cycle refused on its field; a profile with priority read-only and its module
// matrix saved; an agent invited with that role and the invitation link shown; a department with a
// head and a sharing rule read as a sentence; the agents page in 简体中文 and Русский.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIPPED } from '../../server/src/modules/directory/index.ts';
import { type Caseway, type E2eAgent, startCaseway } from '../harness.ts';

interface Role {
  id: string;
  name: string;
  parentId: string | null;
  profileIds: string[];
}
interface Profile {
  id: string;
  name: string;
  ticketReach: string;
  permissions: Record<string, string[]>;
  fieldAccess: Record<string, string>;
}
interface Agent {
  id: string;
  email: string;
  roleId: string;
  invitationPending: boolean;
}
interface Department {
  id: string;
  name: string;
  headAgentId: string | null;
  memberIds: string[];
}

/** Opens a Mantine select by its label and picks the option whose text (indentation aside) is `name`. */
async function choose(page: Page, label: string, name: string): Promise<void> {
  await page.getByRole('textbox', { name: label, exact: true }).click();
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await page
    .getByRole('option', { name: new RegExp(`^\\s*${escaped}$`) })
    .first()
    .click();
}

describe('Team administration', () => {
  let cw: Caseway;
  let admin: E2eAgent;
  let roleId: string;
  let profileId: string;
  beforeAll(async () => {
    cw = await startCaseway();
    admin = await cw.newAgent({ admin: true, name: 'Sam Supervisor' });
  });
  afterAll(async () => cw?.close());

  const roles = async () => (await cw.api<{ items: Role[] }>(admin, 'GET', '/api/v1/roles')).items;

  it('adds a role under Support manager, moves it, and is told why a move would make a cycle', async () => {
    const { context, page } = await cw.signedIn(admin);
    const nav = page.getByRole('navigation');
    await nav.getByRole('link', { name: 'Team', exact: true }).click();
    await page.getByRole('heading', { name: 'Team', exact: true }).waitFor();
    await page.getByRole('tab', { name: 'Roles' }).click();
    await page.waitForURL(/\/admin\/team\/roles$/);

    await page.getByRole('button', { name: 'Add a role below Support manager' }).click();
    const dialog = page.getByRole('dialog', { name: 'New role' });
    await dialog.getByRole('textbox', { name: 'Role name' }).fill('Warranty leads');
    // The parent's profile is offered as the start.
    await dialog.getByText('Support manager').first().waitFor();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Role “Warranty leads” saved').waitFor();
    await page.locator('[data-role="Warranty leads"]').waitFor();
    const created = (await roles()).find((r) => r.name === 'Warranty leads');
    expect(created?.parentId).toBe(SHIPPED.supportManagerRole);
    expect(created?.profileIds).toEqual([SHIPPED.supportManagerProfile]);
    roleId = created!.id;

    // Moved below Agent with the "Reports to" select.
    await page.getByRole('button', { name: 'Edit role Warranty leads' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit role Warranty leads' });
    await choose(page, 'Reports to', 'Agent');
    await edit.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Role “Warranty leads” saved').first().waitFor();
    await expect
      .poll(async () => (await roles()).find((r) => r.id === roleId)?.parentId)
      .toBe(SHIPPED.agentRole);

    // Support manager under Warranty leads (its own subordinate): refused, said on the field.
    await page.getByRole('button', { name: 'Edit role Support manager' }).click();
    const manager = page.getByRole('dialog', { name: 'Edit role Support manager' });
    await choose(page, 'Reports to', 'Warranty leads');
    await manager.getByRole('button', { name: 'Save' }).click();
    await manager.getByText('That would make a loop').waitFor();
    await manager.getByText('Correct the fields marked in red.').waitFor();
    expect(await manager.getByRole('textbox', { name: 'Reports to' }).getAttribute('aria-invalid')).toBe(
      'true',
    );
    await cw.screenshot(page, 'team-roles-cycle');
    await manager.getByRole('button', { name: 'Cancel' }).click();
    expect((await roles()).find((r) => r.id === SHIPPED.supportManagerRole)?.parentId).toBe(
      SHIPPED.administratorRole,
    );

    // Drag and drop moves it back under Support manager.
    await page
      .locator('[data-role="Warranty leads"]')
      .dragTo(page.locator(`[data-role="Support manager"]`), { targetPosition: { x: 40, y: 10 } });
    await expect
      .poll(async () => (await roles()).find((r) => r.id === roleId)?.parentId)
      .toBe(SHIPPED.supportManagerRole);
    await context.close();
  });

  it('creates a profile with priority read-only, saves its module matrix and gives it to the role', async () => {
    const { context, page } = await cw.signedIn(admin);
    await page.goto(`${cw.url}/admin/team/profiles`);
    // The shipped profiles, in words.
    await page.getByRole('link', { name: 'Read-only', exact: true }).waitFor();
    await page.getByRole('link', { name: 'New profile' }).click();
    await page.getByRole('heading', { name: 'New profile' }).waitFor();
    await page.getByRole('textbox', { name: 'Profile name' }).fill('Warranty desk');
    await page.getByRole('radio', { name: /Their departments' tickets/ }).check();
    await page.getByRole('checkbox', { name: 'Tickets: Edit' }).check();
    await page.getByRole('checkbox', { name: 'Contacts: View' }).check();
    await page.getByRole('checkbox', { name: 'Products: Export' }).check();
    await page.locator('[data-field="priority"]').getByText('Read-only').click();
    await page.locator('[data-field="tags"]').getByText('Hidden').click();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Profile “Warranty desk” saved').waitFor();
    await page.waitForURL(/\/admin\/team\/profiles\/[0-9a-f-]{36}$/);
    profileId = page.url().split('/').at(-1)!;
    await cw.screenshot(page, 'team-profile-editor');

    const saved = await cw.api<Profile>(admin, 'GET', `/api/v1/profiles/${profileId}`);
    expect(saved.ticketReach).toBe('departments');
    expect(saved.fieldAccess).toEqual({ priority: 'read_only', tags: 'hidden' });
    expect(saved.permissions.tickets).toEqual(['view', 'edit']);
    expect(saved.permissions.contacts).toEqual(['view']);
    expect(saved.permissions.products).toEqual(['export']);

    // Reloaded, the editor shows what was saved.
    await page.reload();
    await page.getByRole('heading', { name: 'Warranty desk' }).waitFor();
    expect(await page.getByRole('checkbox', { name: 'Tickets: Edit' }).isChecked()).toBe(true);
    expect(await page.locator('[data-field="priority"] input[value="read_only"]').isChecked()).toBe(true);

    // The role takes the new profile too.
    await page.goto(`${cw.url}/admin/team/roles`);
    await page.getByRole('button', { name: 'Edit role Warranty leads' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit role Warranty leads' });
    await edit.getByRole('textbox', { name: 'Profiles' }).click();
    await page.getByRole('option', { name: 'Warranty desk' }).click();
    // The list stays open for more choices; a click elsewhere in the dialog closes it.
    await edit.getByRole('textbox', { name: 'Role name' }).click();
    await edit.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Role “Warranty leads” saved').waitFor();
    const role = (await roles()).find((r) => r.id === roleId);
    expect(new Set(role?.profileIds)).toEqual(new Set([SHIPPED.supportManagerProfile, profileId]));
    await context.close();
  });

  it('invites an agent with that role and shows the invitation link to copy', async () => {
    const { context, page } = await cw.signedIn(admin);
    await page.goto(`${cw.url}/admin/team/agents`);
    await page.getByRole('button', { name: 'Invite agent' }).click();
    const dialog = page.getByRole('dialog', { name: 'Invite an agent' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Dana Field');
    await dialog.getByRole('textbox', { name: 'Email' }).fill('dana.field@example.com');
    await choose(page, 'Role', 'Warranty leads');
    await dialog.getByRole('button', { name: 'Invite', exact: true }).click();
    await dialog.getByText('Dana Field is invited').waitFor();
    const link = await dialog.getByRole('textbox', { name: 'Invitation link' }).inputValue();
    expect(link).toMatch(new RegExp(`^${cw.url}/accept-invitation\\?token=.+`));
    await dialog.getByRole('button', { name: 'Copy link' }).waitFor();
    await cw.screenshot(page, 'team-invitation');
    await dialog.getByRole('button', { name: 'Close' }).click();

    const row = page.locator('[data-agent="dana.field@example.com"]');
    await row.getByText('Warranty leads').waitFor();
    await row.getByText('Invitation sent').waitFor();
    const agents = (await cw.api<{ items: Agent[] }>(admin, 'GET', '/api/v1/agents?limit=500')).items;
    const dana = agents.find((a) => a.email === 'dana.field@example.com');
    expect(dana?.roleId).toBe(roleId);
    expect(dana?.invitationPending).toBe(true);

    // Deactivated and back.
    await page.getByRole('button', { name: 'Deactivate Dana Field' }).click();
    const confirm = page.getByRole('dialog', { name: 'Deactivate Dana Field' });
    await confirm.getByText('signed out everywhere', { exact: false }).waitFor();
    await confirm.getByRole('button', { name: 'Deactivate' }).click();
    await row.getByText('Deactivated').waitFor();
    await page.getByRole('button', { name: 'Reactivate Dana Field' }).click();
    await row.getByText('Active', { exact: true }).waitFor();
    await context.close();
  });

  it('creates a department with a head and a sharing rule that reads as a sentence', async () => {
    const { context, page } = await cw.signedIn(admin);
    await page.goto(`${cw.url}/admin/team/departments`);
    await page.getByRole('button', { name: 'New department' }).click();
    const dialog = page.getByRole('dialog', { name: 'New department' });
    await dialog.getByRole('textbox', { name: 'Department name' }).fill('Warranty');
    await choose(page, 'Head', 'Sam Supervisor');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Department “Warranty” saved').waitFor();
    await page.locator('[data-department="Warranty"]').getByText('Head: Sam Supervisor').waitFor();
    const departments = (await cw.api<{ items: Department[] }>(admin, 'GET', '/api/v1/departments')).items;
    const warranty = departments.find((d) => d.name === 'Warranty');
    expect(warranty?.headAgentId).toBe(admin.id);
    expect(warranty?.memberIds).toContain(admin.id);

    // Heads see sub-departments (on unless switched off): one switch, saved at once.
    const headsSee = page.getByRole('switch', { name: 'Department heads see sub-departments' });
    expect(await headsSee.isChecked()).toBe(true);
    await headsSee.click();
    await page.getByText('Setting saved').waitFor();
    const settings = await cw.api<{ headsSeeSubDepartments: boolean }>(
      admin,
      'GET',
      '/api/v1/access/settings',
    );
    expect(settings.headsSeeSubDepartments).toBe(false);

    await page.getByRole('tab', { name: 'Sharing rules' }).click();
    await page.getByText('No sharing rules yet.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'New sharing rule' }).click();
    const rule = page.getByRole('dialog', { name: 'New sharing rule' });
    await choose(page, 'Owner type', 'Department');
    await choose(page, 'Owned by', 'Warranty');
    await choose(page, 'Recipient type', 'Role and subordinates');
    await choose(page, 'Shared with', 'Warranty leads');
    await rule.getByText('read and write').click();
    await rule.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Sharing rule saved').waitFor();
    const row = page.locator('[data-rule="1"]');
    await row.getByText('Rule 1').waitFor();
    await row
      .getByText(
        'Tickets owned by department Warranty are shared with role Warranty leads and its subordinates: read and write',
      )
      .waitFor();
    await cw.screenshot(page, 'team-sharing-rules');
    await context.close();
  });

  it('is for administrators only: no Team entry for an agent, and the page says so', async () => {
    const agent = await cw.newAgent({ name: 'Ari Agent', roleId: SHIPPED.agentRole });
    const { context, page } = await cw.signedIn(agent);
    await page.getByRole('navigation').getByRole('link', { name: 'Contacts' }).waitFor();
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Team', exact: true }).count()).toBe(
      0,
    );
    await page.goto(`${cw.url}/admin/team/roles`);
    await page.getByText('Only administrators can change the team.', { exact: false }).waitFor();
    await context.close();
  });

  for (const { lang, name, heading, tab } of [
    { lang: 'zh-CN', name: '王芳', heading: '团队', tab: '权限配置' },
    { lang: 'ru', name: 'Иван Петров', heading: 'Команда', tab: 'Профили' },
  ]) {
    it(`shows the agents page in ${lang}`, async () => {
      const agent = await cw.newAgent({ admin: true, name, language: lang });
      const { context, page } = await cw.signedIn(agent);
      await page.goto(`${cw.url}/admin/team/agents`);
      await page.getByRole('heading', { name: heading, exact: true }).waitFor();
      await page.getByRole('tab', { name: tab }).waitFor();
      await page.locator('[data-agent="dana.field@example.com"]').waitFor();
      await page.waitForLoadState('networkidle');
      await cw.screenshot(page, `team-agents-${lang}`);
      await context.close();
    });
  }
});
