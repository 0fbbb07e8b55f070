// Workflow and routing rules (W1, R1): when a ticket is created, changed, replied to or its SLA
// warns or breaches, and a condition holds, ordered actions run in the change's transaction. Rules
// on `created` are the routing rules. Notifications and webhooks a rule asks for travel in its
// `rule_applied` event to their modules, after commit.

export { ruleShaper } from './before-create.ts';
export { type DryRunChange, previewActions } from './dry-run.ts';
export { renderTemplate, ruleSubscriber, updateOf } from './engine.ts';
export { ruleRoutes } from './routes.ts';
export { MACRO_ACTION_TYPES, type RuleAction } from './rule-shapes.ts';
export {
  checkActionList,
  createRule,
  createRulesCache,
  KEEP_RULE_RUNS_MS,
  listRules,
  pruneRuleRuns,
  RULES_CHANNEL,
  type RulesCache,
  updateRule,
} from './rules.ts';
export { ruleChecks, ruleRuns, rules } from './schema.ts';
export { ensureShippedRules, SHIPPED_RULES } from './shipped-rules.ts';
export { RULE_TIMERS_EVERY_MS, RULE_TIMERS_TOPIC, scanRuleTimers } from './timers.ts';
