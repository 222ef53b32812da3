CREATE TABLE "files" (
	"county_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"entity" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"name" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"data" "bytea" NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "files_county_id_id_pk" PRIMARY KEY("county_id","id")
);
--> statement-breakpoint
CREATE TABLE "accountability_records" (
	"county_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"responsible_user_id" uuid,
	"owner_tier" text NOT NULL,
	"owner_org_id" uuid,
	"owner_department_id" uuid,
	"org_path" "ltree" NOT NULL,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"reason" text,
	CONSTRAINT "accountability_records_county_id_id_pk" PRIMARY KEY("county_id","id"),
	CONSTRAINT "accountability_case_due_uq" UNIQUE("county_id","case_id","kind","due_at")
);
--> statement-breakpoint
CREATE TABLE "case_counters" (
	"county_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"next" integer NOT NULL,
	CONSTRAINT "case_counters_county_id_year_pk" PRIMARY KEY("county_id","year")
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"county_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"from_state" text,
	"to_state" text,
	"note" text,
	"detail" jsonb,
	CONSTRAINT "case_events_county_id_id_pk" PRIMARY KEY("county_id","id")
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"county_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"number" text NOT NULL,
	"tracking_code" text NOT NULL,
	"item_id" uuid,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"channel" text NOT NULL,
	"field_report_kind" text,
	"household_id" uuid,
	"resident_id" uuid,
	"grid_id" uuid,
	"org_id" uuid NOT NULL,
	"org_path" "ltree" NOT NULL,
	"requester_name" text,
	"requester_phone" text,
	"address" text,
	"lat" double precision,
	"lon" double precision,
	"state" text NOT NULL,
	"owner_tier" text NOT NULL,
	"owner_org_id" uuid,
	"owner_department_id" uuid,
	"owner_path" "ltree",
	"department_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"first_responder_id" uuid,
	"received_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"paused_since" timestamp with time zone,
	"mode" text,
	"reply" text,
	"replied_at" timestamp with time zone,
	"rating" smallint,
	"rating_comment" text,
	"rated_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"forwards" integer DEFAULT 0 NOT NULL,
	"trips" integer DEFAULT 0 NOT NULL,
	"due_soon_at" timestamp with time zone,
	"overdue_at" timestamp with time zone,
	"escalation" smallint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cases_county_id_id_pk" PRIMARY KEY("county_id","id"),
	CONSTRAINT "cases_county_number_uq" UNIQUE("county_id","number"),
	CONSTRAINT "cases_county_tracking_uq" UNIQUE("county_id","tracking_code")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"county_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"org_id" uuid,
	"department_id" uuid,
	"case_id" uuid,
	"whistle_id" uuid,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notifications_county_id_id_pk" PRIMARY KEY("county_id","id")
);
--> statement-breakpoint
CREATE TABLE "tracking_codes" (
	"code" text PRIMARY KEY NOT NULL,
	"county_id" uuid NOT NULL,
	"case_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "whistle_cases" (
	"county_id" uuid NOT NULL,
	"whistle_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	CONSTRAINT "whistle_cases_county_id_whistle_id_case_id_pk" PRIMARY KEY("county_id","whistle_id","case_id")
);
--> statement-breakpoint
CREATE TABLE "whistle_reports" (
	"county_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"whistle_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"arrived_at" timestamp with time zone,
	"reported_at" timestamp with time zone,
	"result" text,
	"reported_by" uuid,
	CONSTRAINT "whistle_reports_county_id_id_pk" PRIMARY KEY("county_id","id"),
	CONSTRAINT "whistle_reports_department_uq" UNIQUE("county_id","whistle_id","department_id")
);
--> statement-breakpoint
CREATE TABLE "whistles" (
	"county_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"number" text NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" "ltree" NOT NULL,
	"title" text NOT NULL,
	"place" text NOT NULL,
	"description" text NOT NULL,
	"report_hours" integer NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"summary" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "whistles_county_id_id_pk" PRIMARY KEY("county_id","id"),
	CONSTRAINT "whistles_county_number_uq" UNIQUE("county_id","number")
);
--> statement-breakpoint
ALTER TABLE "accountability_records" ADD CONSTRAINT "accountability_case_fk" FOREIGN KEY ("county_id","case_id") REFERENCES "public"."cases"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_fk" FOREIGN KEY ("county_id","case_id") REFERENCES "public"."cases"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_org_fk" FOREIGN KEY ("county_id","org_id") REFERENCES "public"."orgs"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_owner_org_fk" FOREIGN KEY ("county_id","owner_org_id") REFERENCES "public"."orgs"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_owner_department_fk" FOREIGN KEY ("county_id","owner_department_id") REFERENCES "public"."departments"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_item_fk" FOREIGN KEY ("county_id","item_id") REFERENCES "public"."service_items"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whistle_cases" ADD CONSTRAINT "whistle_cases_whistle_fk" FOREIGN KEY ("county_id","whistle_id") REFERENCES "public"."whistles"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whistle_cases" ADD CONSTRAINT "whistle_cases_case_fk" FOREIGN KEY ("county_id","case_id") REFERENCES "public"."cases"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whistle_reports" ADD CONSTRAINT "whistle_reports_whistle_fk" FOREIGN KEY ("county_id","whistle_id") REFERENCES "public"."whistles"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whistle_reports" ADD CONSTRAINT "whistle_reports_department_fk" FOREIGN KEY ("county_id","department_id") REFERENCES "public"."departments"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whistles" ADD CONSTRAINT "whistles_org_fk" FOREIGN KEY ("county_id","org_id") REFERENCES "public"."orgs"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "files_entity_idx" ON "files" USING btree ("county_id","entity","entity_id");--> statement-breakpoint
CREATE INDEX "accountability_org_path_gist" ON "accountability_records" USING gist ("org_path");--> statement-breakpoint
CREATE INDEX "case_events_case_idx" ON "case_events" USING btree ("county_id","case_id","at");--> statement-breakpoint
CREATE INDEX "cases_org_path_gist" ON "cases" USING gist ("org_path");--> statement-breakpoint
CREATE INDEX "cases_owner_path_gist" ON "cases" USING gist ("owner_path");--> statement-breakpoint
CREATE INDEX "cases_departments_gin" ON "cases" USING gin ("department_ids");--> statement-breakpoint
CREATE INDEX "cases_received_idx" ON "cases" USING btree ("county_id","received_at");--> statement-breakpoint
CREATE INDEX "cases_overdue_watch_idx" ON "cases" USING btree ("county_id","due_at") WHERE state in ('received', 'inProgress') and overdue_at is null;--> statement-breakpoint
CREATE INDEX "cases_due_soon_watch_idx" ON "cases" USING btree ("county_id","due_at") WHERE state in ('received', 'inProgress') and due_soon_at is null;--> statement-breakpoint
CREATE INDEX "cases_household_idx" ON "cases" USING btree ("county_id","household_id");--> statement-breakpoint
CREATE INDEX "cases_text_trgm" ON "cases" USING gin ("description" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "notifications_org_idx" ON "notifications" USING btree ("county_id","org_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_department_idx" ON "notifications" USING btree ("county_id","department_id","created_at");--> statement-breakpoint
CREATE INDEX "whistle_reports_department_idx" ON "whistle_reports" USING btree ("county_id","department_id");--> statement-breakpoint
CREATE INDEX "whistles_org_path_gist" ON "whistles" USING gist ("org_path");