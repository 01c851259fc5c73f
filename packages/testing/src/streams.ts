import { connect } from 'nats'

/**
 * Deletes the JetStream streams of a test run (named `<PREFIX>_<PRODUCER>`), plus those of runs that
 * were killed before cleaning up (older than six hours), so test streams never pile up on the shared server.
 */
export async function deleteTestStreams (natsUrl: string, prefix: string): Promise<void> {
  const connection = await connect({ servers: natsUrl, timeout: 3000 })
  try {
    const jsm = await connection.jetstreamManager()
    const ours = `${prefix.toUpperCase()}_`
    const staleBefore = Date.now() - 6 * 60 * 60 * 1000
    for await (const stream of jsm.streams.list()) {
      const name = stream.config.name
      const isStaleTestStream = /^T[0-9A-Z]+_[0-9A-F]+_/.test(name) && Date.parse(stream.created) < staleBefore
      if (name.startsWith(ours) || isStaleTestStream) await jsm.streams.delete(name).catch(() => false)
    }
  } finally {
    await connection.close()
  }
}
