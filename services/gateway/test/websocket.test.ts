import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Writable } from 'node:stream'
import pino from 'pino'
import { afterAll, describe, expect, it } from 'vitest'
import WebSocket, { WebSocketServer } from 'ws'
import { loggerOptions, type ServiceApp } from '@repo/kit'
import { freePort } from '@repo/testing'
import { buildGateway, type BuildGatewayOptions } from '../src/app.js'

type Upgrade = { url: string, requestId: string | undefined }
type WsReplica = { name: string, url: string, upgrades: Upgrade[] }

const servers: Server[] = []
const gateways: ServiceApp[] = []

/** A WebSocket service replica: greets each connection with its name, echoes messages, records upgrades. */
async function wsReplica (name: string): Promise<WsReplica> {
  const upgrades: Upgrade[] = []
  const server = createServer((_request, response) => { response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ replica: name })) })
  const wss = new WebSocketServer({ server })
  wss.on('connection', (socket, request) => {
    const requestId = request.headers['x-request-id']
    upgrades.push({ url: request.url ?? '', requestId: Array.isArray(requestId) ? requestId[0] : requestId })
    socket.send(name)
    socket.on('message', (data: Buffer) => { socket.send(`${name}:${data.toString()}`) })
  })
  servers.push(server)
  await new Promise<void>((resolve) => { server.listen(0, '127.0.0.1', resolve) })
  return { name, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, upgrades }
}

async function listeningGateway (urls: string[], extra: Partial<BuildGatewayOptions> = {}): Promise<number> {
  const gateway = buildGateway({
    upstreams: [{ name: 'signaling', urls, prefixes: ['/api/ws'], websocket: true }],
    logLevel: 'silent',
    upstreamTimeoutMs: 1000,
    ...extra
  })
  gateways.push(gateway)
  await gateway.listen({ host: '127.0.0.1', port: 0 })
  return (gateway.server.address() as AddressInfo).port
}

type Opened = { socket: WebSocket, greeting: string }

/** Opens a WebSocket through the gateway and waits for the replica's greeting (or the refusal). */
async function open (port: number, path: string, headers: Record<string, string> = {}): Promise<Opened> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}${path}`, { headers })
  return await new Promise((resolve, reject) => {
    socket.once('message', (data: Buffer) => { resolve({ socket, greeting: data.toString() }) })
    socket.once('unexpected-response', (_request, response) => {
      let body = ''
      response.on('data', (chunk: Buffer) => { body += chunk.toString() })
      response.on('end', () => { reject(Object.assign(new Error(`HTTP ${response.statusCode ?? 0}`), { statusCode: response.statusCode, body })) })
    })
    socket.once('error', reject)
  })
}

async function roundTrip (socket: WebSocket, text: string): Promise<string> {
  return await new Promise((resolve) => {
    socket.once('message', (data: Buffer) => { resolve(data.toString()) })
    socket.send(text)
  })
}

afterAll(async () => {
  await Promise.all(gateways.map(async (gateway) => { await gateway.close() }))
  await Promise.all(servers.map(async (server) => {
    server.closeAllConnections()
    await new Promise((resolve) => { server.close(resolve) })
  }))
})

describe('WebSocket proxy', () => {
  it('opens each WebSocket on a replica in turn and passes the request id', async () => {
    const [a, b] = [await wsReplica('a'), await wsReplica('b')]
    const port = await listeningGateway([a.url, b.url])
    const first = await open(port, '/api/ws/room/1?token=abc', { 'x-request-id': 'ws-req-1' })
    const second = await open(port, '/api/ws/room/1')
    try {
      expect([first.greeting, second.greeting]).toEqual(['a', 'b'])
      expect(await roundTrip(first.socket, 'hi')).toBe('a:hi')
      expect(await roundTrip(second.socket, 'there')).toBe('b:there')
      expect(a.upgrades).toEqual([{ url: '/api/ws/room/1?token=abc', requestId: 'ws-req-1' }])
      // No id given: the gateway's own, as for HTTP.
      expect(b.upgrades[0]?.requestId).toMatch(/^[0-9a-f-]{36}$/)
    } finally {
      first.socket.close()
      second.socket.close()
    }
  })

  it('skips a replica that refuses connections', async () => {
    const live = await wsReplica('live')
    const port = await listeningGateway([`http://127.0.0.1:${await freePort()}`, live.url])
    const opened = [await open(port, '/api/ws/x'), await open(port, '/api/ws/x'), await open(port, '/api/ws/x')]
    try {
      expect(opened.map((entry) => entry.greeting)).toEqual(['live', 'live', 'live'])
    } finally {
      for (const entry of opened) entry.socket.close()
    }
  })

  it('answers the upgrade 503 in the error envelope when no replica accepts', async () => {
    const port = await listeningGateway([`http://127.0.0.1:${await freePort()}`, `http://127.0.0.1:${await freePort()}`])
    const started = Date.now()
    const refused = await open(port, '/api/ws/x').then(() => undefined, (error: unknown) => error as { statusCode?: number, body?: string })
    expect(refused?.statusCode).toBe(503)
    expect(JSON.parse(refused?.body ?? '{}')).toEqual({ detail: 'The service is unavailable, please retry', code: 'GATEWAY_UPSTREAM_UNAVAILABLE' })
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it('never writes a `?token=` to the log, at any level', async () => {
    let output = ''
    const sink = new Writable({ write (chunk: Buffer, _encoding, callback) { output += chunk.toString(); callback() } })
    const logger = pino(loggerOptions('gateway', 'trace'), sink)
    const live = await wsReplica('logged')
    const dead = `http://127.0.0.1:${await freePort()}`
    const port = await listeningGateway([live.url], { logger })
    const deadPort = await listeningGateway([dead], { logger })

    const opened = await open(port, '/api/ws/room/7?token=secret-ws-token&x=1')
    expect(await roundTrip(opened.socket, 'ping')).toBe('logged:ping')
    opened.socket.close()
    await open(deadPort, '/api/ws/room/7?token=secret-dead-token').catch(() => undefined)
    // Plain HTTP under the same prefix, to a live and a dead replica.
    expect((await fetch(`http://127.0.0.1:${port}/api/ws/info?token=secret-http-token`)).status).toBe(200)
    expect((await fetch(`http://127.0.0.1:${deadPort}/api/ws/info?access_token=secret-dead-http-token`)).status).toBe(503)

    // The lines that carry the URL were written (http-proxy's debug line, the request logs), redacted.
    expect(output).toContain('proxy websocket')
    expect(output).toContain('token=[redacted]')
    expect(output).toContain('upstream request failed')
    expect(output).not.toContain('secret-')
  })
})
