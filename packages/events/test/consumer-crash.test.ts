import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ServiceApp } from '@repo/kit'
import { waitFor } from '@repo/testing'
import { naming } from '../src/naming.js'
import { buildConsumer, buildProducer, type ExampleEnvironment } from './fixtures/example-apps.js'
import { NoteCreatedV1 } from './fixtures/events.js'
import { createEnvironment, effectsFor, withJsm, type TestEnvironment } from './helpers.js'

let env: TestEnvironment
let exampleEnv: ExampleEnvironment
const apps: ServiceApp[] = []

beforeAll(async () => {
  env = await createEnvironment()
  exampleEnv = { urlFor: env.database.urlFor, natsUrl: env.natsUrl, prefix: env.prefix }
})

afterAll(async () => {
  await Promise.all(apps.map(async (app) => { await app.close() }))
  await env.cleanup()
})

describe('a consumer that dies before acknowledging', () => {
  it('gets the message again elsewhere, and the effect happens once', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'crashing-consumer.ts')], {
      env: { ...process.env, EXAMPLE_CONSUMER_URL: env.database.urlFor('excons'), NATS_URL: env.natsUrl, EVENTS_PREFIX: env.prefix },
      stdio: ['ignore', 'pipe', 'inherit']
    })
    const exited = once(child, 'exit')
    await once(child.stdout, 'data')
    const names = naming(env.prefix)
    // Ready once its pull request waits on the durable consumer, so the note goes to this process.
    await waitFor('the doomed consumer to pull', async () => await withJsm(env.natsUrl, async (jsm) => {
      const info = await jsm.consumers.info(names.streamName('exprod'), names.durableName('excons', NoteCreatedV1.subject)).catch(() => undefined)
      return info !== undefined && info.num_waiting > 0 ? true : undefined
    }), 30_000)

    const producer = await buildProducer(exampleEnv)
    apps.push(producer)
    expect((await producer.inject({ method: 'POST', url: '/notes', payload: { text: 'crash-mid-handler' } })).statusCode).toBe(200)

    const [, signal] = await exited as [number | null, string | null]
    expect(signal).toBe('SIGKILL')
    // Its transaction died with it: nothing was committed.
    expect(await effectsFor(env.admin, 'crash-mid-handler')).toEqual([])

    apps.push(await buildConsumer(exampleEnv, { replica: 'survivor' }))
    const effects = await waitFor('the redelivered effect', async () => {
      const rows = await effectsFor(env.admin, 'crash-mid-handler')
      return rows.length > 0 ? rows : undefined
    })
    expect(effects).toEqual([expect.objectContaining({ handled_by: 'survivor', deliveries: 2 })])
  })
})
