-- Extensions used across modules (PGlite loads them in the worker; Debian ships them in contrib).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS citext;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
-- Tenant transactions run as this role so row-level security applies even when the
-- connection's own user is a superuser. Roles are cluster-wide: create it only once.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'muhtar_tenant') THEN
    CREATE ROLE muhtar_tenant NOLOGIN;
  END IF;
END
$$;--> statement-breakpoint
GRANT muhtar_tenant TO CURRENT_USER;--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO muhtar_tenant;--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO muhtar_tenant;--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO muhtar_tenant;--> statement-breakpoint
-- The org of the current tenant transaction, or null outside one (then policies match nothing).
CREATE FUNCTION current_org_id() RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('muhtar.org_id', true), '')::uuid
$$;
