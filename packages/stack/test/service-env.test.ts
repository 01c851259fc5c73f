import { describe, expect, it } from 'vitest'
import type { ServiceInfo } from '../src/discover.js'
import { createPrefixer } from '../src/prefix.js'
import { serviceEnvironment } from '../src/service-env.js'

const identity: ServiceInfo = { name: 'identity', dir: '/x/services/identity', port: 8001, schema: 'identity' }
const gateway: ServiceInfo = { name: 'gateway', dir: '/x/services/gateway', port: 8000 }
const adminUrl = 'postgres://postgres:secret@127.0.0.1:5432/interview_platform'

describe('serviceEnvironment', () => {
  const env = { DATABASE_URL: adminUrl, DB_PASSWORD: 'secret', IDENTITY_DB_PASSWORD: 'id-pw', IDENTITY_PORT: '9001', LOG_LEVEL: 'debug', SMTP_HOST: 'mail' }
  const context = { adminUrl, natsUrl: 'nats://127.0.0.1:4222', env, services: [identity, gateway] }

  it('gives a service its port, its own role\'s database URL and the others\' URLs, never the admin credentials', () => {
    const result = serviceEnvironment(identity, context)
    expect(result).toMatchObject({ PORT: '9001', DATABASE_URL: 'postgres://identity:id-pw@127.0.0.1:5432/interview_platform', NATS_URL: 'nats://127.0.0.1:4222', LOG_LEVEL: 'debug', SMTP_HOST: 'mail', GATEWAY_URL: 'http://127.0.0.1:8000' })
    expect(result.DB_PASSWORD).toBeUndefined()
  })

  it('gives the gateway every service\'s URL and no database', () => {
    const result = serviceEnvironment(gateway, context)
    expect(result).toMatchObject({ PORT: '8000', IDENTITY_URL: 'http://127.0.0.1:9001' })
    expect(result.DATABASE_URL).toBeUndefined()
  })

  it('keeps memory down after a burst unless told otherwise: small semi-spaces, two malloc arenas', () => {
    expect(serviceEnvironment(identity, context)).toMatchObject({ MALLOC_ARENA_MAX: '2', NODE_OPTIONS: '--max-semi-space-size=2' })
    const own = serviceEnvironment(identity, { ...context, env: { ...env, MALLOC_ARENA_MAX: '4', NODE_OPTIONS: '--max-semi-space-size=8 --enable-source-maps' } })
    expect(own).toMatchObject({ MALLOC_ARENA_MAX: '4', NODE_OPTIONS: '--max-semi-space-size=8 --enable-source-maps' })
    expect(serviceEnvironment(identity, { ...context, env: { ...env, NODE_OPTIONS: '--enable-source-maps' } }).NODE_OPTIONS).toBe('--enable-source-maps --max-semi-space-size=2')
  })

  it('refuses a bad port variable by name', () => {
    expect(() => serviceEnvironment(gateway, { ...context, env: { GATEWAY_PORT: 'x' } })).toThrow(/GATEWAY_PORT must be a port number/)
  })
})

describe('createPrefixer', () => {
  it('pads names to one width and colours only when asked', () => {
    expect(createPrefixer(['stack', 'assessment'], false)('stack')).toBe('stack      | ')
    expect(createPrefixer(['stack', 'gateway'], true)('gateway')).toBe('\u001b[33mgateway |\u001b[0m ')
  })
})
