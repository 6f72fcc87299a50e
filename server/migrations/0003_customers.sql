CREATE TABLE "custom_fields" (
	"org_id" uuid NOT NULL,
	"key" text NOT NULL,
	"label" text NOT NULL,
	"type" text NOT NULL,
	"options" text[] DEFAULT '{}' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "custom_fields_org_id_key_pk" PRIMARY KEY("org_id","key")
);
--> statement-breakpoint
ALTER TABLE "custom_fields" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "customer_identities" (
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"value" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_identities_org_id_kind_value_pk" PRIMARY KEY("org_id","kind","value")
);
--> statement-breakpoint
ALTER TABLE "customer_identities" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "customer_merges" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"survivor_id" uuid NOT NULL,
	"merged_id" uuid NOT NULL,
	"fields" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"actor_type" text,
	"actor_id" uuid,
	"actor_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_merges_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "customer_merges" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "customer_notes" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"body" text NOT NULL,
	"author_type" text,
	"author_id" uuid,
	"author_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_notes_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "customer_notes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "customers" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"merged_into" uuid,
	"first_name" text,
	"last_name" text,
	"name_key" text DEFAULT '' NOT NULL,
	"phone" text,
	"email" "citext",
	"birth_year" smallint,
	"birth_month" smallint,
	"birth_day" smallint,
	"gender" text,
	"city" text,
	"district" text,
	"preferred_store_id" uuid,
	"size_top" text,
	"size_bottom" text,
	"size_shoe" text,
	"colours" text[] DEFAULT '{}' NOT NULL,
	"styles" text[] DEFAULT '{}' NOT NULL,
	"tags" text[] DEFAULT '{}' NOT NULL,
	"custom" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_via" text NOT NULL,
	"created_store_id" uuid,
	"created_by_type" text,
	"created_by_id" uuid,
	"created_by_name" text,
	"consent_recorded_at" timestamp with time zone,
	"quality_score" smallint DEFAULT 0 NOT NULL,
	"quality_issues" text[] DEFAULT '{}' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_activity_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customers_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "customers" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "duplicate_candidates" (
	"org_id" uuid NOT NULL,
	"customer_a" uuid NOT NULL,
	"customer_b" uuid NOT NULL,
	"score" smallint NOT NULL,
	"reasons" text[] NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"detected_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid,
	CONSTRAINT "duplicate_candidates_org_id_customer_a_customer_b_pk" PRIMARY KEY("org_id","customer_a","customer_b")
);
--> statement-breakpoint
ALTER TABLE "duplicate_candidates" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "custom_fields" ADD CONSTRAINT "custom_fields_org_id_orgs_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("org_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_identities" ADD CONSTRAINT "customer_identities_org_id_customer_id_customers_org_id_id_fk" FOREIGN KEY ("org_id","customer_id") REFERENCES "public"."customers"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_notes" ADD CONSTRAINT "customer_notes_org_id_customer_id_customers_org_id_id_fk" FOREIGN KEY ("org_id","customer_id") REFERENCES "public"."customers"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_org_id_orgs_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("org_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customer_identities_customer_idx" ON "customer_identities" USING btree ("org_id","customer_id");--> statement-breakpoint
CREATE INDEX "customer_identities_prefix_idx" ON "customer_identities" USING btree ("org_id","kind","value" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "customer_merges_merged_key" ON "customer_merges" USING btree ("org_id","merged_id");--> statement-breakpoint
CREATE INDEX "customer_merges_survivor_idx" ON "customer_merges" USING btree ("org_id","survivor_id");--> statement-breakpoint
CREATE INDEX "customer_notes_customer_idx" ON "customer_notes" USING btree ("org_id","customer_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "customers_phone_key" ON "customers" USING btree ("org_id","phone") WHERE status = 'active' and phone is not null;--> statement-breakpoint
CREATE INDEX "customers_list_idx" ON "customers" USING btree ("org_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "customers_name_trgm_idx" ON "customers" USING gin ("name_key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "customers_phone_trgm_idx" ON "customers" USING gin ("phone" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "customers_tags_idx" ON "customers" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "customers_city_idx" ON "customers" USING btree ("org_id","city");--> statement-breakpoint
CREATE INDEX "customers_store_idx" ON "customers" USING btree ("org_id","preferred_store_id");--> statement-breakpoint
CREATE INDEX "customers_creator_idx" ON "customers" USING btree ("org_id","created_store_id","created_by_id");--> statement-breakpoint
CREATE INDEX "duplicate_candidates_open_idx" ON "duplicate_candidates" USING btree ("org_id","status","score" DESC NULLS LAST);--> statement-breakpoint
CREATE POLICY "custom_fields_tenant_isolation" ON "custom_fields" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());--> statement-breakpoint
CREATE POLICY "customer_identities_tenant_isolation" ON "customer_identities" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());--> statement-breakpoint
CREATE POLICY "customer_merges_tenant_isolation" ON "customer_merges" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());--> statement-breakpoint
CREATE POLICY "customer_notes_tenant_isolation" ON "customer_notes" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());--> statement-breakpoint
CREATE POLICY "customers_tenant_isolation" ON "customers" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());--> statement-breakpoint
CREATE POLICY "duplicate_candidates_tenant_isolation" ON "duplicate_candidates" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());