-- Runs logged before 0016 without a match become checks (one per change), as new ones are.
INSERT INTO "rule_checks" ("id", "ticket_id", "trigger", "rule_ids", "created_at")
  SELECT min(r."id"), r."ticket_id", r."trigger", array_agg(r."rule_id" ORDER BY r."id"), r."created_at"
    FROM "rule_runs" r
   WHERE NOT r."matched"
   GROUP BY r."ticket_id", r."trigger", r."created_at";--> statement-breakpoint
DELETE FROM "rule_runs" WHERE NOT "matched";--> statement-breakpoint
DROP INDEX "rule_runs_matched_idx";
