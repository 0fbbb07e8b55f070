CREATE TABLE "sla_calendars" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"definition" jsonb NOT NULL,
	"built_in" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "sla_calendars_name_check" CHECK (length("sla_calendars"."name") BETWEEN 1 AND 100),
	CONSTRAINT "sla_calendars_version_check" CHECK ("sla_calendars"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "sla_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"position" integer NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"condition" jsonb,
	"targets" jsonb NOT NULL,
	"warning" jsonb,
	"escalations" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "sla_policies_name_check" CHECK (length("sla_policies"."name") BETWEEN 1 AND 100),
	CONSTRAINT "sla_policies_version_check" CHECK ("sla_policies"."version" >= 1),
	CONSTRAINT "sla_policies_position_check" CHECK ("sla_policies"."position" >= 0),
	CONSTRAINT "sla_policies_default_check" CHECK (("sla_policies"."is_default" AND "sla_policies"."condition" IS NULL AND "sla_policies"."active") OR (NOT "sla_policies"."is_default" AND "sla_policies"."condition" IS NOT NULL)),
	CONSTRAINT "sla_policies_targets_check" CHECK (jsonb_typeof("sla_policies"."targets") = 'object'),
	CONSTRAINT "sla_policies_escalations_check" CHECK (jsonb_typeof("sla_policies"."escalations") = 'array')
);
--> statement-breakpoint
CREATE UNIQUE INDEX "sla_calendars_name_idx" ON "sla_calendars" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "sla_policies_name_idx" ON "sla_policies" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "sla_policies_one_default_idx" ON "sla_policies" USING btree ("is_default") WHERE "sla_policies"."is_default";--> statement-breakpoint
-- The built-in 24×7 calendar and the default policy, with fixed ids (see sla/schema.ts).
INSERT INTO "sla_calendars" ("id", "name", "definition", "built_in", "version", "created_at", "updated_at") VALUES ('00000000-0000-4000-8000-000000000247', '24×7', '{"timezone":"UTC","week":{"mon":[["00:00","24:00"]],"tue":[["00:00","24:00"]],"wed":[["00:00","24:00"]],"thu":[["00:00","24:00"]],"fri":[["00:00","24:00"]],"sat":[["00:00","24:00"]],"sun":[["00:00","24:00"]]},"holidays":[]}'::jsonb, true, 1, now(), now());--> statement-breakpoint
INSERT INTO "sla_policies" ("id", "name", "description", "position", "is_default", "active", "condition", "targets", "warning", "escalations", "version", "created_at", "updated_at") VALUES ('00000000-0000-4000-8000-0000000000d1', 'Default', 'Applies when no other policy matches', 0, true, true, NULL, '{"urgent":{"firstResponse":{"minutes":60,"calendarId":"00000000-0000-4000-8000-000000000247"},"nextResponse":{"minutes":60,"calendarId":"00000000-0000-4000-8000-000000000247"},"resolution":{"minutes":480,"calendarId":"00000000-0000-4000-8000-000000000247"}},"high":{"firstResponse":{"minutes":240,"calendarId":"00000000-0000-4000-8000-000000000247"},"nextResponse":{"minutes":240,"calendarId":"00000000-0000-4000-8000-000000000247"},"resolution":{"minutes":1440,"calendarId":"00000000-0000-4000-8000-000000000247"}},"normal":{"firstResponse":{"minutes":480,"calendarId":"00000000-0000-4000-8000-000000000247"},"nextResponse":{"minutes":480,"calendarId":"00000000-0000-4000-8000-000000000247"},"resolution":{"minutes":2880,"calendarId":"00000000-0000-4000-8000-000000000247"}},"low":{"firstResponse":{"minutes":1440,"calendarId":"00000000-0000-4000-8000-000000000247"},"nextResponse":{"minutes":1440,"calendarId":"00000000-0000-4000-8000-000000000247"},"resolution":{"minutes":5760,"calendarId":"00000000-0000-4000-8000-000000000247"}}}'::jsonb, '{"percentUsed":80}'::jsonb, '[]'::jsonb, 1, now(), now());
