CREATE TABLE "organisation_slots" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"kind" text NOT NULL,
	"instance_id" text NOT NULL,
	"acquired_at" text NOT NULL,
	"expires_at" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organisation_slots" ADD CONSTRAINT "organisation_slots_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "organisation_slots_organisation" ON "organisation_slots" USING btree ("organisation_id","kind","expires_at");