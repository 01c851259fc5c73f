-- Bootstrap, run once per database by an administrator (`pnpm db:migrate`, `pnpm start`, the test
-- setup, or Postgres' docker-entrypoint-initdb.d). Safe to run again.
--
-- Each service gets a login role and a schema of the same name, owned by that role and closed to
-- everyone else, so a service can only touch its own tables: a stray cross-schema query fails.
-- A role's password is read from the setting `platform.<service>_password` when it is set
-- (e.g. PGOPTIONS='-c platform.identity_password=...'); without one the role has no password and
-- can only log in where pg_hba trusts it (local development).

CREATE FUNCTION pg_temp.ensure_service_schema(service text, secret text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = service) THEN
    BEGIN
      EXECUTE format('CREATE ROLE %I LOGIN', service);
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL; -- a concurrent bootstrap (another database on this cluster) created it first
    END;
  END IF;
  IF secret IS NOT NULL THEN
    EXECUTE format('ALTER ROLE %I PASSWORD %L', service, secret);
  END IF;
  EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', service, service);
  EXECUTE format('REVOKE ALL ON SCHEMA %I FROM PUBLIC', service);
END
$$;

SELECT pg_temp.ensure_service_schema(service, nullif(current_setting('platform.' || service || '_password', true), ''))
FROM unnest(ARRAY['identity', 'assessment', 'invitation', 'grading', 'signaling']) AS service;
