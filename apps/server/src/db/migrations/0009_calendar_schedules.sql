CREATE TABLE "calendar_schedule_days" (
	"county_id" uuid NOT NULL,
	"day" date NOT NULL,
	"year" integer NOT NULL,
	"workday" boolean NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "calendar_schedule_days_county_id_day_pk" PRIMARY KEY("county_id","day")
);
--> statement-breakpoint
CREATE TABLE "calendar_schedules" (
	"county_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"source" text NOT NULL,
	"holidays" integer NOT NULL,
	"workdays" integer NOT NULL,
	"loaded_by" uuid,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_schedules_county_id_year_pk" PRIMARY KEY("county_id","year")
);
--> statement-breakpoint
ALTER TABLE "calendar_schedule_days" ADD CONSTRAINT "calendar_schedule_days_year_fk" FOREIGN KEY ("county_id","year") REFERENCES "public"."calendar_schedules"("county_id","year") ON DELETE cascade ON UPDATE no action;