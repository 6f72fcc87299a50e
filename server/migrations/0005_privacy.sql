CREATE TABLE "consent_iys_sync" (
	"org_id" uuid NOT NULL,
	"consent_id" uuid NOT NULL,
	"scope" text NOT NULL,
	"recipient" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" smallint DEFAULT 0 NOT NULL,
	"request_id" text,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consent_iys_sync_org_id_consent_id_pk" PRIMARY KEY("org_id","consent_id")
);
--> statement-breakpoint
ALTER TABLE "consent_iys_sync" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "consents" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"source" text NOT NULL,
	"recipient_type" text DEFAULT 'BIREYSEL' NOT NULL,
	"brand_id" uuid,
	"consent_at" timestamp with time zone NOT NULL,
	"store_id" uuid,
	"actor_type" text,
	"actor_id" uuid,
	"actor_name" text,
	"text_version" text,
	"origin" text DEFAULT 'muhtar' NOT NULL,
	"external_ref" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consents_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "consents" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "iys_settings" (
	"org_id" uuid NOT NULL,
	"scope" text NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"base_url" text DEFAULT 'https://api.iys.org.tr' NOT NULL,
	"iys_code" text,
	"brand_code" text,
	"username" text,
	"password_enc" text,
	"pull_after" text,
	"last_pull_at" timestamp with time zone,
	"last_pull_error" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "iys_settings_org_id_scope_pk" PRIMARY KEY("org_id","scope")
);
--> statement-breakpoint
ALTER TABLE "iys_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "privacy_requests" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"type" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"owner_id" uuid,
	"notes" text,
	"resolution" text,
	"export_data" jsonb,
	"executed_at" timestamp with time zone,
	"history" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "privacy_requests_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "privacy_requests" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "retention_policies" (
	"org_id" uuid NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"inactive_years" integer,
	"message_days" integer,
	"last_run_at" timestamp with time zone,
	"last_result" jsonb,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "retention_policies_org_id_pk" PRIMARY KEY("org_id")
);
--> statement-breakpoint
ALTER TABLE "retention_policies" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "consent_iys_sync" ADD CONSTRAINT "consent_iys_sync_org_id_consent_id_consents_org_id_id_fk" FOREIGN KEY ("org_id","consent_id") REFERENCES "public"."consents"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_org_id_customer_id_customers_org_id_id_fk" FOREIGN KEY ("org_id","customer_id") REFERENCES "public"."customers"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "iys_settings" ADD CONSTRAINT "iys_settings_org_id_orgs_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("org_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_requests" ADD CONSTRAINT "privacy_requests_org_id_customer_id_customers_org_id_id_fk" FOREIGN KEY ("org_id","customer_id") REFERENCES "public"."customers"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_policies" ADD CONSTRAINT "retention_policies_org_id_orgs_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("org_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consent_iys_sync_status_idx" ON "consent_iys_sync" USING btree ("org_id","status","scope");--> statement-breakpoint
CREATE INDEX "consents_current_idx" ON "consents" USING btree ("org_id","customer_id","channel","consent_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "consents_external_key" ON "consents" USING btree ("org_id","external_ref") WHERE external_ref is not null;--> statement-breakpoint
CREATE INDEX "privacy_requests_queue_idx" ON "privacy_requests" USING btree ("org_id","status","due_at","id");--> statement-breakpoint
CREATE INDEX "privacy_requests_customer_idx" ON "privacy_requests" USING btree ("org_id","customer_id");--> statement-breakpoint
CREATE POLICY "consent_iys_sync_tenant_isolation" ON "consent_iys_sync" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());--> statement-breakpoint
CREATE POLICY "consents_tenant_isolation" ON "consents" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());--> statement-breakpoint
CREATE POLICY "iys_settings_tenant_isolation" ON "iys_settings" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());--> statement-breakpoint
CREATE POLICY "privacy_requests_tenant_isolation" ON "privacy_requests" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());--> statement-breakpoint
CREATE POLICY "retention_policies_tenant_isolation" ON "retention_policies" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());