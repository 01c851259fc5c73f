#!/usr/bin/env bash
# Run once by the postgres image when its data volume is new (docker-entrypoint-initdb.d), as the
# administrator: creates every service's role and schema with sql/00-init.sql. A role gets the
# password in <SERVICE>_DB_PASSWORD when one is set (needed once POSTGRES_HOST_AUTH_METHOD is not
# trust), and none otherwise. The values go in as psql variables, so any character is safe, and
# \gset keeps them out of the log. docker-compose.yml mounts sql/ at /platform-sql.
# The image runs it when it is executable and sources it otherwise, so it sets no shell options: psql
# is the last command, and its status (ON_ERROR_STOP) is the script's.

psql -v ON_ERROR_STOP=1 --no-psqlrc --username "${POSTGRES_USER:-postgres}" --dbname "${POSTGRES_DB:-postgres}" \
  -v identity="${IDENTITY_DB_PASSWORD:-}" \
  -v assessment="${ASSESSMENT_DB_PASSWORD:-}" \
  -v invitation="${INVITATION_DB_PASSWORD:-}" \
  -v grading="${GRADING_DB_PASSWORD:-}" \
  -v signaling="${SIGNALING_DB_PASSWORD:-}" \
  -v init_sql="${PLATFORM_SQL_DIR:-/platform-sql}/00-init.sql" <<'SQL'
SELECT set_config('platform.identity_password', :'identity', false),
       set_config('platform.assessment_password', :'assessment', false),
       set_config('platform.invitation_password', :'invitation', false),
       set_config('platform.grading_password', :'grading', false),
       set_config('platform.signaling_password', :'signaling', false)
\gset ignored_
\i :init_sql
SQL
