import { loadConfigOrExit, runServer } from '@repo/kit'
import { buildGateway } from './app.js'
import { GatewayConfigSchema } from './config.js'
import { upstreamsFrom } from './upstreams.js'

const config = loadConfigOrExit(GatewayConfigSchema)
const app = buildGateway({
  upstreams: upstreamsFrom(config),
  logLevel: config.LOG_LEVEL,
  bodyLimitBytes: config.BODY_LIMIT_BYTES,
  upstreamTimeoutMs: config.UPSTREAM_TIMEOUT_MS,
  trustProxy: config.TRUST_PROXY,
  corsOrigins: config.CORS_ORIGINS,
  rateLimits: {
    perMinute: config.RATE_LIMIT_PER_MINUTE,
    authPerMinute: config.AUTH_RATE_LIMIT_PER_MINUTE,
    inviteTokenPerMinute: config.INVITE_TOKEN_RATE_LIMIT_PER_MINUTE
  },
  earlyAuth: {
    jwksUrl: `${config.IDENTITY_URL.replace(/\/+$/, '')}/.well-known/jwks.json`,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE
  }
})
await runServer(app, { host: config.HOST, port: config.PORT, shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS })
