// Routing rules (rules on `created`) shape a new ticket before it is written, so that they cost
// the create no round trip: the records their conditions and actions need (the organization's tier,
// the contact's VIP flag, the groups and agents they assign to) are read in the create's first
// query; then each rule in order is checked on the ticket as the ones before it left it, and a
// matched rule's field changes, its events and every run's log go into the create's one statement.
// A rule that needs a command of its own (a note, a team member) or a field kept elsewhere (SLA)
// hands over, from that rule on, to the in-transaction subscriber (engine.ts).
import { sql } from 'drizzle-orm';
import type { FieldRegistry } from '../conditions/index.ts';
import {
  applyUpdate,
  type BeforeCreateSubscriber,
  diffTickets,
  eventKindFor,
  type NewEvent,
  REFERENCE_FIELDS,
  type ReadAhead,
  referencesAhead,
  type TicketCtx,
  type TicketWrite,
  ticketRegistry,
  type UpdateTicketInput,
  withRelated,
} from '../tickets/index.ts';
import {
  chainMark,
  conditionHolds,
  errorText,
  fieldsRead,
  matchedRun,
  type RuleRun,
  ruleActor,
  ruleApplied,
  updateDone,
  updateOf,
} from './engine.ts';
import type { RuleRow, RulesCache } from './rules.ts';

/** Actions that are commands of their own, done after the insert. */
const COMMAND_ACTIONS = new Set(['add_note', 'add_team_member']);

/** What a routing rule needs, worked out once per loaded rule. */
interface Plan {
  rule: RuleRow;
  /** Its mark along a chain of changes (TicketCtx.chain). */
  mark: string;
  update: UpdateTicketInput | null;
  readsRelated: boolean;
  /** It reads a field kept in another table (SLA), or acts by a command: only after the insert. */
  afterInsert: boolean;
}

const plans = new WeakMap<RuleRow[], Plan[]>();

function routingPlans(active: RuleRow[], registry: FieldRegistry): Plan[] {
  let planned = plans.get(active);
  if (!planned) {
    planned = active
      .filter((rule) => rule.trigger.type === 'created')
      .map((rule) => {
        const read = [...fieldsRead(rule)];
        return {
          rule,
          mark: chainMark(rule),
          update: updateOf(rule.actions),
          readsRelated: read.some((f) => f.startsWith('organization.') || f.startsWith('contact.')),
          afterInsert:
            read.some((f) => registry.get(f)?.load) || rule.actions.some((a) => COMMAND_ACTIONS.has(a.type)),
        };
      });
    plans.set(active, planned);
  }
  return planned;
}

/**
 * The rules still to check on this create (a caller's chain may have run some already), with the
 * registry their conditions are decided with.
 */
async function pending(
  ctx: TicketCtx,
  cache: RulesCache,
): Promise<{ plans: Plan[]; registry: FieldRegistry }> {
  const registry = await ticketRegistry(ctx, { viewer: false });
  const active = await cache.get(ctx.db);
  if (!active.some((r) => r.trigger.type === 'created')) return { plans: [], registry };
  const chain = ctx.chain ?? [];
  const all = routingPlans(active, registry);
  return { plans: chain.length ? all.filter((p) => !chain.includes(p.mark)) : all, registry };
}

/** The columns reading the records the rules assign to or set (per field, all ids at once). */
const targetsOf = new WeakMap<Plan[], Record<string, ReadAhead>>();
function targetColumns(plans: Plan[]): Record<string, ReadAhead> {
  let columns = targetsOf.get(plans);
  if (!columns) {
    columns = {};
    for (const field of REFERENCE_FIELDS) {
      const ids = [...new Set(plans.flatMap(({ update }) => (update?.[field] ? [update[field]] : [])))];
      if (ids.length) columns[`ref:${field}`] = referencesAhead.column(field, ids);
    }
    targetsOf.set(plans, columns);
  }
  return columns;
}

/**
 * The log of a create's rules, inserted in its statement: those that did not match (most of them)
 * as one check, those that did as runs, with what they did. The check is written last: PostgreSQL
 * runs a statement's data-modifying CTEs last to first, so it takes the lower id and the log lists
 * what the rules did before the rules that did not match (a test holds it to that).
 */
function logWrites(ticketId: string, at: Date, unmatched: string[], matched: RuleRun[]): TicketWrite[] {
  const p = (prefix: string, name: string) => sql.placeholder(`${prefix}${name}`);
  const writes: TicketWrite[] = [];
  if (matched.length)
    writes.push({
      name: 'rule_runs',
      build: (_db, prefix) => ({
        getSQL: () =>
          sql`INSERT INTO rule_runs (rule_id, ticket_id, trigger, matched, actions, error, created_at)
              SELECT m.rule_id, ${p(prefix, 'ticketId')}::uuid, 'created', true, m.actions, m.error, ${p(prefix, 'at')}::timestamptz
                FROM json_to_recordset(${p(prefix, 'runs')}::json) AS m(rule_id uuid, actions jsonb, error text)`,
      }),
      values: {
        ticketId,
        at: at.toISOString(),
        runs: JSON.stringify(
          matched.map((run) => ({
            rule_id: run.ruleId,
            actions: run.actions ?? [],
            error: run.error ?? null,
          })),
        ),
      },
    });
  if (unmatched.length)
    writes.push({
      name: 'rule_checks',
      build: (_db, prefix) => ({
        getSQL: () =>
          sql`INSERT INTO rule_checks (ticket_id, trigger, rule_ids, created_at)
              VALUES (${p(prefix, 'ticketId')}::uuid, 'created', ${p(prefix, 'ruleIds')}::uuid[], ${p(prefix, 'at')}::timestamptz)`,
      }),
      values: { ticketId, ruleIds: `{${unmatched.join(',')}}`, at: at.toISOString() },
    });
  return writes;
}

export function ruleShaper(cache: RulesCache): BeforeCreateSubscriber {
  return {
    async reads(ctx, related) {
      const { plans } = await pending(ctx, cache);
      const columns: Record<string, ReadAhead> = {};
      if (plans.some((p) => p.readsRelated))
        columns.related = {
          // The organization the ticket will have: the one given, or the contact's.
          column: (p) => sql`json_build_object(
            'tier', (SELECT tier FROM organizations
                      WHERE id = coalesce(${p('organization')}::uuid,
                                          (SELECT organization_id FROM contacts WHERE id = ${p('contact')}::uuid))),
            'vip', (SELECT vip FROM contacts WHERE id = ${p('contact')}::uuid))`,
          values: { organization: related.organizationId, contact: related.contactId },
        };
      return { ...columns, ...targetColumns(plans) };
    },

    async shape(ctx, row, read) {
      const { plans, registry } = await pending(ctx, cache);
      const done = { events: [] as NewEvent[], writes: [] as TicketWrite[], chain: [] as string[] };
      if (!plans.length) return { ...done, row, handOver: false };
      const related = read.related as { tier: string | null; vip: boolean | null } | undefined;
      const targets = Object.fromEntries(REFERENCE_FIELDS.map((field) => [field, read[`ref:${field}`]]));
      const unmatched: string[] = [];
      const matched: RuleRun[] = [];
      let current = row;
      // The ticket with its customer's facts, for the rules that read them (again once a rule changed it).
      let withCustomer: Record<string, unknown> | null = null;
      let handOver = false;
      for (const [i, plan] of plans.entries()) {
        const { rule } = plan;
        if (rule.departmentId && rule.departmentId !== current.departmentId) {
          done.chain.push(plan.mark);
          continue;
        }
        // (Rules cannot change the customer, so what was read of it holds for every rule.)
        if (plan.afterInsert || (plan.readsRelated && !related)) {
          handOver = true;
          break;
        }
        let snapshot: Record<string, unknown> = current;
        if (plan.readsRelated) {
          withCustomer ??= withRelated(current, related);
          snapshot = withCustomer;
        }
        if (!conditionHolds(rule, snapshot, undefined, registry)) {
          unmatched.push(rule.id);
          done.chain.push(plan.mark);
          continue;
        }
        if (plan.update && !referencesAhead.covers(plan.update, targets)) {
          // The rules changed since their targets were read: this one and the rest after the insert.
          handOver = true;
          break;
        }
        const asRule = ruleActor(ctx, rule);
        const by = { actor: asRule.actor, channel: asRule.channel };
        const run = matchedRun(ctx, rule, row.id, 'created');
        try {
          let next = current;
          const actions: Array<Record<string, unknown>> = [];
          if (plan.update) {
            const update = plan.update;
            next = await applyUpdate(asRule, current, update, async (refs) =>
              referencesAhead.check(refs, targets),
            );
            const changes = diffTickets(current, next);
            if (changes.length) done.events.push({ kind: eventKindFor(changes), changes, by });
            actions.push(updateDone(update, changes));
          }
          const applied = ruleApplied(rule, 'created');
          done.events.push({ ...applied.event, by });
          run.actions = [...actions, ...applied.done];
          if (next !== current) withCustomer = null;
          current = next;
        } catch (err) {
          run.error = errorText(err);
        }
        matched.push(run);
        done.chain.push(plan.mark);
        if (!run.error && rule.actions.some((a) => a.type === 'stop')) {
          // The rest are not checked, now or after the insert.
          done.chain.push(...plans.slice(i + 1).map((p) => p.mark));
          break;
        }
      }
      done.writes.push(...logWrites(row.id, ctx.clock.now(), unmatched, matched));
      return { ...done, row: current, handOver };
    },
  };
}
