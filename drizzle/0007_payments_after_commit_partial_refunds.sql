CREATE TYPE "public"."refund_status" AS ENUM('pending', 'sent');--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "refunded_quantity" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "opened_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "redirect_url" text;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "status" "refund_status" DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "lines" jsonb;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "sent_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "refunds_pending_idx" ON "refunds" USING btree ("created_at") WHERE "refunds"."status" = 'pending';--> statement-breakpoint
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_refunded_within_quantity" CHECK ("order_items"."refunded_quantity" between 0 and "order_items"."quantity");--> statement-breakpoint
-- Before this migration refunds were sent inside their transaction, and intents created in the order's.
UPDATE "refunds" SET "status" = 'sent', "sent_at" = "created_at";--> statement-breakpoint
UPDATE "payments" SET "opened_at" = "created_at", "redirect_url" = '/pay/' || "intent_id" WHERE "provider" = 'simulated';--> statement-breakpoint
UPDATE "payments" SET "opened_at" = "created_at" WHERE "provider" <> 'simulated';--> statement-breakpoint
UPDATE "order_items" oi SET "refunded_quantity" = oi."quantity" FROM "orders" o
WHERE o."id" = oi."order_id" AND o."paid_at" IS NOT NULL AND o."refunded_at" IS NOT NULL;
