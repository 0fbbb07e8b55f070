CREATE TABLE "rule_checks" (
	"id" bigint PRIMARY KEY DEFAULT nextval('rule_runs_id_seq') NOT NULL,
	"ticket_id" uuid NOT NULL,
	"trigger" text NOT NULL,
	"rule_ids" uuid[] NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "rule_checks" ADD CONSTRAINT "rule_checks_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rule_checks_ticket_idx" ON "rule_checks" USING btree ("ticket_id","id");--> statement-breakpoint
CREATE INDEX "rule_checks_created_brin" ON "rule_checks" USING brin ("created_at");