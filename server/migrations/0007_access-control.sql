CREATE TABLE "department_members" (
	"department_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	CONSTRAINT "department_members_department_id_agent_id_pk" PRIMARY KEY("department_id","agent_id")
);
--> statement-breakpoint
CREATE TABLE "profiles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"ticket_reach" text NOT NULL,
	"permissions" jsonb NOT NULL,
	"field_access" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "profiles_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "role_profiles" (
	"role_id" uuid NOT NULL,
	"profile_id" uuid NOT NULL,
	CONSTRAINT "role_profiles_role_id_profile_id_pk" PRIMARY KEY("role_id","profile_id")
);
--> statement-breakpoint
CREATE TABLE "roles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"parent_id" uuid,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "roles_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "sharing_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" serial NOT NULL,
	"source_type" text NOT NULL,
	"source_id" uuid NOT NULL,
	"target_type" text NOT NULL,
	"target_id" uuid NOT NULL,
	"access" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "sharing_rules_number_unique" UNIQUE("number"),
	CONSTRAINT "sharing_rules_source_type" CHECK ("sharing_rules"."source_type" IN ('agent','group','department','role_and_subordinates')),
	CONSTRAINT "sharing_rules_target_type" CHECK ("sharing_rules"."target_type" IN ('agent','group','department','role','role_and_subordinates')),
	CONSTRAINT "sharing_rules_access" CHECK ("sharing_rules"."access" IN ('read','read_write'))
);
--> statement-breakpoint
CREATE TABLE "ticket_team" (
	"ticket_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"access" text NOT NULL,
	"added_by" uuid,
	"added_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "ticket_team_ticket_id_agent_id_pk" PRIMARY KEY("ticket_id","agent_id"),
	CONSTRAINT "ticket_team_access" CHECK ("ticket_team"."access" IN ('read','read_write'))
);
--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "role_id" uuid DEFAULT '00000000-0000-4000-8000-0000000000b3'::uuid NOT NULL;--> statement-breakpoint
ALTER TABLE "departments" ADD COLUMN "parent_id" uuid;--> statement-breakpoint
ALTER TABLE "departments" ADD COLUMN "head_agent_id" uuid;--> statement-breakpoint
ALTER TABLE "department_members" ADD CONSTRAINT "department_members_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "department_members" ADD CONSTRAINT "department_members_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_profiles" ADD CONSTRAINT "role_profiles_role_id_roles_id_fk" FOREIGN KEY ("role_id") REFERENCES "public"."roles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_profiles" ADD CONSTRAINT "role_profiles_profile_id_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."profiles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roles" ADD CONSTRAINT "roles_parent_id_roles_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."roles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_team" ADD CONSTRAINT "ticket_team_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_team" ADD CONSTRAINT "ticket_team_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "department_members_agent_idx" ON "department_members" USING btree ("agent_id");--> statement-breakpoint
CREATE INDEX "role_profiles_profile_idx" ON "role_profiles" USING btree ("profile_id");--> statement-breakpoint
CREATE INDEX "roles_parent_idx" ON "roles" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "ticket_team_agent_idx" ON "ticket_team" USING btree ("agent_id","ticket_id");--> statement-breakpoint
INSERT INTO "profiles" ("id", "name", "description", "ticket_reach", "permissions", "field_access", "created_at", "updated_at") VALUES ('00000000-0000-4000-8000-0000000000a1', 'Administrator', 'Every ticket and every action', 'all', '{"tickets":["view","create","edit","delete","export"],"contacts":["view","create","edit","delete","export"],"organizations":["view","create","edit","delete","export"],"products":["view","create","edit","delete","export"],"knowledge_base":["view","create","edit","delete","export"],"reports":["view","create","edit","delete","export"],"settings":["view","create","edit","delete","export"]}'::jsonb, '{}'::jsonb, now(), now());--> statement-breakpoint
INSERT INTO "profiles" ("id", "name", "description", "ticket_reach", "permissions", "field_access", "created_at", "updated_at") VALUES ('00000000-0000-4000-8000-0000000000a2', 'Support manager', 'The tickets of my departments, with every ticket action', 'departments', '{"tickets":["view","create","edit","delete","export"],"contacts":["view","create","edit","delete","export"],"organizations":["view","create","edit","delete","export"],"products":["view","create","edit"],"knowledge_base":["view","create","edit","delete","export"],"reports":["view","export"],"settings":["view"]}'::jsonb, '{}'::jsonb, now(), now());--> statement-breakpoint
INSERT INTO "profiles" ("id", "name", "description", "ticket_reach", "permissions", "field_access", "created_at", "updated_at") VALUES ('00000000-0000-4000-8000-0000000000a3', 'Agent', 'My own, my groups'' and my subordinates'' tickets, team-member and shared tickets', 'rules', '{"tickets":["view","create","edit"],"contacts":["view","create","edit"],"organizations":["view","create","edit"],"products":["view"],"knowledge_base":["view","create","edit"]}'::jsonb, '{}'::jsonb, now(), now());--> statement-breakpoint
INSERT INTO "profiles" ("id", "name", "description", "ticket_reach", "permissions", "field_access", "created_at", "updated_at") VALUES ('00000000-0000-4000-8000-0000000000a4', 'Read-only', 'Sees every ticket, changes nothing', 'all', '{"tickets":["view"],"contacts":["view"],"organizations":["view"],"products":["view"],"knowledge_base":["view"],"reports":["view"]}'::jsonb, '{}'::jsonb, now(), now());--> statement-breakpoint
INSERT INTO "roles" ("id", "name", "parent_id", "created_at") VALUES ('00000000-0000-4000-8000-0000000000b1', 'Administrator', NULL, now());--> statement-breakpoint
INSERT INTO "role_profiles" ("role_id", "profile_id") VALUES ('00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-0000000000a1');--> statement-breakpoint
INSERT INTO "roles" ("id", "name", "parent_id", "created_at") VALUES ('00000000-0000-4000-8000-0000000000b2', 'Support manager', '00000000-0000-4000-8000-0000000000b1', now());--> statement-breakpoint
INSERT INTO "role_profiles" ("role_id", "profile_id") VALUES ('00000000-0000-4000-8000-0000000000b2', '00000000-0000-4000-8000-0000000000a2');--> statement-breakpoint
INSERT INTO "roles" ("id", "name", "parent_id", "created_at") VALUES ('00000000-0000-4000-8000-0000000000b3', 'Agent', '00000000-0000-4000-8000-0000000000b2', now());--> statement-breakpoint
INSERT INTO "role_profiles" ("role_id", "profile_id") VALUES ('00000000-0000-4000-8000-0000000000b3', '00000000-0000-4000-8000-0000000000a3');--> statement-breakpoint
UPDATE "agents" SET "role_id" = '00000000-0000-4000-8000-0000000000b1' WHERE "admin";--> statement-breakpoint
ALTER TABLE "agents" ADD CONSTRAINT "agents_role_id_roles_id_fk" FOREIGN KEY ("role_id") REFERENCES "public"."roles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "departments" ADD CONSTRAINT "departments_parent_id_departments_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "departments" ADD CONSTRAINT "departments_head_agent_id_agents_id_fk" FOREIGN KEY ("head_agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agents_role_idx" ON "agents" USING btree ("role_id");