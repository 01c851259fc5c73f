import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ServiceApp } from '@repo/kit'
import { waitFor } from '@repo/testing'
import { naming } from '../src/naming.js'
import { buildConsumer, buildProducer, type ExampleEnvironment } from './fixtures/example-apps.js'
import { NoteCreatedV1 } from './fixtures/events.js'
import { createEnvironment, effectsFor, withJsm, type TestEnvironment } from './helpers.js'

let env: TestEnvironment
let exampleEnv: ExampleEnvironment
let producer: ServiceApp

beforeAll(async () => {
  env = await createEnvironment()
  exampleEnv = { urlFor: env.database.urlFor, natsUrl: env.natsUrl, prefix: env.prefix }
  producer = await buildProducer(exampleEnv)
})

afterAll(async () => {
  await producer.close()
  await env.cleanup()
})

describe('closing a consumer', () => {
  it('lets the handler in progress commit and acknowledge before the connections close', async () => {
    let started = false
    const consumer = await buildConsumer(exampleEnv, {
      replica: 'closing',
      afterEffect: async () => {
        started = true
        await sleep(1000)
      }
    })
    expect((await producer.inject({ method: 'POST', url: '/notes', payload: { text: 'slow-handler' } })).statusCode).toBe(200)
    await waitFor('the handler to start', () => started ? true : undefined)
    await consumer.close()

    expect(await effectsFor(env.admin, 'slow-handler')).toEqual([expect.objectContaining({ deliveries: 1 })])
    const names = naming(env.prefix)
    const state = await withJsm(env.natsUrl, async (jsm) => await jsm.consumers.info(names.streamName('exprod'), names.durableName('excons', NoteCreatedV1.subject)))
    expect(state.num_ack_pending).toBe(0)
    expect(state.ack_floor.stream_seq).toBe(state.delivered.stream_seq)
  })
})
