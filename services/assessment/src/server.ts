import { loadConfigOrExit, runServer } from '@repo/kit'
import { buildAssessment } from './app.js'
import { AssessmentConfigSchema } from './config.js'

const config = loadConfigOrExit(AssessmentConfigSchema, process.env)
const app = await buildAssessment(config)
await runServer(app, { host: config.HOST, port: config.PORT, shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS })
