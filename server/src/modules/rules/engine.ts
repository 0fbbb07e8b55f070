// Running rules on ticket changes (W1, R1): an in-transaction subscriber. For each change it works
// out which triggers fired, then goes through the active rules in order; a rule whose trigger fired
// and whose condition holds (in memory, on the ticket as the change left it) applies its actions
// together in a savepoint — all of them or, on a failure, none — as the system actor named after
// the rule. Notifications and webhooks are asked for in a `rule_applied` event, which their
// modules take up after commit. Every rule checked is logged; a rule acts at most once along a
// chain of changes it caused (and the chain's depth is limited by the tickets module).
import type { Db } from '../../platform/db.ts';
import { evaluate, type FieldRegistry, fieldsOf } from '../conditions/index.ts';
import {
  addMessage,
  addTeamMember,
  appendTicketEvents,
  conditionSnapshot,
  diffTickets,
  type FieldChange,
  getTicket,
  type InTransactionSubscriber,
  type NewEvent,
  type TicketChange,
  type TicketCtx,
  type TicketRow,
  ticketRegistry,
  type UpdateTicketInput,
  updateTicket,
} from '../tickets/index.ts';
import { type EventTrigger, isTimeTrigger, type RuleAction } from './rule-shapes.ts';
import type { RuleRow, RulesCache } from './rules.ts';
import { ruleChecks, ruleRuns } from './schema.ts';
import { shownShippedKey } from './shipped-rules.ts';

const FIELD_CHANGE_KINDS = new Set(['updated', 'assigned', 'status_changed', 'tags_changed']);
const MESSAGE_TRIGGER: Record<string, EventTrigger> = {
  customer: 'customer_replied',
  reply: 'agent_replied',
  note: 'note_added',
};
const CHAIN_PREFIX = 'rule:';

/** A ticket as the rules read it (the row, its search text aside). */
export type TicketState = Omit<TicketRow, 'searchVector'>;

/** The triggers a change fires, and the fields it changed. */
export function triggersOf(change: Pick<TicketChange, 'events'>): {
  triggers: Set<EventTrigger>;
  fields: Set<string>;
} {
  const triggers = new Set<EventTrigger>();
  const fields = new Set<string>();
  for (const event of change.events) {
    if (event.kind === 'created') triggers.add('created');
    else if (event.kind === 'sla_warning' || event.kind === 'sla_breached') triggers.add(event.kind);
    else if (event.kind === 'message_added') {
      const trigger = MESSAGE_TRIGGER[String(event.data.kind)];
      if (trigger) triggers.add(trigger);
    }
    if (FIELD_CHANGE_KINDS.has(event.kind) || event.kind === 'message_added') {
      for (const c of event.changes) fields.add(c.field);
    }
  }
  // A new ticket fires `created` alone: the changes its routing rules make are part of its creation.
  if (fields.size && !triggers.has('created')) triggers.add('updated').add('field_changed');
  return { triggers, fields };
}

/** Whether a rule's trigger is among those fired (for field_changed: one of its fields changed). */
function fires(rule: RuleRow, fired: { triggers: Set<EventTrigger>; fields: Set<string> }): boolean {
  if (isTimeTrigger(rule.trigger) || !fired.triggers.has(rule.trigger.type)) return false;
  if (rule.trigger.type !== 'field_changed') return true;
  return (rule.trigger.fields ?? []).some((f) => fired.fields.has(f));
}

/** The fields a rule's condition reads (worked out once per loaded rule). */
const readByRule = new WeakMap<object, Set<string>>();
export function fieldsRead(rule: Pick<RuleRow, 'condition'>): Set<string> {
  let read = readByRule.get(rule);
  if (!read) {
    read = fieldsOf([rule.condition]);
    readByRule.set(rule, read);
  }
  return read;
}

/** Whether the condition holds; a condition naming a field since removed holds for nothing. */
export function conditionHolds(
  rule: Pick<RuleRow, 'condition'>,
  snapshot: Record<string, unknown>,
  previous: Record<string, unknown> | undefined,
  registry: FieldRegistry,
): boolean {
  if (!rule.condition) return true;
  try {
    return evaluate(rule.condition, snapshot, registry, previous ? { previous } : {});
  } catch {
    return false;
  }
}

/** `{{ticket.number}}`, `{{ticket.subject}}`, `{{ticket.status}}`, `{{ticket.priority}}`, `{{rule.name}}`. */
export function renderTemplate(template: string, ticket: TicketState, rule: Pick<RuleRow, 'name'>): string {
  const values: Record<string, string> = {
    'ticket.number': ticket.number,
    'ticket.subject': ticket.subject,
    'ticket.status': ticket.status,
    'ticket.priority': ticket.priority,
    'rule.name': rule.name,
  };
  return template.replace(/\{\{\s*([a-z.]+)\s*\}\}/gi, (whole, key: string) => values[key] ?? whole);
}

/** The ticket changes of a rule's actions, as one update. */
export function updateOf(actions: readonly RuleAction[]): UpdateTicketInput | null {
  const input: UpdateTicketInput = {};
  let any = false;
  for (const action of actions) {
    if (action.type === 'set_field') {
      any = true;
      if (action.field.startsWith('custom.'))
        input.custom = { ...input.custom, [action.field.slice('custom.'.length)]: action.value };
      else (input as Record<string, unknown>)[action.field] = action.value;
    } else if (action.type === 'assign') {
      any = true;
      if (action.agentId !== undefined) input.ownerAgentId = action.agentId;
      if (action.groupId !== undefined) input.ownerGroupId = action.groupId;
    } else if (action.type === 'add_tags') {
      any = true;
      input.addTags = [...(input.addTags ?? []), ...action.tags];
    } else if (action.type === 'remove_tags') {
      any = true;
      input.removeTags = [...(input.removeTags ?? []), ...action.tags];
    }
  }
  return any ? input : null;
}

/** Applies a matched rule's actions as the rule; returns what was done (for the log). */
async function applyActions(ctx: TicketCtx, rule: RuleRow, ticketId: string, trigger: string) {
  const done: Array<Record<string, unknown>> = [];
  const update = updateOf(rule.actions);
  if (update) {
    const before = await getTicket(ctx, ticketId);
    const after = await updateTicket(ctx, ticketId, update);
    done.push(updateDone(update, diffTickets(before, after)));
  }
  for (const action of rule.actions) {
    if (action.type === 'add_team_member') {
      await addTeamMember(ctx, ticketId, { agentId: action.agentId, access: action.access });
      done.push({ type: action.type, agentId: action.agentId });
    } else if (action.type === 'add_note') {
      const ticket = await getTicket(ctx, ticketId);
      await addMessage(ctx, ticketId, { kind: 'note', body: renderTemplate(action.body, ticket, rule) });
      done.push({ type: action.type });
    }
  }
  const applied = ruleApplied(rule, trigger);
  await appendTicketEvents(ctx, ticketId, [applied.event]);
  return [...done, ...applied.done];
}

/** A rule's ticket update, as its run's log keeps it: the fields it set, those that changed. */
export function updateDone(update: UpdateTicketInput, changes: readonly FieldChange[]) {
  return { type: 'update', fields: Object.keys(update), changed: [...new Set(changes.map((c) => c.field))] };
}

/**
 * The `rule_applied` event of a matched rule, carrying the notifications and webhook deliveries it
 * asks for to their modules (after commit), and those for its run's log.
 */
export function ruleApplied(rule: RuleRow, trigger: string) {
  const notify: Array<Record<string, unknown>> = [];
  const webhookIds: string[] = [];
  const done: Array<Record<string, unknown>> = [];
  for (const action of rule.actions) {
    if (action.type === 'notify') {
      notify.push({ recipient: action.recipient, ...(action.agentId ? { agentId: action.agentId } : {}) });
      done.push({ type: action.type, recipient: action.recipient });
    } else if (action.type === 'webhook') {
      webhookIds.push(action.webhookId);
      done.push({ type: action.type, webhookId: action.webhookId });
    }
  }
  const event: NewEvent = {
    kind: 'rule_applied',
    data: {
      ruleId: rule.id,
      ruleName: rule.name,
      shippedKey: shownShippedKey(rule),
      trigger,
      actions: rule.actions.map((a) => a.type),
      notify,
      webhookIds,
    },
  };
  return { event, done };
}

/** What a rule does when it acts: as the system actor named after it, along its chain. */
export function ruleActor(ctx: TicketCtx, rule: RuleRow): TicketCtx {
  return {
    ...ctx,
    actor: { type: 'system', name: rule.name },
    channel: 'system',
    chain: [...(ctx.chain ?? []), chainMark(rule)],
  };
}

/** Marks a rule as done along a chain of changes (TicketCtx.chain). */
export const chainMark = (rule: Pick<RuleRow, 'id'>): string => CHAIN_PREFIX + rule.id;

export type RuleRun = typeof ruleRuns.$inferInsert;

/** A matched rule's run, before its actions are done (the rules that do not match go to rule_checks). */
export function matchedRun(ctx: TicketCtx, rule: RuleRow, ticketId: string, trigger: string): RuleRun {
  return {
    ruleId: rule.id,
    ticketId,
    trigger,
    matched: true,
    actions: [],
    error: null,
    createdAt: ctx.clock.now(),
  };
}

/**
 * Applies a matched rule's actions as the rule, in a savepoint: together or, on a failure, none.
 * Returns its run for the log (with the error when they could not be applied).
 */
export async function applyRule(
  ctx: TicketCtx,
  rule: RuleRow,
  ticketId: string,
  trigger: string,
): Promise<RuleRun> {
  const run = matchedRun(ctx, rule, ticketId, trigger);
  const ruleCtx = ruleActor(ctx, rule);
  try {
    run.actions = await ctx.db.transaction((sp) =>
      applyActions({ ...ruleCtx, db: sp as unknown as Db }, rule, ticketId, trigger),
    );
  } catch (err) {
    run.error = errorText(err);
  }
  return run;
}

/** An action's failure, as the run log keeps it. */
export const errorText = (err: unknown): string =>
  (err instanceof Error ? err.message : String(err)).slice(0, 1000);

/** The subscriber the composition root registers with the tickets module. */
export function ruleSubscriber(cache: RulesCache): InTransactionSubscriber {
  const subscriber: InTransactionSubscriber = async (ctx, change) => {
    const active = await cache.get(ctx.db);
    if (!active.length) return;
    const fired = triggersOf(change);
    if (!fired.triggers.size) return;
    const chain = ctx.chain ?? [];
    const candidates = active.filter((r) => fires(r, fired) && !chain.includes(chainMark(r)));
    if (!candidates.length) return;
    const registry = await ticketRegistry(ctx, { viewer: false });
    const ticketId = change.after.id;
    const runs: RuleRun[] = [];
    const unmatched = new Map<string, string[]>(); // by trigger
    let current: TicketState = change.after;
    // One snapshot for all candidates (what any of them reads), again after a rule changed the ticket.
    const reads = new Set(candidates.flatMap((r) => [...fieldsRead(r)]));
    let snapshot = await conditionSnapshot(ctx.db, current, reads, registry);
    const previous = change.before
      ? await conditionSnapshot(ctx.db, change.before, reads, registry)
      : undefined;
    for (const rule of candidates) {
      if (rule.departmentId && rule.departmentId !== current.departmentId) continue;
      const trigger = rule.trigger.type;
      const matched = conditionHolds(rule, snapshot, previous, registry);
      if (!matched) {
        unmatched.set(trigger, [...(unmatched.get(trigger) ?? []), rule.id]);
        continue;
      }
      const run = await applyRule(ctx, rule, ticketId, trigger);
      runs.push(run);
      if (run.error) continue;
      current = await getTicket(ctx, ticketId);
      snapshot = await conditionSnapshot(ctx.db, current, reads, registry);
      if (rule.actions.some((a) => a.type === 'stop')) break;
    }
    if (runs.length) await ctx.db.insert(ruleRuns).values(runs);
    if (unmatched.size) {
      const at = ctx.clock.now();
      await ctx.db
        .insert(ruleChecks)
        .values([...unmatched].map(([trigger, ruleIds]) => ({ ticketId, trigger, ruleIds, createdAt: at })));
    }
  };
  // Asked before a create: the rules on `created` shape a new ticket before it is written
  // (before-create.ts), which hands over to this subscriber, with a transaction, what it cannot do.
  subscriber.wants = (kinds) => kinds.some((kind) => kind !== 'created');
  return subscriber;
}
