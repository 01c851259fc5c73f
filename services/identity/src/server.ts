import { loadConfigOrExit, runServer } from '@repo/kit'
import { buildIdentity } from './app.js'
import { IdentityConfigSchema } from './config.js'

const config = loadConfigOrExit(IdentityConfigSchema)
const app = await buildIdentity(config)
await runServer(app, { host: config.HOST, port: config.PORT, shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS })
