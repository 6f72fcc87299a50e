CREATE TABLE "order_lines" (
	"org_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"sku" text,
	"product_id" uuid,
	"product_name" text,
	"category_path" text[] DEFAULT '{}' NOT NULL,
	"brand" text,
	"quantity" numeric(12, 3) NOT NULL,
	"unit_price" bigint DEFAULT 0 NOT NULL,
	"line_discount" bigint DEFAULT 0 NOT NULL,
	"line_total" bigint DEFAULT 0 NOT NULL,
	"discounts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"returned_quantity" numeric(12, 3) DEFAULT '0' NOT NULL,
	CONSTRAINT "order_lines_org_id_order_id_line_no_pk" PRIMARY KEY("org_id","order_id","line_no")
);
--> statement-breakpoint
ALTER TABLE "order_lines" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "order_status_changes" (
	"org_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_type" text,
	"actor_id" uuid,
	CONSTRAINT "order_status_changes_org_id_order_id_seq_pk" PRIMARY KEY("org_id","order_id","seq")
);
--> statement-breakpoint
ALTER TABLE "order_status_changes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "orders" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"channel" text NOT NULL,
	"order_number" text NOT NULL,
	"status" text NOT NULL,
	"customer_id" uuid,
	"click_collect_store_id" uuid,
	"placed_at" timestamp with time zone NOT NULL,
	"business_date" date NOT NULL,
	"currency" text DEFAULT 'TRY' NOT NULL,
	"subtotal" bigint DEFAULT 0 NOT NULL,
	"discount_total" bigint DEFAULT 0 NOT NULL,
	"shipping_total" bigint DEFAULT 0 NOT NULL,
	"total" bigint DEFAULT 0 NOT NULL,
	"content_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orders_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "orders_number_key" UNIQUE("org_id","channel","order_number")
);
--> statement-breakpoint
ALTER TABLE "orders" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "receipt_lines" (
	"org_id" uuid NOT NULL,
	"receipt_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"sku" text,
	"product_id" uuid,
	"product_name" text,
	"category_path" text[] DEFAULT '{}' NOT NULL,
	"brand" text,
	"quantity" numeric(12, 3) NOT NULL,
	"unit_price" bigint DEFAULT 0 NOT NULL,
	"line_discount" bigint DEFAULT 0 NOT NULL,
	"line_total" bigint DEFAULT 0 NOT NULL,
	"discounts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"returned_quantity" numeric(12, 3) DEFAULT '0' NOT NULL,
	CONSTRAINT "receipt_lines_org_id_receipt_id_line_no_pk" PRIMARY KEY("org_id","receipt_id","line_no")
);
--> statement-breakpoint
ALTER TABLE "receipt_lines" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "receipt_payments" (
	"org_id" uuid NOT NULL,
	"receipt_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"method" text NOT NULL,
	"amount" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "receipt_payments_org_id_receipt_id_seq_pk" PRIMARY KEY("org_id","receipt_id","seq")
);
--> statement-breakpoint
ALTER TABLE "receipt_payments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "receipts" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"store_id" uuid,
	"register" text,
	"cashier_code" text,
	"receipt_number" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"business_date" date NOT NULL,
	"customer_id" uuid,
	"currency" text DEFAULT 'TRY' NOT NULL,
	"subtotal" bigint DEFAULT 0 NOT NULL,
	"discount_total" bigint DEFAULT 0 NOT NULL,
	"total" bigint DEFAULT 0 NOT NULL,
	"source" text NOT NULL,
	"content_hash" text NOT NULL,
	"claim_code" text,
	"claimed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "receipts_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "receipts_number_key" UNIQUE NULLS NOT DISTINCT("org_id","store_id","receipt_number")
);
--> statement-breakpoint
ALTER TABLE "receipts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "return_lines" (
	"org_id" uuid NOT NULL,
	"return_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"source_line_no" integer NOT NULL,
	"sku" text,
	"product_id" uuid,
	"product_name" text,
	"quantity" numeric(12, 3) NOT NULL,
	"refund_amount" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "return_lines_org_id_return_id_line_no_pk" PRIMARY KEY("org_id","return_id","line_no")
);
--> statement-breakpoint
ALTER TABLE "return_lines" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "returns" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"return_number" text,
	"receipt_id" uuid,
	"order_id" uuid,
	"store_id" uuid,
	"channel" text,
	"customer_id" uuid,
	"currency" text DEFAULT 'TRY' NOT NULL,
	"refund_total" bigint DEFAULT 0 NOT NULL,
	"reason" text,
	"exchange_receipt_id" uuid,
	"occurred_at" timestamp with time zone NOT NULL,
	"business_date" date NOT NULL,
	"content_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "returns_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "returns_one_origin" CHECK ((receipt_id is null) <> (order_id is null))
);
--> statement-breakpoint
ALTER TABLE "returns" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "sales_settings" (
	"org_id" uuid NOT NULL,
	"unknown_sku" text DEFAULT 'reject' NOT NULL,
	"claim_anonymous" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sales_settings_org_id_pk" PRIMARY KEY("org_id")
);
--> statement-breakpoint
ALTER TABLE "sales_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "wishlist_items" (
	"org_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"sku" text NOT NULL,
	"product_id" uuid,
	"product_name" text,
	"channel" text,
	"added_at" timestamp with time zone NOT NULL,
	CONSTRAINT "wishlist_items_org_id_customer_id_sku_pk" PRIMARY KEY("org_id","customer_id","sku")
);
--> statement-breakpoint
ALTER TABLE "wishlist_items" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_org_id_order_id_orders_org_id_id_fk" FOREIGN KEY ("org_id","order_id") REFERENCES "public"."orders"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_status_changes" ADD CONSTRAINT "order_status_changes_org_id_order_id_orders_org_id_id_fk" FOREIGN KEY ("org_id","order_id") REFERENCES "public"."orders"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_org_id_orgs_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("org_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipt_lines" ADD CONSTRAINT "receipt_lines_org_id_receipt_id_receipts_org_id_id_fk" FOREIGN KEY ("org_id","receipt_id") REFERENCES "public"."receipts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipt_payments" ADD CONSTRAINT "receipt_payments_org_id_receipt_id_receipts_org_id_id_fk" FOREIGN KEY ("org_id","receipt_id") REFERENCES "public"."receipts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_org_id_orgs_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("org_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_lines" ADD CONSTRAINT "return_lines_org_id_return_id_returns_org_id_id_fk" FOREIGN KEY ("org_id","return_id") REFERENCES "public"."returns"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "returns" ADD CONSTRAINT "returns_org_id_orgs_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("org_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "returns" ADD CONSTRAINT "returns_org_id_receipt_id_receipts_org_id_id_fk" FOREIGN KEY ("org_id","receipt_id") REFERENCES "public"."receipts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "returns" ADD CONSTRAINT "returns_org_id_order_id_orders_org_id_id_fk" FOREIGN KEY ("org_id","order_id") REFERENCES "public"."orders"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "returns" ADD CONSTRAINT "returns_org_id_exchange_receipt_id_receipts_org_id_id_fk" FOREIGN KEY ("org_id","exchange_receipt_id") REFERENCES "public"."receipts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_settings" ADD CONSTRAINT "sales_settings_org_id_orgs_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("org_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wishlist_items" ADD CONSTRAINT "wishlist_items_org_id_orgs_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("org_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "orders_list_idx" ON "orders" USING btree ("org_id","placed_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "orders_customer_idx" ON "orders" USING btree ("org_id","customer_id","placed_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "orders_business_date_idx" ON "orders" USING btree ("org_id","business_date");--> statement-breakpoint
CREATE UNIQUE INDEX "receipts_claim_code_key" ON "receipts" USING btree ("org_id","claim_code") WHERE claim_code is not null;--> statement-breakpoint
CREATE INDEX "receipts_list_idx" ON "receipts" USING btree ("org_id","occurred_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "receipts_customer_idx" ON "receipts" USING btree ("org_id","customer_id","occurred_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "receipts_store_idx" ON "receipts" USING btree ("org_id","store_id","occurred_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "receipts_business_date_idx" ON "receipts" USING btree ("org_id","business_date");--> statement-breakpoint
CREATE INDEX "receipts_number_idx" ON "receipts" USING btree ("org_id","receipt_number");--> statement-breakpoint
CREATE UNIQUE INDEX "returns_number_key" ON "returns" USING btree ("org_id",coalesce("store_id"::text, 'channel:' || "channel"),"return_number") WHERE return_number is not null;--> statement-breakpoint
CREATE INDEX "returns_list_idx" ON "returns" USING btree ("org_id","occurred_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "returns_receipt_idx" ON "returns" USING btree ("org_id","receipt_id");--> statement-breakpoint
CREATE INDEX "returns_order_idx" ON "returns" USING btree ("org_id","order_id");--> statement-breakpoint
CREATE INDEX "returns_customer_idx" ON "returns" USING btree ("org_id","customer_id");--> statement-breakpoint
CREATE POLICY "order_lines_tenant_isolation" ON "order_lines" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());--> statement-breakpoint
CREATE POLICY "order_status_changes_tenant_isolation" ON "order_status_changes" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());--> statement-breakpoint
CREATE POLICY "orders_tenant_isolation" ON "orders" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());--> statement-breakpoint
CREATE POLICY "receipt_lines_tenant_isolation" ON "receipt_lines" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());--> statement-breakpoint
CREATE POLICY "receipt_payments_tenant_isolation" ON "receipt_payments" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());--> statement-breakpoint
CREATE POLICY "receipts_tenant_isolation" ON "receipts" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());--> statement-breakpoint
CREATE POLICY "return_lines_tenant_isolation" ON "return_lines" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());--> statement-breakpoint
CREATE POLICY "returns_tenant_isolation" ON "returns" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());--> statement-breakpoint
CREATE POLICY "sales_settings_tenant_isolation" ON "sales_settings" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());--> statement-breakpoint
CREATE POLICY "wishlist_items_tenant_isolation" ON "wishlist_items" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());