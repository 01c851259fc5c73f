import { connect as tcpConnect } from 'node:net'
import { connect } from 'nats'
import { afterAll, describe, expect, it } from 'vitest'
import { deleteTestStreams, freePort, startPrivateNats, uniqueName, waitFor, type PrivateNats } from '../src/index.js'

const servers: PrivateNats[] = []
afterAll(async () => { await Promise.all(servers.map(async (server) => { await server.dispose() })) })

async function answers (port: number): Promise<boolean> {
  return await new Promise((resolve) => {
    const socket = tcpConnect(port, '127.0.0.1')
    socket.once('connect', () => { socket.destroy(); resolve(true) })
    socket.once('error', () => resolve(false))
  })
}

describe('waitFor', () => {
  it('returns the first defined value', async () => {
    let calls = 0
    expect(await waitFor('three calls', () => ++calls === 3 ? 'done' : undefined)).toBe('done')
  })

  it('fails with what it waited for', async () => {
    await expect(waitFor('a miracle', () => undefined, 100)).rejects.toThrow('Timed out after 100 ms waiting for a miracle')
  })
})

describe('private nats-server', () => {
  it('runs JetStream on a free port and keeps its store across a restart', async () => {
    const nats = await startPrivateNats()
    servers.push(nats)
    const prefix = uniqueName('t')
    const first = await connect({ servers: nats.url })
    await (await first.jetstreamManager()).streams.add({ name: `${prefix.toUpperCase()}_KEEP`, subjects: [`${prefix}.keep.>`] })
    await first.jetstream().publish(`${prefix}.keep.one`, new TextEncoder().encode('kept'))
    await first.close()

    await nats.stop()
    expect(await answers(nats.port)).toBe(false)
    await nats.start()

    const second = await connect({ servers: nats.url })
    const jsm = await second.jetstreamManager()
    expect((await jsm.streams.info(`${prefix.toUpperCase()}_KEEP`)).state.messages).toBe(1)
    await second.close()

    await deleteTestStreams(nats.url, prefix)
    const third = await connect({ servers: nats.url })
    await expect((await third.jetstreamManager()).streams.info(`${prefix.toUpperCase()}_KEEP`)).rejects.toThrow(/not found/)
    await third.close()
  })

  it('hands out ports nobody listens on', async () => {
    expect(await answers(await freePort())).toBe(false)
  })
})
