// The rules Caseway installs, switched off (W2, R1): four templates a support team switches on as
// they are, and two routing samples from the seeds (Vtiger's "保修 → warranty", Zoho Desk's
// "手机 → priority high") to finish with an assignment to the team's own group. Installed once,
// at the first start (a deleted one does not come back); their names and descriptions show in the
// reader's language while an administrator has not renamed them (web: locales/…/ruleTemplates.json).
import { eq, sql } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.ts';
import { systemActor } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { appSettings } from '../../platform/schema.ts';
import { checkRule, lockRules, type RuleInput } from './rules.ts';
import { rules } from './schema.ts';

const INSTALLED_KEY = 'rules.shipped';

export interface ShippedRule extends RuleInput {
  key: string;
  name: string;
  description: string;
  trigger: unknown;
  actions: unknown;
}

const PHONE_WORDS = ['手机', '手機', 'phone', 'телефон', 'téléphone'];

export const SHIPPED_RULES: readonly ShippedRule[] = [
  {
    key: 'close_resolved_inactive',
    name: 'Close resolved tickets inactive for 72 hours',
    description: 'A resolved ticket nobody touched for 72 hours is closed.',
    trigger: { type: 'time', after: 'inactive', amount: 72, unit: 'hours', calendarId: null },
    condition: { field: 'statusCategory', op: 'eq', value: 'resolved' },
    actions: [{ type: 'set_field', field: 'status', value: 'closed' }],
  },
  {
    key: 'reopened_alert',
    name: 'Reopened: alert owner and supervisor, raise priority',
    description:
      'When a ticket is reopened, its owner and their supervisor are told and a low or normal priority becomes high.',
    trigger: { type: 'updated' },
    condition: {
      all: [
        { field: 'reopenCount', op: 'changed' },
        { field: 'priority', op: 'in', value: ['low', 'normal'] },
      ],
    },
    actions: [
      { type: 'notify', recipient: 'owner' },
      { type: 'notify', recipient: 'supervisor' },
      { type: 'set_field', field: 'priority', value: 'high' },
    ],
  },
  {
    key: 'vip_unassigned',
    name: 'VIP high-priority ticket unassigned for 2 hours: alert the supervisor',
    description:
      'A high or urgent ticket of a VIP contact still without an agent two hours after it came in.',
    trigger: { type: 'time', after: 'created', amount: 2, unit: 'hours', calendarId: null },
    condition: {
      all: [
        { field: 'contact.vip', op: 'eq', value: true },
        { field: 'priority', op: 'in', value: ['high', 'urgent'] },
        { field: 'ownerAgentId', op: 'is_empty' },
        { field: 'isOpen', op: 'eq', value: true },
      ],
    },
    actions: [
      { type: 'notify', recipient: 'supervisor' },
      { type: 'notify', recipient: 'group' },
    ],
  },
  {
    key: 'long_thread_overdue',
    name: 'More than 10 exchanges and past the resolution target: alert the supervisor',
    description:
      'Once per ticket, as soon as an open ticket has more than 10 messages and missed its resolution target.',
    // Due a minute after creation, so it fires (once) at the first scan where the condition holds.
    trigger: { type: 'time', after: 'created', amount: 1, unit: 'minutes', calendarId: null },
    condition: {
      all: [
        { field: 'messageCount', op: 'gt', value: 10 },
        { field: 'sla.resolutionBreached', op: 'eq', value: true },
        { field: 'isOpen', op: 'eq', value: true },
      ],
    },
    actions: [
      { type: 'notify', recipient: 'supervisor' },
      { type: 'notify', recipient: 'owner' },
    ],
  },
  {
    key: 'warranty_routing',
    name: 'Warranty requests: ticket type Warranty',
    description:
      'Routing sample (Vtiger): a subject that mentions the warranty (保修, 保固, warranty, гарантия, garantie) makes the ticket type Warranty and tags it; add an assignment to your warranty team, then switch it on.',
    trigger: { type: 'created' },
    condition: {
      field: 'subject',
      op: 'contains_any',
      value: ['保修', '保固', 'warranty', 'гарантия', 'garantie'],
    },
    actions: [
      { type: 'set_field', field: 'type', value: 'warranty' },
      { type: 'add_tags', tags: ['warranty'] },
    ],
  },
  {
    key: 'phone_replacement',
    name: 'Phone problems: priority high',
    description:
      'Routing sample (Zoho Desk): a request about a phone (手机, 手機, phone, телефон, téléphone) gets priority high and a tag; add an assignment to your replacement team, then switch it on.',
    trigger: { type: 'created' },
    condition: {
      any: [
        { field: 'subject', op: 'contains_any', value: PHONE_WORDS },
        { field: 'description', op: 'contains_any', value: PHONE_WORDS },
      ],
    },
    actions: [
      { type: 'set_field', field: 'priority', value: 'high' },
      { type: 'add_tags', tags: ['replacement'] },
    ],
  },
];

/** The shipped key of a rule while it carries the shipped name (so the console translates it). */
export function shownShippedKey(row: { shippedKey: string | null; name: string }): string | null {
  if (!row.shippedKey) return null;
  const shipped = SHIPPED_RULES.find((r) => r.key === row.shippedKey);
  return shipped && shipped.name === row.name ? row.shippedKey : null;
}

/** Installs the shipped rules, switched off, unless they were installed before; answers how many. */
export async function ensureShippedRules(db: Db, clock: Clock): Promise<number> {
  return db.transaction(async (t) => {
    const tx = t as unknown as Db;
    await lockRules(tx);
    const [installed] = await tx.select().from(appSettings).where(eq(appSettings.key, INSTALLED_KEY));
    if (installed) return 0;
    const ctx = { db: tx, clock, actor: systemActor(), channel: 'system' as const };
    const now = clock.now();
    for (const shipped of SHIPPED_RULES) {
      const { key, ...input } = shipped;
      const checked = await checkRule(ctx, tx, input, undefined, `/shipped/${key}`);
      await tx
        .insert(rules)
        .values({
          name: checked.name!,
          description: checked.description ?? '',
          trigger: checked.trigger!,
          condition: checked.condition ?? null,
          actions: checked.actions!,
          active: false,
          shippedKey: key,
          position: sql`(SELECT coalesce(max(position), 0) + 1 FROM rules)`,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing();
    }
    await tx.insert(appSettings).values({ key: INSTALLED_KEY, value: { installedAt: now.toISOString() } });
    return SHIPPED_RULES.length;
  });
}
