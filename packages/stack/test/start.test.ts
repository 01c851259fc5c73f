import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, freePort, waitFor, type TestDatabase } from '@repo/testing'

const cli = join(import.meta.dirname, '..', 'dist', 'cli.js')
let database: TestDatabase

beforeAll(async () => {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: build first (turbo's test task does)`)
  database = await createTestDatabase()
})
afterAll(async () => { await database.drop() })

describe('node dist/cli.js start', () => {
  it('serves GET /api/ through the gateway within 30 s and exits 0 on SIGTERM', async () => {
    const port = await freePort()
    const child = spawn(process.execPath, [cli, 'start'], {
      env: { ...process.env, DATABASE_URL: database.adminUrl, GATEWAY_PORT: String(port), LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString() })
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString() })
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))

    try {
      const startedAt = Date.now()
      const body = await waitFor('GET /api/ through the stack', async () => {
        if (child.exitCode !== null) throw new Error(`the stack exited with ${child.exitCode}:\n${output}`)
        const response = await fetch(`http://127.0.0.1:${port}/api/`).catch(() => undefined)
        return response?.ok === true ? await response.text() : undefined
      }, 30_000)
      expect(body).toBe('{"message":"Pre-Interview Test Platform API","status":"running"}')
      console.info(`stack served GET /api/ after ${Date.now() - startedAt} ms`)
      await waitFor('the announcement', () => output.includes(`The platform API is up at http://127.0.0.1:${port}/api/`) ? true : undefined, 5000)
      expect(output).toMatch(/^gateway +\| /m)
    } finally {
      child.kill('SIGTERM')
    }
    expect(await exited, output).toBe(0)
    expect(output).toContain('all services stopped')
  }, 60_000)
})
