CREATE TABLE "evaluation_contests" (
	"county_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"indicator_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"file_id" uuid,
	"linked_entity" text,
	"linked_id" uuid,
	"points_before" numeric(6, 2) NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"filed_by" uuid NOT NULL,
	"filer_name" text NOT NULL,
	"filed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decider_name" text,
	"decided_at" timestamp with time zone,
	"new_points" numeric(6, 2),
	"decision_reason" text,
	CONSTRAINT "evaluation_contests_county_id_id_pk" PRIMARY KEY("county_id","id")
);
--> statement-breakpoint
CREATE TABLE "evaluation_entries" (
	"county_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"indicator_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"kind" text NOT NULL,
	"delta" numeric(6, 2),
	"reason" text NOT NULL,
	"way" text,
	"file_id" uuid,
	"linked_entity" text,
	"linked_id" uuid,
	"created_by" uuid NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" uuid,
	CONSTRAINT "evaluation_entries_county_id_id_pk" PRIMARY KEY("county_id","id")
);
--> statement-breakpoint
CREATE TABLE "evaluation_indicators" (
	"county_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"template_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"code" text NOT NULL,
	"group" text NOT NULL,
	"name" text NOT NULL,
	"criteria" text,
	"max_points" numeric(6, 2) NOT NULL,
	"method" text NOT NULL,
	"metric" text,
	"curve" jsonb,
	"base_points" numeric(6, 2),
	CONSTRAINT "evaluation_indicators_county_id_id_pk" PRIMARY KEY("county_id","id"),
	CONSTRAINT "evaluation_indicators_code_uq" UNIQUE("county_id","template_id","code")
);
--> statement-breakpoint
CREATE TABLE "evaluation_metric_values" (
	"county_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"indicator_id" uuid NOT NULL,
	"metric" text NOT NULL,
	"value" numeric(12, 4),
	"numerator" numeric(14, 2) NOT NULL,
	"denominator" integer NOT NULL,
	"points" numeric(6, 2) NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "evaluation_metric_values_county_id_round_id_org_id_indicator_id_pk" PRIMARY KEY("county_id","round_id","org_id","indicator_id")
);
--> statement-breakpoint
CREATE TABLE "evaluation_rounds" (
	"county_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" "ltree" NOT NULL,
	"templates" jsonb NOT NULL,
	"tiers" text[] DEFAULT '{village}'::text[] NOT NULL,
	"self_starts_on" date,
	"self_ends_on" date,
	"org_starts_on" date,
	"org_ends_on" date,
	"weight_self" integer NOT NULL,
	"weight_mass" integer NOT NULL,
	"weight_org" integer NOT NULL,
	"mass_survey_percent" integer NOT NULL,
	"advanced_quota_percent" integer NOT NULL,
	"grade_advanced_from" numeric(5, 2) NOT NULL,
	"grade_good_from" numeric(5, 2) NOT NULL,
	"grade_average_from" numeric(5, 2) NOT NULL,
	"evaluator_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"snapshot_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"published_by" uuid,
	"publisher_name" text,
	"contest_until" date,
	"finalized_at" timestamp with time zone,
	"finalized_by" uuid,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evaluation_rounds_county_id_id_pk" PRIMARY KEY("county_id","id"),
	CONSTRAINT "evaluation_rounds_scope_year_uq" UNIQUE("county_id","org_id","year")
);
--> statement-breakpoint
CREATE TABLE "evaluation_targets" (
	"county_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" "ltree" NOT NULL,
	"sector" text NOT NULL,
	"template_id" uuid NOT NULL,
	"self_submitted_at" timestamp with time zone,
	"self_submitted_by" uuid,
	"org_submitted_at" timestamp with time zone,
	"org_submitted_by" uuid,
	"self_score" numeric(6, 2),
	"mass_score" numeric(6, 2),
	"org_score" numeric(6, 2),
	"final_score" numeric(6, 2),
	"veto" boolean DEFAULT false NOT NULL,
	"ungradable" text,
	"proposed_grade" text,
	"grade" text,
	"rank" integer,
	"mass_detail" jsonb,
	"computed_at" timestamp with time zone,
	CONSTRAINT "evaluation_targets_county_id_round_id_org_id_pk" PRIMARY KEY("county_id","round_id","org_id")
);
--> statement-breakpoint
CREATE TABLE "evaluation_templates" (
	"county_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"sector" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"based_on_id" uuid,
	"note" text,
	"locked_at" timestamp with time zone,
	"archived_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evaluation_templates_county_id_id_pk" PRIMARY KEY("county_id","id")
);
--> statement-breakpoint
CREATE TABLE "rectification_notes" (
	"county_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"rectification_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"result" text,
	"text" text NOT NULL,
	"file_id" uuid,
	"created_by" uuid NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rectification_notes_county_id_id_pk" PRIMARY KEY("county_id","id")
);
--> statement-breakpoint
CREATE TABLE "rectifications" (
	"county_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" "ltree" NOT NULL,
	"problems" jsonb NOT NULL,
	"measures" jsonb NOT NULL,
	"responsible_name" text NOT NULL,
	"responsible_member_id" uuid,
	"due_on" date NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rectifications_county_id_id_pk" PRIMARY KEY("county_id","id"),
	CONSTRAINT "rectifications_round_org_uq" UNIQUE("county_id","round_id","org_id")
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "rating_source" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "rated_by" uuid;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "rater_path" "ltree";--> statement-breakpoint
ALTER TABLE "evaluation_contests" ADD CONSTRAINT "evaluation_contests_target_fk" FOREIGN KEY ("county_id","round_id","org_id") REFERENCES "public"."evaluation_targets"("county_id","round_id","org_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_contests" ADD CONSTRAINT "evaluation_contests_indicator_fk" FOREIGN KEY ("county_id","indicator_id") REFERENCES "public"."evaluation_indicators"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_entries" ADD CONSTRAINT "evaluation_entries_target_fk" FOREIGN KEY ("county_id","round_id","org_id") REFERENCES "public"."evaluation_targets"("county_id","round_id","org_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_entries" ADD CONSTRAINT "evaluation_entries_indicator_fk" FOREIGN KEY ("county_id","indicator_id") REFERENCES "public"."evaluation_indicators"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_indicators" ADD CONSTRAINT "evaluation_indicators_template_fk" FOREIGN KEY ("county_id","template_id") REFERENCES "public"."evaluation_templates"("county_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_metric_values" ADD CONSTRAINT "evaluation_metric_values_target_fk" FOREIGN KEY ("county_id","round_id","org_id") REFERENCES "public"."evaluation_targets"("county_id","round_id","org_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_rounds" ADD CONSTRAINT "evaluation_rounds_org_fk" FOREIGN KEY ("county_id","org_id") REFERENCES "public"."orgs"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_targets" ADD CONSTRAINT "evaluation_targets_round_fk" FOREIGN KEY ("county_id","round_id") REFERENCES "public"."evaluation_rounds"("county_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_targets" ADD CONSTRAINT "evaluation_targets_org_fk" FOREIGN KEY ("county_id","org_id") REFERENCES "public"."orgs"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_targets" ADD CONSTRAINT "evaluation_targets_template_fk" FOREIGN KEY ("county_id","template_id") REFERENCES "public"."evaluation_templates"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_templates" ADD CONSTRAINT "evaluation_templates_based_on_fk" FOREIGN KEY ("county_id","based_on_id") REFERENCES "public"."evaluation_templates"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_notes" ADD CONSTRAINT "rectification_notes_fk" FOREIGN KEY ("county_id","rectification_id") REFERENCES "public"."rectifications"("county_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectifications" ADD CONSTRAINT "rectifications_target_fk" FOREIGN KEY ("county_id","round_id","org_id") REFERENCES "public"."evaluation_targets"("county_id","round_id","org_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evaluation_contests_round_idx" ON "evaluation_contests" USING btree ("county_id","round_id","state");--> statement-breakpoint
CREATE INDEX "evaluation_entries_target_idx" ON "evaluation_entries" USING btree ("county_id","round_id","org_id","indicator_id");--> statement-breakpoint
CREATE INDEX "evaluation_targets_org_idx" ON "evaluation_targets" USING btree ("county_id","org_id");--> statement-breakpoint
CREATE INDEX "evaluation_targets_path_gist" ON "evaluation_targets" USING gist ("org_path");--> statement-breakpoint
CREATE INDEX "rectification_notes_idx" ON "rectification_notes" USING btree ("county_id","rectification_id","created_at");--> statement-breakpoint
CREATE INDEX "rectifications_path_gist" ON "rectifications" USING gist ("org_path");--> statement-breakpoint
-- ratings given before this migration: the source from the 'rated' event (no actor: the resident on the portal),
-- the recording account's org path for a callback
UPDATE "cases" c SET "rating_source" = CASE WHEN e."actor_id" IS NULL THEN 'resident' ELSE 'callback' END, "rated_by" = e."actor_id",
  "rater_path" = (SELECT o."path" FROM "users" u JOIN "orgs" o ON o."county_id" = u."county_id" AND o."id" = u."org_id"
                  WHERE u."county_id" = c."county_id" AND u."id" = e."actor_id")
FROM "case_events" e
WHERE e."county_id" = c."county_id" AND e."case_id" = c."id" AND e."kind" = 'rated' AND c."rating" IS NOT NULL;
