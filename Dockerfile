# syntax=docker/dockerfile:1
#
# Production images of the platform: one build stage, then one small runtime target per service.
#
#   docker build --target identity -t pre-interview-platform/identity .
#
# Targets: identity, assessment, invitation, grading, signaling, gateway (docker-compose.yml builds
# all six). Each image holds the service's compiled JavaScript and its production dependencies only
# (`pnpm deploy --prod`: no TypeScript, tsx, vitest or other dev dependencies), plus `sql/` for the
# migrations the service applies at start (SQL_DIR), and runs `node dist/server.js` as the
# unprivileged `node` user. The build stage is shared, so building all six installs and compiles once.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---------------------------------------------------------------------------------------------------
# build: install the whole workspace, compile every service (and the packages it uses), then copy
# each service with its production dependencies only into /out/<service>.
FROM ${NODE_IMAGE} AS build
ENV CI=true TURBO_TELEMETRY_DISABLED=1
# The version in package.json's packageManager field (.npmrc has engine-strict); pnpm 12 is a native
# binary that comes as an npm optional dependency, so npm installs it (corepack needs extra keys).
RUN npm install --global pnpm@12.4.2 && npm cache clean --force
WORKDIR /repo
# The lockfile alone names every package: this layer (the downloads) is reused until it changes.
COPY pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
RUN pnpm fetch
COPY . .
RUN pnpm install --frozen-lockfile --offline
RUN pnpm turbo run build --filter='@service/*' --output-logs=errors-only
RUN for service in identity assessment invitation grading signaling gateway; do \
      pnpm --filter "@service/${service}" deploy --prod --offline "/out/${service}" || exit 1; \
    done

# ---------------------------------------------------------------------------------------------------
# runtime: what every service image shares.
FROM ${NODE_IMAGE} AS runtime
# Listen on every interface of the container (the services default to 127.0.0.1 outside one), and
# find the migrations in the image rather than in a repository checkout. Small semi-spaces and two
# malloc arenas keep a service's memory down after a burst, as `pnpm start` does (packages/stack); the
# services cap their old generation's growth themselves (runServer in packages/kit).
ENV HOST=0.0.0.0 SQL_DIR=/app/sql MALLOC_ARENA_MAX=2 NODE_OPTIONS=--max-semi-space-size=2
WORKDIR /app
COPY docker/healthcheck.mjs /usr/local/lib/healthcheck.mjs
COPY sql ./sql
# Files stay owned by root: the service can read its code but not change it.
USER node
# /health answers while the process serves; a service only listens after its migrations ran.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 CMD ["node", "/usr/local/lib/healthcheck.mjs"]
CMD ["node", "dist/server.js"]

# ---------------------------------------------------------------------------------------------------
# One target per service: its deployed folder and its port.
FROM runtime AS identity
ENV PORT=8001
COPY --from=build /out/identity ./
EXPOSE 8001

FROM runtime AS assessment
ENV PORT=8002
COPY --from=build /out/assessment ./
EXPOSE 8002

FROM runtime AS invitation
ENV PORT=8003
COPY --from=build /out/invitation ./
EXPOSE 8003

FROM runtime AS grading
ENV PORT=8004
COPY --from=build /out/grading ./
EXPOSE 8004

FROM runtime AS signaling
ENV PORT=8005
COPY --from=build /out/signaling ./
EXPOSE 8005

FROM runtime AS gateway
ENV PORT=8000
COPY --from=build /out/gateway ./
EXPOSE 8000
