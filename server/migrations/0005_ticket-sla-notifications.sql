CREATE TABLE "notifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"agent_id" uuid NOT NULL,
	"ticket_id" uuid,
	"kind" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"read_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "ticket_sla" (
	"ticket_id" uuid PRIMARY KEY NOT NULL,
	"policy_id" uuid,
	"priority" text NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"pauses" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"paused_since" timestamp (3) with time zone,
	"first_response_at" timestamp (3) with time zone,
	"waiting_since" timestamp (3) with time zone,
	"resolved_at" timestamp (3) with time zone,
	"first_response_due_at" timestamp (3) with time zone,
	"next_response_due_at" timestamp (3) with time zone,
	"resolution_due_at" timestamp (3) with time zone,
	"first_response_breached" boolean DEFAULT false NOT NULL,
	"next_response_breached" boolean DEFAULT false NOT NULL,
	"resolution_breached" boolean DEFAULT false NOT NULL,
	"resolution_seconds" integer DEFAULT 0 NOT NULL,
	"next_due_at" timestamp (3) with time zone,
	"fired" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"next_check_at" timestamp (3) with time zone,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_sla" ADD CONSTRAINT "ticket_sla_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_sla" ADD CONSTRAINT "ticket_sla_policy_id_sla_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."sla_policies"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_agent_idx" ON "notifications" USING btree ("agent_id","id");--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("agent_id") WHERE "notifications"."read_at" IS NULL;--> statement-breakpoint
CREATE INDEX "ticket_sla_next_check_idx" ON "ticket_sla" USING btree ("next_check_at") WHERE "ticket_sla"."next_check_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "ticket_sla_next_due_idx" ON "ticket_sla" USING btree ("next_due_at") WHERE "ticket_sla"."next_due_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "ticket_sla_policy_idx" ON "ticket_sla" USING btree ("policy_id");