CREATE TABLE "views" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"condition" jsonb NOT NULL,
	"columns" text[] DEFAULT '{}'::text[] NOT NULL,
	"sort" text DEFAULT '-updatedAt' NOT NULL,
	"owner_agent_id" uuid NOT NULL,
	"shared" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "views_name_check" CHECK (length("views"."name") BETWEEN 1 AND 100)
);
--> statement-breakpoint
ALTER TABLE "views" ADD CONSTRAINT "views_owner_agent_id_agents_id_fk" FOREIGN KEY ("owner_agent_id") REFERENCES "public"."agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "views_owner_idx" ON "views" USING btree ("owner_agent_id");--> statement-breakpoint
CREATE INDEX "views_shared_idx" ON "views" USING btree ("shared") WHERE "views"."shared";