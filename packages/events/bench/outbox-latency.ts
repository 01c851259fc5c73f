// Benchmark: how long an event takes from the producer's call to the consumer's committed effect,
// through the transactional outbox and the idempotent consumer, next to a bare JetStream
// publish/consume on the same server. Producer, relay and consumer share this one process (and the
// machine's two cores with Postgres and NATS), so figures are pessimistic; compare the ratio.
// Run by `pnpm bench`; loopback only, bounded in count and time.
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { AckPolicy, StringCodec, connect } from 'nats'
import { findWorkspaceRoot } from '@repo/db'
import { testNatsUrl, waitFor } from '@repo/testing'
import { naming } from '../src/naming.js'
import { ensureStream } from '../src/streams.js'
import { buildConsumer, buildProducer } from '../test/fixtures/example-apps.js'
import { createEnvironment } from '../test/helpers.js'

const RATE_PER_SECOND = Number(process.env.BENCH_RATE ?? 200)
const COUNT = Number(process.env.BENCH_COUNT ?? 1000)

type Stats = { count: number, p50: number, p99: number, max: number, perSecond: number }

function stats (latencies: number[], elapsedMs: number): Stats {
  const sorted = [...latencies].sort((a, b) => a - b)
  const round = (ms: number) => Math.round(ms * 10) / 10
  const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN)
  return { count: sorted.length, p50: at(0.5), p99: at(0.99), max: round(sorted.at(-1) ?? Number.NaN), perSecond: Math.round(sorted.length / (elapsedMs / 1000)) }
}

/** Calls `send(i)` COUNT times at a steady rate; returns the elapsed time. */
async function paced (send: (index: number) => Promise<void>): Promise<number> {
  const started = performance.now()
  const pending: Promise<void>[] = []
  for (let index = 0; index < COUNT; index++) {
    const due = started + (index * 1000) / RATE_PER_SECOND
    const wait = due - performance.now()
    if (wait > 0) await sleep(wait)
    pending.push(send(index))
  }
  await Promise.all(pending)
  return performance.now() - started
}

const env = await createEnvironment(testNatsUrl())
const codec = StringCodec()
try {
  // Bare JetStream: publish with an ack, a durable pull consumer acks each message.
  const bare: number[] = []
  const connection = await connect({ servers: env.natsUrl })
  const names = naming(`${env.prefix}_bare`)
  const jsm = await connection.jetstreamManager()
  const stream = await ensureStream(jsm, names, 'bench')
  await jsm.consumers.add(stream, { durable_name: 'bench', ack_policy: AckPolicy.Explicit })
  const messages = await (await connection.jetstream().consumers.get(stream, 'bench')).consume({ max_messages: 64 })
  void (async () => {
    for await (const message of messages) {
      bare.push(performance.now() - Number(codec.decode(message.data)))
      message.ack()
    }
  })()
  const bareElapsed = await paced(async () => {
    await connection.jetstream().publish(names.subject('bench.tick.v1'), codec.encode(String(performance.now())))
  })
  await waitFor('bare deliveries', () => bare.length >= COUNT ? true : undefined, 60_000)
  await messages.close()
  await jsm.streams.delete(stream)
  await connection.close()

  // The platform's path: HTTP handler -> transaction with outbox row -> NOTIFY -> relay -> JetStream ->
  // durable consumer -> inbox + effect committed.
  const outbox: number[] = []
  const exampleEnv = { urlFor: env.database.urlFor, natsUrl: env.natsUrl, prefix: env.prefix }
  const producer = await buildProducer(exampleEnv)
  const consumer = await buildConsumer(exampleEnv, {
    replica: 'bench',
    afterEffect: (text) => { outbox.push(performance.now() - Number(text.split(':')[1])) }
  })
  const accepted: number[] = []
  const outboxElapsed = await paced(async () => {
    const sentAt = performance.now()
    const response = await producer.inject({ method: 'POST', url: '/notes', payload: { text: `bench:${sentAt}` } })
    if (response.statusCode !== 200) throw new Error(`POST /notes answered ${response.statusCode}`)
    accepted.push(performance.now() - sentAt)
  })
  await waitFor('outbox deliveries', () => outbox.length >= COUNT ? true : undefined, 60_000)
  await consumer.close()
  await producer.close()

  const { rows } = await env.admin.query('SELECT count(*)::int AS effects, count(DISTINCT event_id)::int AS distinct_events FROM excons.effects')
  const results = {
    ratePerSecond: RATE_PER_SECOND,
    bareJetStream: stats(bare, bareElapsed),
    outboxAccepted: stats(accepted, outboxElapsed),
    outboxToEffect: stats(outbox, outboxElapsed),
    lost: COUNT - rows[0].distinct_events,
    duplicated: rows[0].effects - rows[0].distinct_events
  }
  const ratio = (results.outboxToEffect.p50 / results.bareJetStream.p50).toFixed(1)
  console.log(`\nEvents: ${COUNT} at ${RATE_PER_SECOND}/s (latency in ms from the producer's call to the consumer's handler)`)
  console.table({ 'bare JetStream': results.bareJetStream, 'outbox: request answered': results.outboxAccepted, 'outbox -> effect': results.outboxToEffect })
  console.log(`outbox p50 / bare p50: ${ratio}x   lost: ${results.lost}   duplicated: ${results.duplicated}\n`)
  const folder = join(findWorkspaceRoot(import.meta.dirname), 'bench', 'results')
  await mkdir(folder, { recursive: true })
  await writeFile(join(folder, 'events-outbox-latency.json'), `${JSON.stringify({ at: new Date().toISOString(), ...results }, null, 2)}\n`)
} finally {
  await env.cleanup()
}
