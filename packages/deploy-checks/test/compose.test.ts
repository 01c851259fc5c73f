import { resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  INFRASTRUCTURE, REQUIRED_SECRETS, dockerCompose, mount, platformServices, publishedPort, read, resolvedCompose, root,
  serviceConfigVariables, type ComposeModel, type ComposeService
} from './repo.js'

const BASE = ['docker-compose.yml']
const REPLICAS = ['docker-compose.yml', 'docker-compose.replicas.yml']

const services = platformServices()
const dataServices = services.filter((service) => service.schema !== undefined)
const gatewayPort = services.find((service) => service.name === 'gateway')?.port

// Set by the image (Dockerfile ENV) rather than by compose, or only for tests.
const SET_BY_IMAGE = new Set(['HOST', 'PORT', 'SQL_DIR'])
const TESTS_ONLY = new Set(['EVENTS_PREFIX'])

const envOf = (service: ComposeService): Record<string, string> =>
  Object.fromEntries(Object.entries(service.environment ?? {}).map(([name, value]) => [name, value ?? '']))

function healthCommand (service: ComposeService): string {
  const test = service.healthcheck?.test
  return Array.isArray(test) ? test.join(' ') : (test ?? '')
}

describe('the compose files, read by Debian\'s docker-compose', () => {
  it('accepts docker-compose.yml alone and with the replicas override', () => {
    for (const files of [BASE, REPLICAS]) {
      const run = dockerCompose(files, ['config', '-q'], REQUIRED_SECRETS)
      expect(run.stderr, files.join(' + ')).toBe('')
      expect(run.status, files.join(' + ')).toBe(0)
    }
  })

  it('refuses to start without the secrets, naming each and saying where to set it', () => {
    for (const secret of Object.keys(REQUIRED_SECRETS)) {
      const others = Object.fromEntries(Object.entries(REQUIRED_SECRETS).filter(([name]) => name !== secret))
      const run = dockerCompose(BASE, ['config', '-q'], others)
      expect(run.status).not.toBe(0)
      expect(run.stderr).toContain(`Set ${secret} in .env`)
    }
  })
})

