import { loadConfigOrExit, runServer } from '@repo/kit'
import { buildInvitation } from './app.js'
import { InvitationConfigSchema } from './config.js'

const config = loadConfigOrExit(InvitationConfigSchema, process.env)
const app = await buildInvitation(config)
await runServer(app, { host: config.HOST, port: config.PORT, shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS })
