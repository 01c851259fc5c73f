import { loadConfigOrExit, runServer } from '@repo/kit'
import { buildGateway } from './app.js'
import { GatewayConfigSchema } from './config.js'
import { upstreamsFrom } from './upstreams.js'

const config = loadConfigOrExit(GatewayConfigSchema)
const app = buildGateway({
  upstreams: upstreamsFrom(config),
  logLevel: config.LOG_LEVEL,
  bodyLimitBytes: config.BODY_LIMIT_BYTES,
  upstreamTimeoutMs: config.UPSTREAM_TIMEOUT_MS
})
await runServer(app, { host: config.HOST, port: config.PORT, shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS })
