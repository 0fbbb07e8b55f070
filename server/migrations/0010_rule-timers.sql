CREATE TABLE "rule_timers" (
	"rule_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"anchor_at" timestamp (3) with time zone NOT NULL,
	"due_at" timestamp (3) with time zone NOT NULL,
	"fired_at" timestamp (3) with time zone,
	CONSTRAINT "rule_timers_rule_id_ticket_id_anchor_at_pk" PRIMARY KEY("rule_id","ticket_id","anchor_at")
);
--> statement-breakpoint
ALTER TABLE "rule_timers" ADD CONSTRAINT "rule_timers_rule_id_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."rules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_timers" ADD CONSTRAINT "rule_timers_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rule_timers_ticket_idx" ON "rule_timers" USING btree ("ticket_id");