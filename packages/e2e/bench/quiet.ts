import { setTimeout as sleep } from 'node:timers/promises'
import { connect } from 'nats'

/**
 * Waits (bounded) until every durable consumer of the stack's streams has nothing pending and nothing
 * unacknowledged: the events an earlier run caused (signaling, assessment and invitation follow every
 * submission too) are all handled, so the next run is measured on an idle stack, not on a backlog.
 */
export async function waitForQuietConsumers (natsUrl: string, eventsPrefix: string, timeoutMs = 60_000): Promise<void> {
  const connection = await connect({ servers: natsUrl, timeout: 5000 })
  try {
    const jsm = await connection.jetstreamManager()
    const ours = `${eventsPrefix.toUpperCase()}_`
    const deadline = Date.now() + timeoutMs
    for (;;) {
      let busy = 0
      for await (const stream of jsm.streams.list()) {
        if (!stream.config.name.startsWith(ours)) continue
        for await (const consumer of jsm.consumers.list(stream.config.name)) busy += consumer.num_pending + consumer.num_ack_pending
      }
      if (busy === 0) return
      if (Date.now() > deadline) throw new Error(`${busy} events still unhandled after ${timeoutMs} ms`)
      await sleep(200)
    }
  } finally {
    await connection.close()
  }
}
