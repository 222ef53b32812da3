CREATE TABLE "commitment_notes" (
	"county_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"commitment_id" uuid NOT NULL,
	"noted_on" date NOT NULL,
	"text" text NOT NULL,
	"created_by" uuid NOT NULL,
	"author_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "commitment_notes_county_id_id_pk" PRIMARY KEY("county_id","id")
);
--> statement-breakpoint
CREATE TABLE "commitments" (
	"county_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"year" integer NOT NULL,
	"member_id" uuid,
	"org_id" uuid NOT NULL,
	"org_path" "ltree" NOT NULL,
	"items" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"public" boolean DEFAULT true NOT NULL,
	"assessment" text,
	"assessment_note" text,
	"assessed_by" uuid,
	"assessor_name" text,
	"assessed_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "commitments_county_id_id_pk" PRIMARY KEY("county_id","id")
);
--> statement-breakpoint
CREATE TABLE "duties" (
	"county_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"member_id" uuid NOT NULL,
	"position_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" "ltree" NOT NULL,
	"reported_on" date,
	"to_upper" boolean,
	"to_assembly" boolean,
	"review_good" integer,
	"review_fairly_good" integer,
	"review_average" integer,
	"review_poor" integer,
	"upper_comment" text,
	"contact_org_id" uuid,
	"contact_org_path" "ltree",
	"note" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "duties_county_id_id_pk" PRIMARY KEY("county_id","id")
);
--> statement-breakpoint
CREATE TABLE "member_activations" (
	"county_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "member_activations_county_id_user_id_pk" PRIMARY KEY("county_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "member_posts" (
	"county_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" "ltree" NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"area" text,
	"household_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"started_on" date NOT NULL,
	"ended_on" date,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "member_posts_county_id_id_pk" PRIMARY KEY("county_id","id")
);
--> statement-breakpoint
CREATE TABLE "programme_targets" (
	"county_id" uuid NOT NULL,
	"line" text NOT NULL,
	"target" integer NOT NULL,
	"starts_on" date NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programme_targets_county_id_line_pk" PRIMARY KEY("county_id","line")
);
--> statement-breakpoint
CREATE TABLE "training_attendances" (
	"county_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"member_org_path" "ltree" NOT NULL,
	"completed" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_attendances_county_id_course_id_member_id_pk" PRIMARY KEY("county_id","course_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "training_courses" (
	"county_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" "ltree" NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"hours" numeric(6, 1) NOT NULL,
	"place" text,
	"note" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_courses_county_id_id_pk" PRIMARY KEY("county_id","id")
);
--> statement-breakpoint
CREATE TABLE "volunteer_records" (
	"county_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"member_org_path" "ltree" NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" "ltree" NOT NULL,
	"pairing_id" uuid,
	"activity_id" uuid,
	"served_on" date NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"minutes" integer NOT NULL,
	"place" text NOT NULL,
	"content" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"source" text NOT NULL,
	"corrects_id" uuid,
	"reviewed_by" uuid,
	"reviewer_name" text,
	"reviewed_at" timestamp with time zone,
	"reject_reason" text,
	"created_by" uuid NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_records_county_id_id_pk" PRIMARY KEY("county_id","id")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "member_id" uuid;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "organizer_member_id" uuid;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "pairing_id" uuid;--> statement-breakpoint
ALTER TABLE "commitment_notes" ADD CONSTRAINT "commitment_notes_fk" FOREIGN KEY ("county_id","commitment_id") REFERENCES "public"."commitments"("county_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_member_fk" FOREIGN KEY ("county_id","member_id") REFERENCES "public"."members"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_org_fk" FOREIGN KEY ("county_id","org_id") REFERENCES "public"."orgs"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duties" ADD CONSTRAINT "duties_member_fk" FOREIGN KEY ("county_id","member_id") REFERENCES "public"."members"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duties" ADD CONSTRAINT "duties_position_fk" FOREIGN KEY ("county_id","position_id") REFERENCES "public"."member_positions"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duties" ADD CONSTRAINT "duties_org_fk" FOREIGN KEY ("county_id","org_id") REFERENCES "public"."orgs"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duties" ADD CONSTRAINT "duties_contact_org_fk" FOREIGN KEY ("county_id","contact_org_id") REFERENCES "public"."orgs"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_posts" ADD CONSTRAINT "member_posts_member_fk" FOREIGN KEY ("county_id","member_id") REFERENCES "public"."members"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_posts" ADD CONSTRAINT "member_posts_org_fk" FOREIGN KEY ("county_id","org_id") REFERENCES "public"."orgs"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attendances" ADD CONSTRAINT "attendance_course_fk" FOREIGN KEY ("county_id","course_id") REFERENCES "public"."training_courses"("county_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attendances" ADD CONSTRAINT "attendance_member_fk" FOREIGN KEY ("county_id","member_id") REFERENCES "public"."members"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_courses" ADD CONSTRAINT "training_org_fk" FOREIGN KEY ("county_id","org_id") REFERENCES "public"."orgs"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_records" ADD CONSTRAINT "volunteer_member_fk" FOREIGN KEY ("county_id","member_id") REFERENCES "public"."members"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_records" ADD CONSTRAINT "volunteer_org_fk" FOREIGN KEY ("county_id","org_id") REFERENCES "public"."orgs"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_records" ADD CONSTRAINT "volunteer_pairing_fk" FOREIGN KEY ("county_id","pairing_id") REFERENCES "public"."pairings"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_records" ADD CONSTRAINT "volunteer_corrects_fk" FOREIGN KEY ("county_id","corrects_id") REFERENCES "public"."volunteer_records"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "commitment_notes_idx" ON "commitment_notes" USING btree ("county_id","commitment_id");--> statement-breakpoint
CREATE INDEX "commitments_org_path_gist" ON "commitments" USING gist ("org_path");--> statement-breakpoint
CREATE INDEX "commitments_member_idx" ON "commitments" USING btree ("county_id","member_id","year");--> statement-breakpoint
CREATE INDEX "duties_member_year_idx" ON "duties" USING btree ("county_id","member_id","year","kind");--> statement-breakpoint
CREATE INDEX "duties_org_path_gist" ON "duties" USING gist ("org_path");--> statement-breakpoint
CREATE INDEX "member_posts_org_path_gist" ON "member_posts" USING gist ("org_path");--> statement-breakpoint
CREATE INDEX "member_posts_member_idx" ON "member_posts" USING btree ("county_id","member_id");--> statement-breakpoint
CREATE INDEX "attendance_member_idx" ON "training_attendances" USING btree ("county_id","member_id");--> statement-breakpoint
CREATE INDEX "training_org_path_gist" ON "training_courses" USING gist ("org_path");--> statement-breakpoint
CREATE INDEX "training_kind_idx" ON "training_courses" USING btree ("county_id","kind","ends_on");--> statement-breakpoint
CREATE INDEX "volunteer_member_idx" ON "volunteer_records" USING btree ("county_id","member_id","served_on");--> statement-breakpoint
CREATE INDEX "volunteer_org_path_gist" ON "volunteer_records" USING gist ("org_path");--> statement-breakpoint
CREATE INDEX "volunteer_member_org_path_gist" ON "volunteer_records" USING gist ("member_org_path");--> statement-breakpoint
CREATE INDEX "volunteer_state_idx" ON "volunteer_records" USING btree ("county_id","state","served_on");--> statement-breakpoint
CREATE INDEX "volunteer_corrects_idx" ON "volunteer_records" USING btree ("county_id","corrects_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_member_uq" ON "users" USING btree ("county_id","member_id");--> statement-breakpoint
CREATE INDEX "activities_organizer_member_idx" ON "activities" USING btree ("county_id","organizer_member_id","held_on");--> statement-breakpoint
CREATE INDEX "activities_pairing_idx" ON "activities" USING btree ("county_id","pairing_id","held_on");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_member_bound" CHECK (("users"."role" = 'member') = ("users"."member_id" is not null));--> statement-breakpoint
-- hand-written: the foreign keys drizzle cannot declare without platform/auth importing a feature module
ALTER TABLE "users" ADD CONSTRAINT "users_member_fk" FOREIGN KEY ("county_id","member_id") REFERENCES "public"."members"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_organizer_member_fk" FOREIGN KEY ("county_id","organizer_member_id") REFERENCES "public"."members"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_pairing_fk" FOREIGN KEY ("county_id","pairing_id") REFERENCES "public"."pairings"("county_id","id") ON DELETE no action ON UPDATE no action;
