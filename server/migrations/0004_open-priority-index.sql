DROP INDEX "tickets_open_updated_idx";--> statement-breakpoint
CREATE INDEX "tickets_open_priority_idx" ON "tickets" USING btree ("is_open","priority_rank","updated_at","id");