// The demo data set (`caseway serve --demo`, `caseway seed --demo`): a support team, customers,
// products, SLA calendars and policies, and a few hundred tickets in five languages with their
// conversations, written through the same services the API uses. A seeded random source and a
// clock stepped through the last 90 days make the same help desk come out every time. The ticket
// commands run without subscribers (fast); at the end every seeded ticket gets its SLA state from
// its own history, as it would have had it been kept all along.
import { sql } from 'drizzle-orm';
import { createSlaConfigCache, rebuildTicketSlas } from '../modules/sla/index.ts';
import {
  addMessage,
  createTicket,
  ensureDefaultPicklists,
  mergeTicket,
  type TicketCtx,
  tickets,
  updateTicket,
  voidTicket,
} from '../modules/tickets/index.ts';
import { type Clock, manualClock } from '../platform/clock.ts';
import { systemActor } from '../platform/context.ts';
import { type Database, queryRows } from '../platform/db.ts';
import type { Language } from '../platform/i18n.ts';
import { addDemoTeamMembers } from './demo-access.ts';
import { AUTOMATION_TICKETS, createDemoAutomation } from './demo-automation.ts';
import { createCustomers } from './demo-customers.ts';
import { createDemoMacros } from './demo-macros.ts';
import type { DemoCast, LanguagePack } from './demo-model.ts';
import { seededRandom } from './demo-random.ts';
import { createSlaSetup, SLA_SHOWCASE, showcaseSteps } from './demo-sla.ts';
import { english } from './demo-stories-en.ts';
import { french } from './demo-stories-fr.ts';
import { russian } from './demo-stories-ru.ts';
import { simplifiedChinese } from './demo-stories-zh-cn.ts';
import { traditionalChinese } from './demo-stories-zh-tw.ts';
import { createTeam } from './demo-team.ts';
import { DAY, planTickets, SPAN_DAYS } from './demo-tickets.ts';

export { DEMO_PASSWORD, DEMO_SIGN_IN_EMAIL } from './demo-team.ts';

/** How many tickets the demo data set holds (voided and merged ones included). */
export const DEMO_TICKET_COUNT = 300;
const SEED = 20_240_917;

const PACKS: Record<Language, LanguagePack> = {
  en: english,
  'zh-CN': simplifiedChinese,
  'zh-TW': traditionalChinese,
  ru: russian,
  fr: french,
};

export interface DemoSummary extends Record<string, number> {
  agents: number;
  departments: number;
  groups: number;
  organizations: number;
  contacts: number;
  products: number;
  tickets: number;
  messages: number;
  merged: number;
  voided: number;
  calendars: number;
  policies: number;
  slaRows: number;
  teamMembers: number;
  rules: number;
  webhooks: number;
  macros: number;
}

/**
 * Loads the demo data set; with `ifEmpty`, does nothing when any ticket exists. People, groups,
 * customers and products that already exist (same email or name) are reused. Returns what it added.
 */
export async function seedDemo(
  database: Database,
  clock: Clock,
  opts: { ifEmpty: boolean; tickets?: number },
): Promise<DemoSummary> {
  const db = database.db;
  const summary: DemoSummary = {
    agents: 0,
    departments: 0,
    groups: 0,
    organizations: 0,
    contacts: 0,
    products: 0,
    tickets: 0,
    messages: 0,
    merged: 0,
    voided: 0,
    calendars: 0,
    policies: 0,
    slaRows: 0,
    teamMembers: 0,
    rules: 0,
    webhooks: 0,
    macros: 0,
  };
  if (opts.ifEmpty) {
    const [anyTicket] = await db.select({ id: tickets.id }).from(tickets).limit(1);
    if (anyTicket) return summary;
  }
  await ensureDefaultPicklists(db);

  const now = clock.now().getTime();
  const random = seededRandom(SEED);
  // The team and the customers exist before the first ticket; each ticket's steps then move the clock.
  const demoClock = manualClock(new Date(now - (SPAN_DAYS + 10) * DAY));
  const team = await createTeam({ db, clock: demoClock, channel: 'web' });
  demoClock.set(new Date(now - (SPAN_DAYS + 5) * DAY));
  const customers = await createCustomers(
    { db, clock: demoClock, actor: team.admin.actor, channel: 'web' },
    random,
    team.agents,
    () => demoClock.advance(7 * 60_000),
  );
  Object.assign(summary, team.added, customers.added);

  const cast: DemoCast = {
    admin: team.admin,
    agents: team.agents,
    groups: team.groups,
    contacts: customers.contacts,
    products: customers.products,
  };
  const sla = await createSlaSetup({ db, clock: demoClock, actor: team.admin.actor, channel: 'web' }, cast);
  summary.calendars = sla.calendars;
  summary.policies = sla.policies;
  // A few tickets written to show every SLA state at `now`, the rest planned over the 90 days.
  const regular = Math.max(0, (opts.tickets ?? DEMO_TICKET_COUNT) - SLA_SHOWCASE.length - AUTOMATION_TICKETS);
  const steps = [
    ...planTickets(SEED, cast, PACKS, now, regular),
    ...showcaseSteps(cast, PACKS, now, regular),
  ].sort((a, b) => a.at - b.at || a.order - b.order);
  const ticketIds: string[] = [];
  for (const step of steps) {
    demoClock.set(new Date(step.at));
    const ctx: TicketCtx = { db, clock: demoClock, actor: step.actor, channel: step.channel };
    const id = ticketIds[step.ticket];
    const action = step.action;
    if (action.do === 'create') {
      ticketIds[step.ticket] = (await createTicket(ctx, action.input)).id;
      summary.tickets += 1;
      continue;
    }
    if (id === undefined) throw new Error(`demo data: step for ticket ${step.ticket} before it was created`);
    switch (action.do) {
      case 'message':
        await addMessage(ctx, id, action.input);
        summary.messages += 1;
        break;
      case 'update':
        await updateTicket(ctx, id, action.input);
        break;
      case 'merge':
        await mergeTicket(ctx, id, ticketIds[action.into]!);
        summary.merged += 1;
        break;
      case 'void':
        await voidTicket(ctx, id, action.reason);
        summary.voided += 1;
        break;
    }
  }
  // Fresh requests through the rules (the demo's automation), among the demo's tickets.
  const [paris] = await queryRows<{ id: string }>(
    db,
    sql`SELECT id FROM sla_calendars WHERE name = 'Paris office'`,
  );
  const automation = await createDemoAutomation(database, clock, cast, paris!.id);
  ticketIds.push(...automation.ticketIds);
  summary.tickets += automation.ticketIds.length;
  summary.rules = automation.rules;
  summary.webhooks = automation.webhooks;
  summary.teamMembers = await addDemoTeamMembers(
    { db, clock, actor: team.admin.actor, channel: 'web' },
    ticketIds,
    [team.admin, ...team.agents],
  );
  summary.macros = await createDemoMacros(
    { db, clock, channel: 'web' },
    cast,
    team.agents.find((a) => a.name === 'Sarah Mitchell') ?? team.agents[0]!,
  );
  const slaCtx: TicketCtx = { db, clock, actor: systemActor('SLA'), channel: 'system' };
  summary.slaRows = await rebuildTicketSlas(slaCtx, createSlaConfigCache(), ticketIds);
  return summary;
}