describe.each([
  ['docker-compose.yml', BASE, 1],
  ['docker-compose.yml + docker-compose.replicas.yml', REPLICAS, 2]
])('the stack of %s', (_label, files, replicas) => {
  // Resolved once per file set; when docker-compose is missing or refuses the files, every test says why.
  let model: ComposeModel
  beforeAll(() => { model = resolvedCompose(files) })
  const names = (service: string) => replicas === 1 || service === 'gateway' ? [service] : [service, `${service}-2`]
  const appServices = services.flatMap((service) => names(service.name).map((name) => ({ ...service, name })))

  it('runs Postgres, NATS, Mailpit and every service (the data services twice with replicas)', () => {
    expect(Object.keys(model.services).sort()).toEqual([...INFRASTRUCTURE, ...appServices.map((service) => service.name)].sort())
  })

  it('gives every container a health check and a restart policy', () => {
    for (const [name, service] of Object.entries(model.services)) {
      expect(service.healthcheck?.disable, name).not.toBe(true)
      expect(healthCommand(service), name).toMatch(/^CMD(-SHELL)? \S/)
      expect(service.restart, name).toBe('unless-stopped')
    }
    for (const service of appServices) {
      expect(healthCommand(model.services[service.name] as ComposeService), service.name).toBe('CMD node /usr/local/lib/healthcheck.mjs')
      // Docker's default 10 s would cut the services' own shutdown (SHUTDOWN_TIMEOUT_MS, 10 s) short.
      expect(model.services[service.name]?.stop_grace_period, service.name).toBe('15s')
    }
  })

  it('starts each service after what it needs is healthy, and the gateway after every service', () => {
    for (const [name, service] of Object.entries(model.services)) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect(condition, `${name} -> ${dependency}`).toBe('service_healthy')
      }
    }
    for (const service of appServices.filter((service) => service.schema !== undefined)) {
      expect(Object.keys(model.services[service.name]?.depends_on ?? {}), service.name).toEqual(expect.arrayContaining(['postgres', 'nats']))
    }
    expect(Object.keys(model.services.invitation?.depends_on ?? {})).toContain('mailpit')
    expect(Object.keys(model.services.gateway?.depends_on ?? {}).sort())
      .toEqual(appServices.filter((service) => service.name !== 'gateway').map((service) => service.name).sort())
  })

  it('builds each service from the Dockerfile target of its name', () => {
    for (const service of appServices) {
      const definition = model.services[service.name] as ComposeService
      const base = service.name.replace(/-2$/, '')
      expect(definition.build?.target, service.name).toBe(base)
      expect(definition.build?.context, service.name).toBe(resolve(root))
      expect(definition.image, service.name).toBe(`pre-interview-platform/${base}:local`)
    }
  })

  it('publishes the API on 8000 and the mail UI on 8025; the infrastructure only on 127.0.0.1, the services not at all', () => {
    const published = (name: string) => (model.services[name]?.ports ?? []).map(publishedPort)
    expect(published('gateway')).toEqual([`*:${gatewayPort}->${gatewayPort}`])
    expect(published('mailpit')).toContain('127.0.0.1:8025->8025')
    for (const name of INFRASTRUCTURE) {
      for (const port of published(name)) expect(port, name).toMatch(/^127\.0\.0\.1:/)
    }
    for (const service of appServices.filter((service) => service.name !== 'gateway')) expect(published(service.name), service.name).toEqual([])
  })

  it('keeps Postgres and the NATS JetStream store on named volumes, and applies sql/ to a new database', () => {
    const volume = (name: string, target: string) => model.services[name]?.volumes?.map(mount).find((mounted) => mounted.target === target)
    expect(volume('postgres', '/var/lib/postgresql/data')).toMatchObject({ type: 'volume', source: 'postgres-data' })
    const nats = model.services.nats as ComposeService
    const command = Array.isArray(nats.command) ? nats.command : String(nats.command).split(' ')
    expect(command).toContain('--jetstream')
    const storeDir = command[command.indexOf('--store_dir') + 1] as string
    expect(volume('nats', storeDir)).toMatchObject({ type: 'volume', source: 'nats-data' })
    expect(Object.keys(model.volumes ?? {}).sort()).toEqual(['nats-data', 'postgres-data'])
    expect(volume('postgres', '/docker-entrypoint-initdb.d/10-platform.sh')).toMatchObject({ type: 'bind', readOnly: true })
    expect(volume('postgres', '/platform-sql')).toMatchObject({ type: 'bind', readOnly: true })
    expect(read('docker/postgres-init.sh')).toContain('00-init.sql')
  })

  it('connects each data service as its own role, to NATS and, for invitation, to Mailpit', () => {
    for (const service of appServices.filter((service) => service.schema !== undefined)) {
      const env = envOf(model.services[service.name] as ComposeService)
      const url = new URL(env.DATABASE_URL ?? '')
      expect(url.username, service.name).toBe(service.schema)
      expect(`${url.hostname}:${url.port}${url.pathname}`, service.name).toBe('postgres:5432/interview_platform')
      expect(env.NATS_URL, service.name).toBe('nats://nats:4222')
      if ('IDENTITY_URL' in env) expect(env.IDENTITY_URL, service.name).toBe(`http://identity:${services.find((s) => s.name === 'identity')?.port}`)
    }
    expect(envOf(model.services.invitation as ComposeService).SMTP_URL).toBe('smtp://mailpit:1025')
  })

  it('points the gateway at every replica of every service', () => {
    const env = envOf(model.services.gateway as ComposeService)
    for (const service of services.filter((service) => service.name !== 'gateway')) {
      expect(env[`${service.name.toUpperCase()}_URL`]).toBe(names(service.name).map((name) => `http://${name}:${service.port}`).join(','))
    }
  })

  it('passes each service every variable its configuration reads', () => {
    for (const service of appServices) {
      const given = new Set(Object.keys(envOf(model.services[service.name] as ComposeService)))
      const missing = [...serviceConfigVariables(service.name.replace(/-2$/, ''))]
        .filter((name) => !given.has(name) && !SET_BY_IMAGE.has(name) && !TESTS_ONLY.has(name))
      expect(missing, `${service.name}: add these to docker/services.yml (and .env.example)`).toEqual([])
    }
  })

  it('gives no service the administrator\'s database credentials or another service\'s secrets', () => {
    for (const service of appServices) {
      const env = envOf(model.services[service.name] as ComposeService)
      expect(Object.keys(env).filter((name) => name.startsWith('POSTGRES_') || /_DB_PASSWORD$/.test(name)), service.name).toEqual([])
      if (!service.name.startsWith('invitation')) expect(env, service.name).not.toHaveProperty('EMAIL_SETTINGS_KEY')
    }
  })

  if (replicas === 2) {
    it('makes each second replica the same as the first', () => {
      for (const service of dataServices) {
        expect(model.services[`${service.name}-2`], service.name).toEqual(model.services[service.name])
      }
    })
  }
})

describe('the data services', () => {
  it('are the ones whose schema sql/00-init.sql creates', () => {
    const init = read('sql/00-init.sql')
    for (const service of dataServices) expect(init).toContain(`'${service.schema}'`)
    for (const service of dataServices) expect(read('docker/postgres-init.sh')).toContain(`${service.name.toUpperCase()}_DB_PASSWORD`)
  })
})
