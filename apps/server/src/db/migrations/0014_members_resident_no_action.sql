ALTER TABLE "members" DROP CONSTRAINT "members_resident_fk";
--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_resident_fk" FOREIGN KEY ("county_id","resident_id") REFERENCES "public"."residents"("county_id","id") ON DELETE no action ON UPDATE no action;