CREATE TABLE "campaign_recipients" (
	"org_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"group_key" text NOT NULL,
	"messaged_at" timestamp with time zone,
	CONSTRAINT "campaign_recipients_org_id_campaign_id_customer_id_pk" PRIMARY KEY("org_id","campaign_id","customer_id")
);
--> statement-breakpoint
ALTER TABLE "campaign_recipients" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "campaigns" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"channel" text NOT NULL,
	"brand_id" uuid,
	"include_segments" uuid[] DEFAULT '{}' NOT NULL,
	"exclude_segments" uuid[] DEFAULT '{}' NOT NULL,
	"variants" jsonb NOT NULL,
	"control_bp" integer DEFAULT 0 NOT NULL,
	"winner_metric" text,
	"decide_after_hours" integer,
	"winner" text,
	"scheduled_at" timestamp with time zone,
	"throttle_per_hour" integer,
	"attribution_days" integer DEFAULT 7 NOT NULL,
	"attribution_model" text DEFAULT 'last_touch' NOT NULL,
	"coupon_campaign_id" uuid,
	"preset" text,
	"counts" jsonb,
	"run_id" uuid,
	"started_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaigns_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "campaigns_status_check" CHECK (status in ('draft', 'scheduled', 'sending', 'testing', 'sent', 'cancelled')),
	CONSTRAINT "campaigns_channel_check" CHECK (channel in ('sms', 'email', 'whatsapp')),
	CONSTRAINT "campaigns_attribution_check" CHECK (attribution_model in ('last_touch', 'first_touch') and attribution_days between 1 and 90)
);
--> statement-breakpoint
ALTER TABLE "campaigns" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "segment_members" (
	"org_id" uuid NOT NULL,
	"segment_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"since" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "segment_members_org_id_segment_id_customer_id_pk" PRIMARY KEY("org_id","segment_id","customer_id")
);
--> statement-breakpoint
ALTER TABLE "segment_members" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "segments" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"kind" text NOT NULL,
	"rule" jsonb,
	"brand_id" uuid,
	"frozen_from" uuid,
	"member_count" integer DEFAULT 0 NOT NULL,
	"refreshed_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "segments_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "segments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "messages" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"to" text,
	"purpose" text NOT NULL,
	"brand_id" uuid,
	"template_id" uuid,
	"campaign_id" uuid,
	"variant" text,
	"subject" text,
	"text" text NOT NULL,
	"html" text,
	"whatsapp_template" jsonb,
	"status" text NOT NULL,
	"skip_reason" text,
	"provider_config_id" uuid,
	"provider_kind" text,
	"provider_message_id" text,
	"parts" smallint,
	"cost" integer,
	"attempts" smallint DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"not_before" timestamp with time zone,
	"error" text,
	"created_by" uuid,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"opened_at" timestamp with time zone,
	"clicked_at" timestamp with time zone,
	"unsubscribed_at" timestamp with time zone,
	CONSTRAINT "messages_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "messages" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "messaging_settings" (
	"org_id" uuid NOT NULL,
	"quiet_start" smallint DEFAULT 1260 NOT NULL,
	"quiet_end" smallint DEFAULT 540 NOT NULL,
	"frequency_cap" smallint DEFAULT 2 NOT NULL,
	"frequency_days" smallint DEFAULT 7 NOT NULL,
	"max_attempts" smallint DEFAULT 5 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "messaging_settings_org_id_pk" PRIMARY KEY("org_id")
);
--> statement-breakpoint
ALTER TABLE "messaging_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "message_suppressions" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"channel" text NOT NULL,
	"address" text NOT NULL,
	"reason" text NOT NULL,
	"source" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "message_suppressions_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "message_suppressions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "message_provider_configs" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"brand_id" uuid,
	"kind" text NOT NULL,
	"channel" text NOT NULL,
	"name" text NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"secrets_sealed" text,
	"secrets_set" text[] DEFAULT '{}' NOT NULL,
	"rate_per_second" integer,
	"cost_per_part" integer DEFAULT 0 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"webhook_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "message_provider_configs_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "message_provider_configs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "message_templates" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"channel" text NOT NULL,
	"purpose" text NOT NULL,
	"name" text NOT NULL,
	"name_key" text NOT NULL,
	"brand_id" uuid,
	"content" jsonb NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"used_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "message_templates_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "message_templates" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "campaign_recipients" ADD CONSTRAINT "campaign_recipients_org_id_campaign_id_campaigns_org_id_id_fk" FOREIGN KEY ("org_id","campaign_id") REFERENCES "public"."campaigns"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_org_id_orgs_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("org_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segment_members" ADD CONSTRAINT "segment_members_org_id_segment_id_segments_org_id_id_fk" FOREIGN KEY ("org_id","segment_id") REFERENCES "public"."segments"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segments" ADD CONSTRAINT "segments_org_id_orgs_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("org_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_org_id_customer_id_customers_org_id_id_fk" FOREIGN KEY ("org_id","customer_id") REFERENCES "public"."customers"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messaging_settings" ADD CONSTRAINT "messaging_settings_org_id_orgs_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("org_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_suppressions" ADD CONSTRAINT "message_suppressions_org_id_orgs_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("org_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_provider_configs" ADD CONSTRAINT "message_provider_configs_org_id_orgs_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("org_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_templates" ADD CONSTRAINT "message_templates_org_id_orgs_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("org_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_templates" ADD CONSTRAINT "message_templates_org_id_brand_id_brands_org_id_id_fk" FOREIGN KEY ("org_id","brand_id") REFERENCES "public"."brands"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaign_recipients_group_idx" ON "campaign_recipients" USING btree ("org_id","campaign_id","group_key");--> statement-breakpoint
CREATE INDEX "campaign_recipients_customer_idx" ON "campaign_recipients" USING btree ("org_id","customer_id");--> statement-breakpoint
CREATE INDEX "campaigns_list_idx" ON "campaigns" USING btree ("org_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "segment_members_customer_idx" ON "segment_members" USING btree ("org_id","customer_id");--> statement-breakpoint
CREATE INDEX "messages_due_idx" ON "messages" USING btree ("org_id","next_attempt_at") WHERE status = 'queued';--> statement-breakpoint
CREATE INDEX "messages_customer_idx" ON "messages" USING btree ("org_id","customer_id","queued_at");--> statement-breakpoint
CREATE INDEX "messages_campaign_idx" ON "messages" USING btree ("org_id","campaign_id","status") WHERE campaign_id is not null;--> statement-breakpoint
CREATE INDEX "messages_status_idx" ON "messages" USING btree ("org_id","status","id");--> statement-breakpoint
CREATE INDEX "messages_provider_idx" ON "messages" USING btree ("provider_config_id","provider_message_id") WHERE provider_message_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "message_suppressions_address_key" ON "message_suppressions" USING btree ("org_id","channel","address");--> statement-breakpoint
CREATE UNIQUE INDEX "message_provider_configs_default_key" ON "message_provider_configs" USING btree ("org_id",coalesce("brand_id", '00000000-0000-0000-0000-000000000000'::uuid),"channel") WHERE is_default;--> statement-breakpoint
CREATE UNIQUE INDEX "message_templates_name_key" ON "message_templates" USING btree ("org_id","channel","name_key") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "message_templates_list_idx" ON "message_templates" USING btree ("org_id","updated_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE POLICY "campaign_recipients_tenant_isolation" ON "campaign_recipients" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());--> statement-breakpoint
CREATE POLICY "campaigns_tenant_isolation" ON "campaigns" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());--> statement-breakpoint
CREATE POLICY "segment_members_tenant_isolation" ON "segment_members" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());--> statement-breakpoint
CREATE POLICY "segments_tenant_isolation" ON "segments" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());--> statement-breakpoint
CREATE POLICY "messages_tenant_isolation" ON "messages" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());--> statement-breakpoint
CREATE POLICY "messaging_settings_tenant_isolation" ON "messaging_settings" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());--> statement-breakpoint
CREATE POLICY "message_suppressions_tenant_isolation" ON "message_suppressions" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());--> statement-breakpoint
CREATE POLICY "message_provider_configs_tenant_isolation" ON "message_provider_configs" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());--> statement-breakpoint
CREATE POLICY "message_templates_tenant_isolation" ON "message_templates" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());