CREATE TABLE "grids" (
	"county_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" "ltree" NOT NULL,
	"name" text NOT NULL,
	"code" text NOT NULL,
	"party_group_id" uuid,
	"boundary" jsonb,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grids_county_id_id_pk" PRIMARY KEY("county_id","id"),
	CONSTRAINT "grids_county_code_uq" UNIQUE("county_id","code")
);
--> statement-breakpoint
CREATE TABLE "households" (
	"county_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" "ltree" NOT NULL,
	"grid_id" uuid,
	"address" text NOT NULL,
	"head_name" text NOT NULL,
	"phone" text,
	"visit_tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"note" text,
	"search_text" text NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "households_county_id_id_pk" PRIMARY KEY("county_id","id")
);
--> statement-breakpoint
CREATE TABLE "residents" (
	"county_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"org_path" "ltree" NOT NULL,
	"name" text NOT NULL,
	"search_text" text NOT NULL,
	"gender" text,
	"relation" text NOT NULL,
	"birth_date" date,
	"phone" text,
	"id_enc" text,
	"id_hash" text,
	"sensitive_enc" text,
	"is_head" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "residents_county_id_id_pk" PRIMARY KEY("county_id","id")
);
--> statement-breakpoint
CREATE TABLE "member_positions" (
	"county_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" "ltree" NOT NULL,
	"grid_id" uuid,
	"title" text,
	"started_on" date NOT NULL,
	"ended_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "member_positions_county_id_id_pk" PRIMARY KEY("county_id","id")
);
--> statement-breakpoint
CREATE TABLE "members" (
	"county_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" "ltree" NOT NULL,
	"grid_id" uuid,
	"resident_id" uuid,
	"name" text NOT NULL,
	"search_text" text NOT NULL,
	"gender" text,
	"birth_date" date,
	"phone" text,
	"id_enc" text,
	"id_hash" text,
	"status" text NOT NULL,
	"activist_on" date,
	"admitted_on" date,
	"full_on" date,
	"floating" boolean DEFAULT false NOT NULL,
	"floating_to" text,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "members_county_id_id_pk" PRIMARY KEY("county_id","id")
);
--> statement-breakpoint
CREATE TABLE "bodies" (
	"county_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" "ltree" NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"leader_name" text,
	"leader_phone" text,
	"member_count" integer,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bodies_county_id_id_pk" PRIMARY KEY("county_id","id")
);
--> statement-breakpoint
CREATE TABLE "pairings" (
	"county_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" "ltree" NOT NULL,
	"kind" text NOT NULL,
	"partner_kind" text NOT NULL,
	"partner_org_id" uuid,
	"partner_department_id" uuid,
	"partner_name" text NOT NULL,
	"purpose" text,
	"started_on" date NOT NULL,
	"ended_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pairings_county_id_id_pk" PRIMARY KEY("county_id","id")
);
--> statement-breakpoint
ALTER TABLE "grids" ADD CONSTRAINT "grids_org_fk" FOREIGN KEY ("county_id","org_id") REFERENCES "public"."orgs"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grids" ADD CONSTRAINT "grids_party_group_fk" FOREIGN KEY ("county_id","party_group_id") REFERENCES "public"."orgs"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_org_fk" FOREIGN KEY ("county_id","org_id") REFERENCES "public"."orgs"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_grid_fk" FOREIGN KEY ("county_id","grid_id") REFERENCES "public"."grids"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_household_fk" FOREIGN KEY ("county_id","household_id") REFERENCES "public"."households"("county_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_positions" ADD CONSTRAINT "positions_member_fk" FOREIGN KEY ("county_id","member_id") REFERENCES "public"."members"("county_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_positions" ADD CONSTRAINT "positions_org_fk" FOREIGN KEY ("county_id","org_id") REFERENCES "public"."orgs"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_positions" ADD CONSTRAINT "positions_grid_fk" FOREIGN KEY ("county_id","grid_id") REFERENCES "public"."grids"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_org_fk" FOREIGN KEY ("county_id","org_id") REFERENCES "public"."orgs"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_grid_fk" FOREIGN KEY ("county_id","grid_id") REFERENCES "public"."grids"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_resident_fk" FOREIGN KEY ("county_id","resident_id") REFERENCES "public"."residents"("county_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bodies" ADD CONSTRAINT "bodies_org_fk" FOREIGN KEY ("county_id","org_id") REFERENCES "public"."orgs"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairings" ADD CONSTRAINT "pairings_org_fk" FOREIGN KEY ("county_id","org_id") REFERENCES "public"."orgs"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairings" ADD CONSTRAINT "pairings_partner_org_fk" FOREIGN KEY ("county_id","partner_org_id") REFERENCES "public"."orgs"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairings" ADD CONSTRAINT "pairings_partner_department_fk" FOREIGN KEY ("county_id","partner_department_id") REFERENCES "public"."departments"("county_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "grids_org_path_gist" ON "grids" USING gist ("org_path");--> statement-breakpoint
CREATE INDEX "households_org_path_gist" ON "households" USING gist ("org_path");--> statement-breakpoint
CREATE INDEX "households_grid_idx" ON "households" USING btree ("county_id","grid_id");--> statement-breakpoint
CREATE INDEX "households_tags_gin" ON "households" USING gin ("visit_tags");--> statement-breakpoint
CREATE INDEX "households_search_trgm" ON "households" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "residents_county_id_hash_uq" ON "residents" USING btree ("county_id","id_hash");--> statement-breakpoint
CREATE INDEX "residents_household_idx" ON "residents" USING btree ("county_id","household_id");--> statement-breakpoint
CREATE INDEX "residents_org_path_gist" ON "residents" USING gist ("org_path");--> statement-breakpoint
CREATE INDEX "residents_search_trgm" ON "residents" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "positions_member_idx" ON "member_positions" USING btree ("county_id","member_id");--> statement-breakpoint
CREATE INDEX "positions_grid_idx" ON "member_positions" USING btree ("county_id","grid_id");--> statement-breakpoint
CREATE UNIQUE INDEX "members_county_id_hash_uq" ON "members" USING btree ("county_id","id_hash");--> statement-breakpoint
CREATE INDEX "members_org_path_gist" ON "members" USING gist ("org_path");--> statement-breakpoint
CREATE INDEX "members_search_trgm" ON "members" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "bodies_org_path_gist" ON "bodies" USING gist ("org_path");--> statement-breakpoint
CREATE INDEX "pairings_org_path_gist" ON "pairings" USING gist ("org_path");