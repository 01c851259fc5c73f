import { loadConfigOrExit, runServer } from '@repo/kit'
import { buildGrading } from './app.js'
import { GradingConfigSchema } from './config.js'

const config = loadConfigOrExit(GradingConfigSchema, process.env)
const app = await buildGrading(config)
await runServer(app, { host: config.HOST, port: config.PORT, shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS })
