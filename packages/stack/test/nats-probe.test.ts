import { createServer } from 'node:net'
import { describe, expect, it } from 'vitest'
import { freePort, testNatsUrl } from '@repo/testing'
import { howToStartNats, natsAddress, probeNats } from '../src/nats-probe.js'

describe('probeNats', () => {
  it('reads the INFO line of the running server', async () => {
    expect(await probeNats(testNatsUrl(), 2000)).toMatchObject({ ok: true, jetstream: true, version: expect.stringMatching(/^2\./) })
  })

  it('reports a port where nothing listens', async () => {
    const result = await probeNats(`nats://127.0.0.1:${await freePort()}`, 2000)
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/ECONNREFUSED/) })
  })

  it('tells a server that is not NATS apart', async () => {
    const server = createServer((socket) => socket.end('SSH-2.0-OpenSSH\r\n'))
    const port = await freePort()
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
    try {
      expect(await probeNats(`nats://127.0.0.1:${port}`, 2000)).toMatchObject({ ok: false, reason: expect.stringMatching(/not a NATS server/) })
    } finally {
      server.close()
    }
  })

  it('takes the first of several servers and the default port', () => {
    expect(natsAddress('nats://user:pw@10.0.0.1,nats://10.0.0.2:4223')).toEqual({ host: '10.0.0.1', port: 4222 })
  })

  it('says exactly how to start one', () => {
    expect(howToStartNats('nats://127.0.0.1:4222', 'refused')).toMatch(/apt-get install -y nats-server[\s\S]*nats-server -js -sd \.data\/nats -a 127\.0\.0\.1 -p 4222[\s\S]*docker compose up -d nats/)
  })
})
