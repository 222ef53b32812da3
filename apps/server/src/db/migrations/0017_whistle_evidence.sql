ALTER TABLE "whistle_reports" ADD COLUMN "acknowledge_note" text;--> statement-breakpoint
ALTER TABLE "whistle_reports" ADD COLUMN "arrive_note" text;