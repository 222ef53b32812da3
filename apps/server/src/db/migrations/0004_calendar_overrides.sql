CREATE TABLE "calendar_overrides" (
	"county_id" uuid NOT NULL,
	"day" date NOT NULL,
	"workday" boolean NOT NULL,
	"note" text NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_overrides_county_id_day_pk" PRIMARY KEY("county_id","day")
);
