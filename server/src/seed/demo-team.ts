// The demo support team: two departments, groups by function, tier, segment and region, and a
// dozen agents in five languages and their time zones. Records that already exist (same email or
// name) are reused, so seeding a second time adds tickets without duplicating people.
import { sql } from 'drizzle-orm';
import { ACTIONS, permissionModules } from '../modules/access/index.ts';
import {
  actorFor,
  agents,
  insertAgent,
  listDepartments,
  listGroups,
  saveDepartment,
  saveGroup,
} from '../modules/directory/index.ts';
import type { Actor, Ctx } from '../platform/context.ts';
import type { Db } from '../platform/db.ts';
import { isLanguage, type Language } from '../platform/i18n.ts';
import { applyDemoAccess } from './demo-access.ts';
import type { DemoAgent, DemoGroup, GroupKey } from './demo-model.ts';

/** Every demo agent signs in with this password. */
export const DEMO_PASSWORD = 'demo-password';
export const DEMO_AGENT_DOMAIN = 'caseway-demo.example';

type DepartmentKey = 'support' | 'returns';

const DEPARTMENTS: Record<DepartmentKey, string> = {
  support: 'Support',
  returns: 'Returns & Repairs',
};

const GROUPS: Array<{ key: GroupKey; name: string; description: string; department: DepartmentKey }> = [
  {
    key: 'general',
    name: 'General enquiries',
    description: 'Questions, billing and anything not yet sorted',
    department: 'support',
  },
  {
    key: 'l1',
    name: 'Technical support L1',
    description: 'First-level troubleshooting for printers, routers and software',
    department: 'support',
  },
  {
    key: 'l2',
    name: 'Technical support L2',
    description: 'Escalations, outages and firmware problems',
    department: 'support',
  },
  { key: 'vip', name: 'VIP desk', description: 'Customers of the VIP tier', department: 'support' },
  {
    key: 'refunds',
    name: 'Refunds',
    description: 'Refunds, duplicate charges, returns of unopened goods',
    department: 'returns',
  },
  {
    key: 'repairs',
    name: 'Warranty & repairs',
    description: 'Warranty claims, RMAs and on-site repairs',
    department: 'returns',
  },
  { key: 'china', name: '中国区支持', description: '中国大陆客户的咨询、故障与保修', department: 'support' },
  { key: 'taiwan', name: '台灣客服', description: '台灣客戶的諮詢、故障與保固', department: 'support' },
  {
    key: 'france',
    name: 'Support France',
    description: 'Clients francophones (France, Belgique, Suisse)',
    department: 'support',
  },
  {
    key: 'cis',
    name: 'Поддержка СНГ',
    description: 'Клиенты из России, Казахстана и Беларуси',
    department: 'support',
  },
];

interface AgentSeed {
  name: string;
  login: string;
  language: Language;
  timeZone: string;
  groups: GroupKey[];
  admin?: boolean;
}

const ADMIN: AgentSeed = {
  name: 'Daniel Kim',
  login: 'daniel.kim',
  language: 'en',
  timeZone: 'America/Los_Angeles',
  groups: ['vip', 'l2'],
  admin: true,
};

const AGENTS: AgentSeed[] = [
  {
    name: 'Sarah Mitchell',
    login: 'sarah.mitchell',
    language: 'en',
    timeZone: 'America/Los_Angeles',
    groups: ['general', 'l1'],
  },
  {
    name: 'James Carter',
    login: 'james.carter',
    language: 'en',
    timeZone: 'America/New_York',
    groups: ['l1', 'refunds', 'general'],
  },
  {
    name: 'Priya Raman',
    login: 'priya.raman',
    language: 'en',
    timeZone: 'Europe/London',
    groups: ['l2', 'vip'],
  },
  {
    name: 'Tom Becker',
    login: 'tom.becker',
    language: 'en',
    timeZone: 'America/Chicago',
    groups: ['repairs', 'refunds', 'vip'],
  },
  { name: '王芳', login: 'wang.fang', language: 'zh-CN', timeZone: 'Asia/Shanghai', groups: ['china', 'l1'] },
  { name: '陈静', login: 'chen.jing', language: 'zh-CN', timeZone: 'Asia/Shanghai', groups: ['china', 'l2'] },
  {
    name: '林志明',
    login: 'lin.chihming',
    language: 'zh-TW',
    timeZone: 'Asia/Taipei',
    groups: ['taiwan', 'l1'],
  },
  {
    name: '黃雅婷',
    login: 'huang.yating',
    language: 'zh-TW',
    timeZone: 'Asia/Taipei',
    groups: ['taiwan', 'repairs'],
  },
  {
    name: 'Алексей Смирнов',
    login: 'aleksey.smirnov',
    language: 'ru',
    timeZone: 'Europe/Moscow',
    groups: ['cis', 'l1'],
  },
  {
    name: 'Ольга Иванова',
    login: 'olga.ivanova',
    language: 'ru',
    timeZone: 'Europe/Moscow',
    groups: ['cis', 'l2'],
  },
  {
    name: 'Camille Dubois',
    login: 'camille.dubois',
    language: 'fr',
    timeZone: 'Europe/Paris',
    groups: ['france', 'l1'],
  },
  {
    name: 'Julien Moreau',
    login: 'julien.moreau',
    language: 'fr',
    timeZone: 'Europe/Paris',
    groups: ['france', 'refunds'],
  },
];

