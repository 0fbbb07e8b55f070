ALTER TABLE "rules" ADD COLUMN "shipped_key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "rules_shipped_key_idx" ON "rules" USING btree ("shipped_key");