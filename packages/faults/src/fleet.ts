import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { findWorkspaceRoot, serviceDatabaseUrl } from '@repo/db'
import { createTestDatabase } from '@repo/db/testing'
import { discoverServices, envName, migrateAll, type ServiceInfo } from '@repo/stack'
import { deleteTestStreams, freePort, testNatsUrl, uniqueName } from '@repo/testing'
import { serviceProcess, type ServiceProcess } from './service-process.js'

export type FleetOptions = {
  /** Replicas per service; one of each by default. */
  replicas?: Record<string, number>
  /** The NATS the services use: the shared one by default; a test that stops NATS passes its private one. */
  natsUrl?: string
  /** Further variables for every service. */
  env?: Record<string, string>
  /** Further variables for one service (by name), over `env`. */
  serviceEnv?: Record<string, Record<string, string>>
}

export type Fleet = {
  gatewayUrl: string
  /** Administrator URL of the fleet's own database, for checking what was stored. */
  databaseUrl: string
  natsUrl: string
  /** EVENTS_PREFIX: the fleet's own subjects and streams. */
  eventsPrefix: string
  /** A replica of a service (the first by default). */
  service: (name: string, replica?: number) => ServiceProcess
  /** Kills every process, then removes the database and the streams. */
  stop: () => Promise<void>
  /** The last lines every process printed, for a failing test's message. */
  output: () => string
}

// Limits that would refuse a test's own load from one address; the limits are covered by their own tests.
const UNLIMITED = '100000000'
const LIFTED_LIMITS = { LOGIN_RATE_LIMIT_PER_IP: UNLIMITED, LOGIN_RATE_LIMIT_PER_ACCOUNT: UNLIMITED, RATE_LIMIT_PER_MINUTE: UNLIMITED, AUTH_RATE_LIMIT_PER_MINUTE: UNLIMITED, INVITE_TOKEN_RATE_LIMIT_PER_MINUTE: UNLIMITED }

/**
 * Every service as processes of their own, started from the checkout's `dist/` as `pnpm start` runs
 * them, with a database, stream prefix and ports of the fleet's own, so a test can kill and restart
 * any one of them (or several replicas of one) while the rest keep running. The gateway gets every
 * replica's URL; a service calling another gets the first replica's.
 */
export async function startFleet (options: FleetOptions = {}): Promise<Fleet> {
  const root = findWorkspaceRoot(import.meta.dirname)
  const services = await discoverServices(root)
  const database = await createTestDatabase()
  const natsUrl = options.natsUrl ?? testNatsUrl()
  const eventsPrefix = uniqueName('t')
  const processes: ServiceProcess[] = []
  const cleanUp = async (): Promise<void> => {
    await Promise.all(processes.map(async (process) => { await process.kill('SIGKILL') }))
    await deleteTestStreams(natsUrl, eventsPrefix).catch(() => {})
    await database.drop()
  }
  try {
    await migrateAll({ adminUrl: database.adminUrl, root, services, env: {}, log: () => {} })
    const urls = new Map<string, string[]>()
    const ports = new Map<string, number[]>()
    for (const service of services) {
      const count = options.replicas?.[service.name] ?? 1
      const servicePorts = await Promise.all(Array.from({ length: count }, async () => await freePort()))
      ports.set(service.name, servicePorts)
      urls.set(service.name, servicePorts.map((port) => `http://127.0.0.1:${port}`))
    }
    const shared: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      NATS_URL: natsUrl,
      EVENTS_PREFIX: eventsPrefix,
      LOG_LEVEL: process.env.FAULTS_LOG_LEVEL ?? 'warn',
      BCRYPT_COST: '4',
      // An event a killed replica held comes back after 5 s instead of 30 s: the tests wait less, and
      // an early second delivery is exercised too (the inbox must absorb it).
      EVENTS_ACK_WAIT_MS: '5000',
      // Shared by every replica and kept over restarts, as a deployment keeps them.
      JWT_PRIVATE_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      INTERNAL_API_TOKEN: randomBytes(32).toString('base64url'),
      ...LIFTED_LIMITS,
      ...options.env
    }
    const envFor = (service: ServiceInfo, port: number): NodeJS.ProcessEnv => {
      const env: NodeJS.ProcessEnv = { ...shared, PORT: String(port) }
      if (service.schema !== undefined) env.DATABASE_URL = serviceDatabaseUrl(database.adminUrl, service.schema)
      for (const [other, otherUrls] of urls) {
        if (other !== service.name) env[`${envName(other)}_URL`] = service.name === 'gateway' ? otherUrls.join(',') : otherUrls[0]
      }
      return { ...env, ...options.serviceEnv?.[service.name] }
    }
    for (const service of services) {
      processes.push(...(ports.get(service.name) ?? []).map((port, replica) => serviceProcess({ name: service.name, replica, dir: service.dir, port, env: envFor(service, port) })))
    }
    // The services first, all at once; the gateway last, so it finds them ready.
    const startAll = async (list: ServiceProcess[]) => { await Promise.all(list.map(async (process) => { await process.start() })) }
    await startAll(processes.filter((process) => process.name !== 'gateway'))
    await startAll(processes.filter((process) => process.name === 'gateway'))
  } catch (error) {
    await cleanUp()
    throw error
  }

  const service = (name: string, replica = 0): ServiceProcess => {
    const found = processes.find((process) => process.name === name && process.replica === replica)
    if (found === undefined) throw new Error(`No ${name} #${replica} in this fleet`)
    return found
  }
  return {
    gatewayUrl: service('gateway').url,
    databaseUrl: database.adminUrl,
    natsUrl,
    eventsPrefix,
    service,
    stop: cleanUp,
    output: () => processes.map((process) => `--- ${process.name} #${process.replica}\n${process.output().slice(-2000)}`).join('\n')
  }
}
