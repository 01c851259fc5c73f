import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

// Below the kernel's ephemeral range (32768 and up on Linux), so the port cannot be taken, between
// being found and being listened on, as the local end of one of the many outgoing connections a load
// test or benchmark opens (an EADDRINUSE seen in the fault tests while a benchmark ran).
const PORT_RANGE = { first: 20_000, last: 32_000 }

async function listensOn (port: number): Promise<number | undefined> {
  return await new Promise((resolve) => {
    const server = createServer()
    server.unref()
    server.once('error', () => { resolve(undefined) })
    server.listen(port, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => { resolve(typeof address === 'object' && address !== null ? address.port : undefined) })
    })
  })
}

/** A free TCP port on the loopback interface, outside the range the kernel hands to outgoing connections. */
export async function freePort (): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await listensOn(PORT_RANGE.first + Math.floor(Math.random() * (PORT_RANGE.last - PORT_RANGE.first)))
    if (port !== undefined) return port
  }
  const anyPort = await listensOn(0)
  if (anyPort === undefined) throw new Error('no free port on 127.0.0.1')
  return anyPort
}

export async function waitForPort (port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1')
      socket.once('connect', () => { socket.destroy(); resolve(true) })
      socket.once('error', () => resolve(false))
    })
    if (open) return
    await sleep(50)
  }
  throw new Error(`Nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`)
}

function natsServerBinary (): string {
  const candidates = [process.env.NATS_SERVER_BIN, '/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server']
  const found = candidates.find((candidate) => candidate !== undefined && existsSync(candidate))
  if (found === undefined) throw new Error('nats-server is not installed (apt-get install nats-server), or set NATS_SERVER_BIN')
  return found
}

export type PrivateNats = {
  url: string
  port: number
  /** Stops the server (SIGTERM, then SIGKILL); its JetStream store is kept for the next start. */
  stop: () => Promise<void>
  /** Starts it again on the same port with the same store. */
  start: () => Promise<void>
  /** Stops it and deletes its store. */
  dispose: () => Promise<void>
}

/**
 * A nats-server with JetStream of the test's own, on a free port with its own store folder, for tests
 * that stop or kill NATS: the shared server other tests use is never touched.
 */
export async function startPrivateNats (): Promise<PrivateNats> {
  const port = await freePort()
  const storeDir = await mkdtemp(join(tmpdir(), 'nats-test-'))
  let child: ChildProcess | undefined

  const start = async (): Promise<void> => {
    const server = spawn(natsServerBinary(), ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir], { stdio: 'ignore' })
    child = server
    await waitForPort(port, 10_000)
  }
  const stop = async (): Promise<void> => {
    const server = child
    child = undefined
    if (server === undefined || server.exitCode !== null) return
    const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()))
    server.kill('SIGTERM')
    const killTimer = setTimeout(() => server.kill('SIGKILL'), 5000)
    await exited
    clearTimeout(killTimer)
  }
  await start()
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    start,
    stop,
    dispose: async () => {
      await stop()
      await rm(storeDir, { recursive: true, force: true })
    }
  }
}
