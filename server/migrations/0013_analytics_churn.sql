CREATE TABLE "analytics_churn_scores" (
	"org_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"score" smallint NOT NULL,
	"band" text NOT NULL,
	"signals" jsonb NOT NULL,
	"as_of" date NOT NULL,
	"fit_id" uuid,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "analytics_churn_scores_org_id_customer_id_pk" PRIMARY KEY("org_id","customer_id")
);
--> statement-breakpoint
ALTER TABLE "analytics_churn_scores" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "analytics_clv_scores" DROP CONSTRAINT "analytics_clv_scores_org_id_fit_id_analytics_clv_fits_org_id_id_fk";
--> statement-breakpoint
ALTER TABLE "analytics_rfm_scores" DROP CONSTRAINT "analytics_rfm_scores_org_id_run_id_analytics_rfm_runs_org_id_id_fk";
--> statement-breakpoint
CREATE INDEX "analytics_churn_scores_rank_idx" ON "analytics_churn_scores" USING btree ("org_id","score" DESC NULLS LAST,"customer_id");--> statement-breakpoint
CREATE POLICY "analytics_churn_scores_tenant_isolation" ON "analytics_churn_scores" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());