CREATE TABLE "analytics_clv_fits" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"brand_id" uuid,
	"time_unit" text NOT NULL,
	"calibration_end" date NOT NULL,
	"holdout_end" date,
	"horizon_months" smallint NOT NULL,
	"discount_rate" double precision NOT NULL,
	"customers" integer NOT NULL,
	"repeaters" integer NOT NULL,
	"bgnbd" jsonb NOT NULL,
	"gamma_gamma" jsonb NOT NULL,
	"holdout" jsonb,
	"totals" jsonb NOT NULL,
	"timings" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "analytics_clv_fits_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "analytics_clv_fits" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "analytics_clv_scores" (
	"org_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"fit_id" uuid NOT NULL,
	"x" integer NOT NULL,
	"tx" double precision NOT NULL,
	"t" double precision NOT NULL,
	"mean_repeat_value" double precision NOT NULL,
	"p_alive" double precision NOT NULL,
	"expected_purchases" double precision NOT NULL,
	"expected_average_value" bigint NOT NULL,
	"clv" bigint NOT NULL,
	CONSTRAINT "analytics_clv_scores_org_id_customer_id_fit_id_pk" PRIMARY KEY("org_id","customer_id","fit_id")
);
--> statement-breakpoint
ALTER TABLE "analytics_clv_scores" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "analytics_rfm_runs" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"brand_id" uuid,
	"as_of" date NOT NULL,
	"window_months" smallint NOT NULL,
	"frequency" text NOT NULL,
	"grid" jsonb NOT NULL,
	"customers" integer NOT NULL,
	"segments" jsonb NOT NULL,
	"changed" integer NOT NULL,
	"ms" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "analytics_rfm_runs_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "analytics_rfm_runs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "analytics_rfm_scores" (
	"org_id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"recency_days" integer NOT NULL,
	"frequency" integer NOT NULL,
	"monetary" bigint NOT NULL,
	"r" smallint NOT NULL,
	"f" smallint NOT NULL,
	"m" smallint NOT NULL,
	"segment" text NOT NULL,
	CONSTRAINT "analytics_rfm_scores_org_id_run_id_customer_id_pk" PRIMARY KEY("org_id","run_id","customer_id")
);
--> statement-breakpoint
ALTER TABLE "analytics_rfm_scores" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "analytics_rfm_settings" (
	"org_id" uuid NOT NULL,
	"grid" jsonb,
	"window_months" smallint DEFAULT 12 NOT NULL,
	"frequency" text DEFAULT 'days' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "analytics_rfm_settings_org_id_pk" PRIMARY KEY("org_id")
);
--> statement-breakpoint
ALTER TABLE "analytics_rfm_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "analytics_clv_fits" ADD CONSTRAINT "analytics_clv_fits_org_id_orgs_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("org_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_clv_scores" ADD CONSTRAINT "analytics_clv_scores_org_id_fit_id_analytics_clv_fits_org_id_id_fk" FOREIGN KEY ("org_id","fit_id") REFERENCES "public"."analytics_clv_fits"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_rfm_runs" ADD CONSTRAINT "analytics_rfm_runs_org_id_orgs_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("org_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_rfm_scores" ADD CONSTRAINT "analytics_rfm_scores_org_id_run_id_analytics_rfm_runs_org_id_id_fk" FOREIGN KEY ("org_id","run_id") REFERENCES "public"."analytics_rfm_runs"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_rfm_settings" ADD CONSTRAINT "analytics_rfm_settings_org_id_orgs_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("org_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "analytics_clv_scores_fit_idx" ON "analytics_clv_scores" USING btree ("org_id","fit_id");--> statement-breakpoint
CREATE POLICY "analytics_clv_fits_tenant_isolation" ON "analytics_clv_fits" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());--> statement-breakpoint
CREATE POLICY "analytics_clv_scores_tenant_isolation" ON "analytics_clv_scores" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());--> statement-breakpoint
CREATE POLICY "analytics_rfm_runs_tenant_isolation" ON "analytics_rfm_runs" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());--> statement-breakpoint
CREATE POLICY "analytics_rfm_scores_tenant_isolation" ON "analytics_rfm_scores" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());--> statement-breakpoint
CREATE POLICY "analytics_rfm_settings_tenant_isolation" ON "analytics_rfm_settings" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());