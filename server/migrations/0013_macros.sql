CREATE TABLE "macros" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"actions" jsonb NOT NULL,
	"shared" boolean DEFAULT false NOT NULL,
	"owner_agent_id" uuid,
	"created_by" uuid,
	"department_id" uuid,
	"usage_count" integer DEFAULT 0 NOT NULL,
	"last_used_at" timestamp (3) with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "macros_name_check" CHECK (length("macros"."name") BETWEEN 1 AND 100),
	CONSTRAINT "macros_version_check" CHECK ("macros"."version" >= 1),
	CONSTRAINT "macros_owner_check" CHECK ("macros"."shared" = ("macros"."owner_agent_id" IS NULL))
);
--> statement-breakpoint
ALTER TABLE "macros" ADD CONSTRAINT "macros_owner_agent_id_agents_id_fk" FOREIGN KEY ("owner_agent_id") REFERENCES "public"."agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "macros" ADD CONSTRAINT "macros_created_by_agents_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."agents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "macros" ADD CONSTRAINT "macros_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "macros_shared_name_idx" ON "macros" USING btree (lower("name")) WHERE "macros"."shared";--> statement-breakpoint
CREATE UNIQUE INDEX "macros_personal_name_idx" ON "macros" USING btree ("owner_agent_id",lower("name")) WHERE NOT "macros"."shared";--> statement-breakpoint
CREATE INDEX "macros_owner_idx" ON "macros" USING btree ("owner_agent_id");