ALTER TABLE "agents" ADD COLUMN "signature" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "departments" ADD COLUMN "signature" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "ticket_messages" ADD COLUMN "body_html" text;--> statement-breakpoint
ALTER TABLE "ticket_messages" ADD COLUMN "cc" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "ticket_messages" ADD COLUMN "bcc" text[] DEFAULT '{}'::text[] NOT NULL;