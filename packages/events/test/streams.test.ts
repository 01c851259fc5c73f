import { afterAll, describe, expect, it } from 'vitest'
import { deleteTestStreams, testNatsUrl, uniqueName } from '@repo/testing'
import { ensureStream } from '../src/streams.js'
import { naming } from '../src/naming.js'
import { withJsm } from './helpers.js'

const natsUrl = testNatsUrl()
const prefix = uniqueName('t')
const names = naming(prefix)

afterAll(async () => { await deleteTestStreams(natsUrl, prefix).catch(() => {}) })

describe('ensureStream replicas (EVENTS_STREAM_REPLICAS)', () => {
  it('creates the stream with the replicas asked for, and keeps an existing stream\'s when none is asked', async () => {
    await withJsm(natsUrl, async (jsm) => {
      const name = await ensureStream(jsm, names, 'replicated', { replicas: 1 })
      expect((await jsm.streams.info(name)).config.num_replicas).toBe(1)
      await ensureStream(jsm, names, 'replicated')
      expect((await jsm.streams.info(name)).config.num_replicas).toBe(1)
    })
  })

  it('asks JetStream for the number: a new stream of three copies is refused by a single server, an existing one is brought to it', async () => {
    await withJsm(natsUrl, async (jsm) => {
      await expect(ensureStream(jsm, names, 'three-copies', { replicas: 3 })).rejects.toThrow(/replica|cluster|resources/i)
      const grown = await ensureStream(jsm, names, 'grown', { replicas: 1 })
      await ensureStream(jsm, names, 'grown', { replicas: 3 })
      expect((await jsm.streams.info(grown)).config.num_replicas).toBe(3)
    })
  })
})
