CREATE TABLE "display_tokens" (
	"county_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"secret_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by_name" text,
	"last_used_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "display_tokens_county_id_id_pk" PRIMARY KEY("county_id","id")
);
--> statement-breakpoint
CREATE INDEX "display_tokens_hash_idx" ON "display_tokens" USING btree ("county_id","secret_hash");