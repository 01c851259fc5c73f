import closeWithGrace from 'close-with-grace'
import type { FastifyInstance } from 'fastify'
import { limitHeapGrowth } from './heap-growth.js'

export type RunServerOptions = { host: string, port: number, shutdownTimeoutMs: number }

/**
 * The process side of a service: listen, and on SIGTERM/SIGINT (or a crash) stop accepting, let
 * in-flight requests and event handlers finish, then close NATS and the pool through the app's onClose
 * hooks. If that takes longer than `shutdownTimeoutMs` the process exits anyway. The process's old
 * generation grows by at most HEAP_GROWING_PERCENT after a GC, so a burst does not leave it holding
 * garbage for long.
 */
export async function runServer (app: FastifyInstance, options: RunServerOptions): Promise<void> {
  limitHeapGrowth()
  closeWithGrace({ delay: options.shutdownTimeoutMs, logger: app.log }, async ({ signal, err }) => {
    if (err !== undefined) app.log.error({ err }, 'fatal error, shutting down')
    else app.log.info({ signal }, 'shutting down')
    await app.close()
  })
  await app.listen({ host: options.host, port: options.port })
}
