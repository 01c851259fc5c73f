import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { freePort } from '@repo/testing'
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/embedded-postgres.js'

let folder: string | undefined
let server: EmbeddedPostgres | undefined

afterAll(async () => {
  await server?.stop()
  if (folder !== undefined) await rm(folder, { recursive: true, force: true })
})

async function query (url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query(sql)).rows
  } finally {
    await client.end()
  }
}

describe('startEmbeddedPostgres', () => {
  it('initialises a cluster once, serves queries, stops, and starts again on the same data', async () => {
    folder = await mkdtemp(join(tmpdir(), 'stack-pg-'))
    await chmod(folder, 0o755) // as root the server runs as the postgres OS user, which must reach its folder
    const dataDir = join(folder, 'postgres')
    const port = await freePort()
    const lines: string[] = []
    const log = (line: string): void => { lines.push(line) }

    server = await startEmbeddedPostgres({ dataDir, port, log })
    expect(server.url).toBe(`postgres://postgres@127.0.0.1:${port}/postgres`)
    expect(await query(server.url, 'SELECT current_setting(\'server_version_num\')::int >= 180000 AS recent')).toEqual([{ recent: true }])
    await query(server.url, 'CREATE TABLE kept (value text); INSERT INTO kept VALUES (\'still here\')')
    await server.stop()
    await expect(query(server.url, 'SELECT 1')).rejects.toThrow(/ECONNREFUSED/)

    server = await startEmbeddedPostgres({ dataDir, port, log })
    expect(await query(server.url, 'SELECT value FROM kept')).toEqual([{ value: 'still here' }])
    await server.stop()
    server = undefined
    expect(lines.filter((line) => line.startsWith('initialising'))).toHaveLength(1)
  }, 120_000)
})
