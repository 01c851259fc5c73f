import { loadConfigOrExit, runServer } from '@repo/kit'
import { buildGateway } from './app.js'
import { GatewayConfigSchema } from './config.js'
import { fetchJsonFromReplicas } from './replica-fetch.js'
import { upstreamsFrom, type Upstream } from './upstreams.js'

/** As the verifier's own JWKS fetch allows (see @repo/auth), per identity replica. */
const JWKS_TIMEOUT_MS = 3000

const config = loadConfigOrExit(GatewayConfigSchema)
let upstreams: Upstream[]
try {
  upstreams = upstreamsFrom(config)
} catch (error) {
  // A bad replica list: one line naming the variable, as for any other bad setting.
  process.stderr.write(`Invalid configuration: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
}
const identityUrls = upstreams.find((upstream) => upstream.name === 'identity')?.urls ?? []
const app = buildGateway({
  upstreams,
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
    jwksUrl: `${identityUrls[0] ?? ''}/.well-known/jwks.json`,
    // Every identity replica serves the same keys: the first one that answers.
    loadJwks: async () => await fetchJsonFromReplicas(identityUrls, '/.well-known/jwks.json', JWKS_TIMEOUT_MS),
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE
  }
})
await runServer(app, { host: config.HOST, port: config.PORT, shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS })
