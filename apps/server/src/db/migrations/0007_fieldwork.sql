CREATE TABLE "activities" (
	"county_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" "ltree" NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"held_on" timestamp with time zone NOT NULL,
	"place" text NOT NULL,
	"organizer" text NOT NULL,
	"member_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"resident_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"other_attendees" integer DEFAULT 0 NOT NULL,
	"minutes" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activities_county_id_id_pk" PRIMARY KEY("county_id","id")
);
--> statement-breakpoint
CREATE TABLE "duty_shifts" (
	"county_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" "ltree" NOT NULL,
	"user_id" uuid,
	"person_name" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"handled" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "duty_shifts_county_id_id_pk" PRIMARY KEY("county_id","id")
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"county_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"visitor_id" uuid NOT NULL,
	"visitor_name" text NOT NULL,
	"household_id" uuid,
	"group_org_id" uuid,
	"org_id" uuid NOT NULL,
	"org_path" "ltree" NOT NULL,
	"visited_at" timestamp with time zone NOT NULL,
	"purpose" text NOT NULL,
	"notes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"follow_up" text,
	"case_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visits_county_id_id_pk" PRIMARY KEY("county_id","id")
);
--> statement-breakpoint
CREATE TABLE "survey_draws" (
	"county_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"level" text NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" "ltree" NOT NULL,
	"title" text NOT NULL,
	"sample_size" integer NOT NULL,
	"strata" jsonb NOT NULL,
	"seed" text NOT NULL,
	"algorithm" text NOT NULL,
	"input_hash" text NOT NULL,
	"household_ids" uuid[] NOT NULL,
	"questions" jsonb NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_draws_county_id_id_pk" PRIMARY KEY("county_id","id")
);
--> statement-breakpoint
CREATE TABLE "survey_responses" (
	"county_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"draw_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"org_path" "ltree" NOT NULL,
	"visitor_id" uuid NOT NULL,
	"answers" jsonb NOT NULL,
	"comment" text,
	"answered_at" timestamp with time zone NOT NULL,
	CONSTRAINT "survey_responses_county_id_id_pk" PRIMARY KEY("county_id","id"),
	CONSTRAINT "survey_responses_household_uq" UNIQUE("county_id","draw_id","household_id")
);
--> statement-breakpoint
CREATE TABLE "sync_receipts" (
	"county_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"type" text NOT NULL,
	"payload_hash" text NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sync_receipts_county_id_id_pk" PRIMARY KEY("county_id","id")
);
--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_org_fk" FOREIGN KEY ("county_id","org_id") REFERENCES "public"."orgs"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_shifts" ADD CONSTRAINT "duty_shifts_org_fk" FOREIGN KEY ("county_id","org_id") REFERENCES "public"."orgs"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_org_fk" FOREIGN KEY ("county_id","org_id") REFERENCES "public"."orgs"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_draws" ADD CONSTRAINT "survey_draws_org_fk" FOREIGN KEY ("county_id","org_id") REFERENCES "public"."orgs"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_draw_fk" FOREIGN KEY ("county_id","draw_id") REFERENCES "public"."survey_draws"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activities_org_path_gist" ON "activities" USING gist ("org_path");--> statement-breakpoint
CREATE INDEX "activities_held_idx" ON "activities" USING btree ("county_id","held_on");--> statement-breakpoint
CREATE INDEX "duty_shifts_org_path_gist" ON "duty_shifts" USING gist ("org_path");--> statement-breakpoint
CREATE INDEX "visits_org_path_gist" ON "visits" USING gist ("org_path");--> statement-breakpoint
CREATE INDEX "visits_household_idx" ON "visits" USING btree ("county_id","household_id","visited_at");--> statement-breakpoint
CREATE INDEX "visits_visitor_idx" ON "visits" USING btree ("county_id","visitor_id","visited_at");--> statement-breakpoint
CREATE INDEX "survey_draws_org_path_gist" ON "survey_draws" USING gist ("org_path");--> statement-breakpoint
CREATE INDEX "survey_responses_org_path_gist" ON "survey_responses" USING gist ("org_path");--> statement-breakpoint
CREATE INDEX "sync_receipts_user_idx" ON "sync_receipts" USING btree ("county_id","user_id","received_at");