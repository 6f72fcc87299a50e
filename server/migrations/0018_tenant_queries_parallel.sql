-- current_org_id() only reads a setting, which parallel workers receive from the leader. Declared
-- PARALLEL UNSAFE (the default), it kept every query under row-level security from running in
-- parallel: a segment count over a million customers ran on one core of several.
ALTER FUNCTION current_org_id() PARALLEL SAFE;
