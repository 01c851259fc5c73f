import { loadConfigOrExit, runServer } from '@repo/kit'
import { buildSignaling } from './app.js'
import { SignalingConfigSchema } from './config.js'

const config = loadConfigOrExit(SignalingConfigSchema, process.env)
const app = await buildSignaling(config)
await runServer(app, { host: config.HOST, port: config.PORT, shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS })
