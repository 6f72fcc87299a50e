CREATE TABLE "import_files" (
	"org_id" uuid NOT NULL,
	"job_id" uuid NOT NULL,
	"role" text NOT NULL,
	"file_name" text NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "import_files_org_id_job_id_role_pk" PRIMARY KEY("org_id","job_id","role")
);
--> statement-breakpoint
ALTER TABLE "import_files" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "import_files_tenant_isolation" ON "import_files" AS PERMISSIVE FOR ALL TO "muhtar_tenant" USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());