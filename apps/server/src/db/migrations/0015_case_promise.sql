ALTER TABLE "cases" ADD COLUMN "promised_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "handling_mode" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "materials_received" text[] DEFAULT '{}'::text[] NOT NULL;
--> statement-breakpoint
-- rows before this migration: the promise is taken to be the deadline they had (the receipt said that date)
UPDATE "cases" SET "promised_at" = "due_at" WHERE "promised_at" IS NULL;
