CREATE TABLE "service_items" (
	"county_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"tier" text NOT NULL,
	"department_id" uuid,
	"handler" text,
	"contact_phone" text,
	"conditions" text,
	"materials" text[] DEFAULT '{}'::text[] NOT NULL,
	"steps" text[] DEFAULT '{}'::text[] NOT NULL,
	"promised_days" integer NOT NULL,
	"basis" text,
	"published" boolean DEFAULT false NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_items_county_id_id_pk" PRIMARY KEY("county_id","id"),
	CONSTRAINT "service_items_county_code_uq" UNIQUE("county_id","code")
);
--> statement-breakpoint
ALTER TABLE "service_items" ADD CONSTRAINT "service_items_department_fk" FOREIGN KEY ("county_id","department_id") REFERENCES "public"."departments"("county_id","id") ON DELETE no action ON UPDATE no action;