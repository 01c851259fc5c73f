import closeWithGrace from 'close-with-grace'
import type { FastifyInstance } from 'fastify'

export type RunServerOptions = { host: string, port: number, shutdownTimeoutMs: number }

/**
 * The process side of a service: listen, and on SIGTERM/SIGINT (or a crash) stop accepting, let
 * in-flight requests and event handlers finish, then close NATS and the pool through the app's onClose
 * hooks. If that takes longer than `shutdownTimeoutMs` the process exits anyway.
 */
export async function runServer (app: FastifyInstance, options: RunServerOptions): Promise<void> {
  closeWithGrace({ delay: options.shutdownTimeoutMs, logger: app.log }, async ({ signal, err }) => {
    if (err !== undefined) app.log.error({ err }, 'fatal error, shutting down')
    else app.log.info({ signal }, 'shutting down')
    await app.close()
  })
  await app.listen({ host: options.host, port: options.port })
}
