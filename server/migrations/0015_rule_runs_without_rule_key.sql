ALTER TABLE "rule_runs" DROP CONSTRAINT "rule_runs_rule_id_rules_id_fk";
