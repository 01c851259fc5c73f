import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

function startServer (env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'slow-server.ts')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit']
  })
  const lines: string[] = []
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => lines.push(...chunk.split('\n').filter(Boolean)))
  const port = new Promise<number>((resolve) => {
    child.stdout.on('data', () => { if (lines[0] !== undefined) resolve(Number(lines[0])) })
  })
  return { child, lines, port, exit: once(child, 'exit') as Promise<[number | null, string | null]> }
}

describe('graceful shutdown', () => {
  it('finishes the request in flight, refuses new connections, runs onClose hooks and exits 0', async () => {
    const server = startServer()
    const port = await server.port
    const inFlight = fetch(`http://127.0.0.1:${port}/slow`)
    await new Promise((resolve) => setTimeout(resolve, 200))
    server.child.kill('SIGTERM')

    const response = await inFlight
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ done: true })
    const [code] = await server.exit
    expect(code).toBe(0)
    expect(server.lines).toContain('closed')
    await expect(fetch(`http://127.0.0.1:${port}/slow`)).rejects.toThrow()
  }, 30_000)

  it('exits anyway when closing takes longer than the shutdown deadline', async () => {
    const server = startServer({ CLOSE_DELAY_MS: '60000', SHUTDOWN_TIMEOUT_MS: '500' })
    await server.port
    const started = Date.now()
    server.child.kill('SIGINT')
    const [code] = await server.exit
    expect(code).toBe(1)
    expect(server.lines).not.toContain('closed')
    // Bounded: far less than the 60 s the hook would take.
    expect(Date.now() - started).toBeLessThan(20_000)
  }, 30_000)
})
