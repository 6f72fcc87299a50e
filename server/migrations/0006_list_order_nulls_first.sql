DROP INDEX "events_customer_idx";--> statement-breakpoint
DROP INDEX "customer_notes_customer_idx";--> statement-breakpoint
DROP INDEX "customers_list_idx";--> statement-breakpoint
CREATE INDEX "events_customer_idx" ON "events" USING btree ("org_id","customer_id","occurred_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "customer_notes_customer_idx" ON "customer_notes" USING btree ("org_id","customer_id","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "customers_list_idx" ON "customers" USING btree ("org_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);