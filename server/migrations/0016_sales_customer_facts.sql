CREATE TABLE "sales_customer_brands" (
	"org_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"brand" text NOT NULL,
	"last_date" date NOT NULL,
	CONSTRAINT "sales_customer_brands_org_id_customer_id_brand_pk" PRIMARY KEY("org_id","customer_id","brand")
);
--> statement-breakpoint
ALTER TABLE "sales_customer_brands" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "sales_customer_categories" (
	"org_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"category" text NOT NULL,
	"last_date" date NOT NULL,
	CONSTRAINT "sales_customer_categories_org_id_customer_id_category_pk" PRIMARY KEY("org_id","customer_id","category")
);
--> statement-breakpoint
ALTER TABLE "sales_customer_categories" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "sales_customer_facts" (
	"org_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"purchases" integer NOT NULL,
	"net_amount" bigint DEFAULT 0 NOT NULL,
	"first_date" date NOT NULL,
	"last_date" date NOT NULL,
	CONSTRAINT "sales_customer_facts_org_id_customer_id_pk" PRIMARY KEY("org_id","customer_id")
);
--> statement-breakpoint
ALTER TABLE "sales_customer_facts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE INDEX "sales_customer_brands_brand_idx" ON "sales_customer_brands" USING btree ("org_id","brand","last_date","customer_id");--> statement-breakpoint
CREATE INDEX "sales_customer_categories_category_idx" ON "sales_customer_categories" USING btree ("org_id","category","last_date","customer_id");--> statement-breakpoint
CREATE POLICY "sales_customer_brands_tenant_isolation" ON "sales_customer_brands" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());--> statement-breakpoint
CREATE POLICY "sales_customer_categories_tenant_isolation" ON "sales_customer_categories" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());--> statement-breakpoint
CREATE POLICY "sales_customer_facts_tenant_isolation" ON "sales_customer_facts" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());