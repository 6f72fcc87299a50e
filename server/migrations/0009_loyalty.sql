CREATE TABLE "coupon_campaigns" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"definition" jsonb NOT NULL,
	"code_format" jsonb,
	"reinstate_on_refund" boolean DEFAULT false NOT NULL,
	"codes_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coupon_campaigns_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "coupon_campaigns_kind_check" CHECK (kind in ('unique', 'shared', 'personal'))
);
--> statement-breakpoint
ALTER TABLE "coupon_campaigns" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "coupon_codes" (
	"org_id" uuid NOT NULL,
	"code" text NOT NULL,
	"campaign_id" uuid,
	"customer_id" uuid,
	"uses" integer DEFAULT 0 NOT NULL,
	"max_uses" integer,
	"status" text DEFAULT 'active' NOT NULL,
	"source" text DEFAULT 'campaign' NOT NULL,
	"source_id" uuid,
	"definition" jsonb,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"issued_receipt_id" uuid,
	"valid_from" text,
	"valid_until" text,
	CONSTRAINT "coupon_codes_org_id_code_pk" PRIMARY KEY("org_id","code"),
	CONSTRAINT "coupon_codes_uses_check" CHECK (uses >= 0 and (max_uses is null or uses <= max_uses))
);
--> statement-breakpoint
ALTER TABLE "coupon_codes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "coupon_redemptions" (
	"org_id" uuid NOT NULL,
	"code" text NOT NULL,
	"receipt_id" uuid NOT NULL,
	"customer_id" uuid,
	"campaign_id" uuid,
	"per_customer_key" uuid,
	"discount" bigint DEFAULT 0 NOT NULL,
	"redeemed_at" timestamp with time zone NOT NULL,
	"reinstated_at" timestamp with time zone,
	CONSTRAINT "coupon_redemptions_org_id_code_receipt_id_pk" PRIMARY KEY("org_id","code","receipt_id")
);
--> statement-breakpoint
ALTER TABLE "coupon_redemptions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "loyalty_accounts" (
	"org_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"balance" integer DEFAULT 0 NOT NULL,
	"tier_code" text,
	"tier_since" timestamp with time zone,
	"birthday_bonus_month" text,
	"expiry_warned_through" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "loyalty_accounts_org_id_program_id_customer_id_pk" PRIMARY KEY("org_id","program_id","customer_id"),
	CONSTRAINT "loyalty_accounts_balance_check" CHECK (balance >= 0)
);
--> statement-breakpoint
ALTER TABLE "loyalty_accounts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "loyalty_config" (
	"org_id" uuid NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "loyalty_config_org_id_pk" PRIMARY KEY("org_id")
);
--> statement-breakpoint
ALTER TABLE "loyalty_config" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "loyalty_programs" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"brand_id" uuid,
	"name" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"definition" jsonb NOT NULL,
	"tier_metric" text,
	"tier_window_months" smallint,
	"tiers" jsonb,
	"tier_review_month" smallint DEFAULT 1 NOT NULL,
	"tier_review_day" smallint DEFAULT 1 NOT NULL,
	"expiry_warning_days" smallint DEFAULT 30 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"expiry_through" timestamp with time zone,
	"warned_through" timestamp with time zone,
	"tier_reviewed_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "loyalty_programs_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "loyalty_programs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "points_ledger" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"points" integer NOT NULL,
	"receipt_id" uuid,
	"return_id" uuid,
	"lot_id" uuid,
	"qualifying_amount" bigint DEFAULT 0 NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone,
	"reason" text,
	"actor_type" text,
	"actor_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "points_ledger_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "points_ledger_sign_check" CHECK ((kind = 'earn' and points >= 0) or (kind = 'bonus' and points > 0) or (kind in ('burn', 'expire') and points < 0)
          or (kind = 'adjust' and points <> 0) or kind = 'reversal')
);
--> statement-breakpoint
ALTER TABLE "points_ledger" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "promotions" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"code" text NOT NULL,
	"brand_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"definition" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "promotions_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "promotions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "receipt_coupon_rules" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"code" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"definition" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "receipt_coupon_rules_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "receipt_coupon_rules" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "stamp_cards" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"code" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"definition" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stamp_cards_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "stamp_cards" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "stamp_movements" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"card_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"source" text NOT NULL,
	"stamps" integer NOT NULL,
	"rewards" integer DEFAULT 0 NOT NULL,
	"receipt_id" uuid,
	"return_id" uuid,
	"occurred_at" timestamp with time zone NOT NULL,
	"actor_type" text,
	"actor_id" uuid,
	CONSTRAINT "stamp_movements_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "stamp_movements" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "stamp_progress" (
	"org_id" uuid NOT NULL,
	"card_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"stamps" integer DEFAULT 0 NOT NULL,
	"total_stamps" integer DEFAULT 0 NOT NULL,
	"rewards" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stamp_progress_org_id_card_id_customer_id_pk" PRIMARY KEY("org_id","card_id","customer_id"),
	CONSTRAINT "stamp_progress_stamps_check" CHECK (stamps >= 0)
);
--> statement-breakpoint
ALTER TABLE "stamp_progress" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "coupon_campaigns" ADD CONSTRAINT "coupon_campaigns_org_id_orgs_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("org_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coupon_codes" ADD CONSTRAINT "coupon_codes_org_id_campaign_id_coupon_campaigns_org_id_id_fk" FOREIGN KEY ("org_id","campaign_id") REFERENCES "public"."coupon_campaigns"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coupon_redemptions" ADD CONSTRAINT "coupon_redemptions_org_id_code_coupon_codes_org_id_code_fk" FOREIGN KEY ("org_id","code") REFERENCES "public"."coupon_codes"("org_id","code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loyalty_accounts" ADD CONSTRAINT "loyalty_accounts_org_id_program_id_loyalty_programs_org_id_id_fk" FOREIGN KEY ("org_id","program_id") REFERENCES "public"."loyalty_programs"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loyalty_config" ADD CONSTRAINT "loyalty_config_org_id_orgs_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("org_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loyalty_programs" ADD CONSTRAINT "loyalty_programs_org_id_orgs_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("org_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_ledger" ADD CONSTRAINT "points_ledger_org_id_program_id_loyalty_programs_org_id_id_fk" FOREIGN KEY ("org_id","program_id") REFERENCES "public"."loyalty_programs"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotions" ADD CONSTRAINT "promotions_org_id_orgs_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("org_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipt_coupon_rules" ADD CONSTRAINT "receipt_coupon_rules_org_id_orgs_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("org_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stamp_cards" ADD CONSTRAINT "stamp_cards_org_id_orgs_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("org_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stamp_movements" ADD CONSTRAINT "stamp_movements_org_id_card_id_stamp_cards_org_id_id_fk" FOREIGN KEY ("org_id","card_id") REFERENCES "public"."stamp_cards"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stamp_progress" ADD CONSTRAINT "stamp_progress_org_id_card_id_stamp_cards_org_id_id_fk" FOREIGN KEY ("org_id","card_id") REFERENCES "public"."stamp_cards"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "coupon_codes_campaign_idx" ON "coupon_codes" USING btree ("org_id","campaign_id","code");--> statement-breakpoint
CREATE INDEX "coupon_codes_customer_idx" ON "coupon_codes" USING btree ("org_id","customer_id") WHERE customer_id is not null;--> statement-breakpoint
CREATE INDEX "coupon_codes_receipt_idx" ON "coupon_codes" USING btree ("org_id","issued_receipt_id") WHERE issued_receipt_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "coupon_redemptions_per_customer_key" ON "coupon_redemptions" USING btree ("org_id","code","per_customer_key") WHERE per_customer_key is not null and reinstated_at is null;--> statement-breakpoint
CREATE INDEX "coupon_redemptions_receipt_idx" ON "coupon_redemptions" USING btree ("org_id","receipt_id");--> statement-breakpoint
CREATE INDEX "coupon_redemptions_customer_idx" ON "coupon_redemptions" USING btree ("org_id","customer_id") WHERE customer_id is not null;--> statement-breakpoint
CREATE INDEX "loyalty_accounts_customer_idx" ON "loyalty_accounts" USING btree ("org_id","customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "loyalty_programs_active_key" ON "loyalty_programs" USING btree ("org_id",coalesce("brand_id"::text, '')) WHERE active;--> statement-breakpoint
CREATE INDEX "points_ledger_account_idx" ON "points_ledger" USING btree ("org_id","program_id","customer_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "points_ledger_customer_idx" ON "points_ledger" USING btree ("org_id","customer_id","occurred_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "points_ledger_receipt_idx" ON "points_ledger" USING btree ("org_id","receipt_id") WHERE receipt_id is not null;--> statement-breakpoint
CREATE INDEX "points_ledger_expiry_idx" ON "points_ledger" USING btree ("org_id","program_id","expires_at") WHERE expires_at is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "points_ledger_receipt_once_key" ON "points_ledger" USING btree ("org_id","program_id","receipt_id","kind") WHERE receipt_id is not null and kind in ('earn', 'bonus', 'burn');--> statement-breakpoint
CREATE UNIQUE INDEX "promotions_code_key" ON "promotions" USING btree ("org_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "receipt_coupon_rules_code_key" ON "receipt_coupon_rules" USING btree ("org_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "stamp_cards_code_key" ON "stamp_cards" USING btree ("org_id","code");--> statement-breakpoint
CREATE INDEX "stamp_movements_receipt_idx" ON "stamp_movements" USING btree ("org_id","receipt_id") WHERE receipt_id is not null;--> statement-breakpoint
CREATE INDEX "stamp_movements_customer_idx" ON "stamp_movements" USING btree ("org_id","customer_id","occurred_at");--> statement-breakpoint
CREATE INDEX "stamp_progress_customer_idx" ON "stamp_progress" USING btree ("org_id","customer_id");--> statement-breakpoint
CREATE POLICY "coupon_campaigns_tenant_isolation" ON "coupon_campaigns" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());--> statement-breakpoint
CREATE POLICY "coupon_codes_tenant_isolation" ON "coupon_codes" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());--> statement-breakpoint
CREATE POLICY "coupon_redemptions_tenant_isolation" ON "coupon_redemptions" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());--> statement-breakpoint
CREATE POLICY "loyalty_accounts_tenant_isolation" ON "loyalty_accounts" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());--> statement-breakpoint
CREATE POLICY "loyalty_config_tenant_isolation" ON "loyalty_config" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());--> statement-breakpoint
CREATE POLICY "loyalty_programs_tenant_isolation" ON "loyalty_programs" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());--> statement-breakpoint
CREATE POLICY "points_ledger_tenant_isolation" ON "points_ledger" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());--> statement-breakpoint
CREATE POLICY "promotions_tenant_isolation" ON "promotions" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());--> statement-breakpoint
CREATE POLICY "receipt_coupon_rules_tenant_isolation" ON "receipt_coupon_rules" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());--> statement-breakpoint
CREATE POLICY "stamp_cards_tenant_isolation" ON "stamp_cards" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());--> statement-breakpoint
CREATE POLICY "stamp_movements_tenant_isolation" ON "stamp_movements" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());--> statement-breakpoint
CREATE POLICY "stamp_progress_tenant_isolation" ON "stamp_progress" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());