export const demoAgentEmail = (login: string): string => `${login}@${DEMO_AGENT_DOMAIN}`;

/** An agent anyone can try the demo with. */
export const DEMO_SIGN_IN_EMAIL = demoAgentEmail(AGENTS[0]!.login);

export interface CreatedTeam {
  admin: DemoAgent;
  agents: DemoAgent[];
  groups: Map<GroupKey, DemoGroup>;
  added: { agents: number; departments: number; groups: number };
}

async function toDemoAgent(
  db: Db,
  row: { id: string; name: string; language: string },
  groups: GroupKey[],
): Promise<DemoAgent> {
  const language: Language = isLanguage(row.language) ? row.language : 'en';
  return { id: row.id, name: row.name, language, groups, actor: historyActor(await actorFor(db, row.id)) };
}

/**
 * The seed writes ninety days of history as it happened, including hand-overs between groups and
 * departments; who may see what applies to the help desk from now on, so the seed acts as each
 * agent with every ticket in reach.
 */
function historyActor(actor: Extract<Actor, { type: 'agent' }>): Actor {
  const every = Object.fromEntries(permissionModules().map((m) => [m, [...ACTIONS]]));
  return { ...actor, access: { ...actor.access, reach: 'all', modules: every, fields: {} } };
}

async function findOrInsertAgent(
  db: Db,
  now: Date,
  seed: AgentSeed,
): Promise<{ agent: DemoAgent; added: boolean }> {
  const email = demoAgentEmail(seed.login);
  const [existing] = await db.select().from(agents).where(sql`lower(${agents.email}) = ${email}`);
  if (existing) return { agent: await toDemoAgent(db, existing, seed.groups), added: false };
  const { agent } = await insertAgent(db, now, {
    name: seed.name,
    email,
    language: seed.language,
    timeZone: seed.timeZone,
    admin: seed.admin ?? false,
    password: DEMO_PASSWORD,
  });
  return { agent: await toDemoAgent(db, agent, seed.groups), added: true };
}

/** Creates the team; `ctx` supplies the database and the clock (its actor is replaced by the demo administrator). */
export async function createTeam(ctx: Omit<Ctx, 'actor'>): Promise<CreatedTeam> {
  const added = { agents: 0, departments: 0, groups: 0 };
  const now = ctx.clock.now();
  const adminResult = await findOrInsertAgent(ctx.db, now, ADMIN);
  const admin = adminResult.agent;
  const team: DemoAgent[] = [];
  for (const seed of AGENTS) {
    const result = await findOrInsertAgent(ctx.db, now, seed);
    team.push(result.agent);
    if (result.added) added.agents += 1;
  }
  if (adminResult.added) added.agents += 1;
  const everyone = [admin, ...team];
  const adminCtx: Ctx = { ...ctx, actor: admin.actor };

  const departmentIds = new Map<DepartmentKey, string>();
  const existingDepartments = await listDepartments(ctx.db);
  for (const [key, name] of Object.entries(DEPARTMENTS) as Array<[DepartmentKey, string]>) {
    const found = existingDepartments.find((d) => d.name === name);
    if (found) {
      departmentIds.set(key, found.id);
      continue;
    }
    const created = await saveDepartment(adminCtx, null, { name });
    departmentIds.set(key, created.id);
    added.departments += 1;
  }

  await applyDemoAccess(ctx.db, now, everyone, {
    support: departmentIds.get('support')!,
    returns: departmentIds.get('returns')!,
  });

  const groups = new Map<GroupKey, DemoGroup>();
  const existingGroups = await listGroups(ctx.db);
  for (const seed of GROUPS) {
    const members = everyone.filter((a) => a.groups.includes(seed.key));
    const departmentId = departmentIds.get(seed.department)!;
    let id = existingGroups.find((g) => g.name === seed.name)?.id;
    if (!id) {
      const created = await saveGroup(adminCtx, null, {
        name: seed.name,
        description: seed.description,
        departmentId,
        memberIds: members.map((m) => m.id),
      });
      id = created.id;
      added.groups += 1;
    }
    groups.set(seed.key, { key: seed.key, id, departmentId, members });
  }
  return { admin, agents: team, groups, added };
}
