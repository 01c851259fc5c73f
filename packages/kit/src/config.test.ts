import { describe, expect, it } from 'vitest'
import { Type } from 'typebox'
import { BaseConfigFields, ConfigError, DatabaseConfigFields, EventsConfigFields, loadConfig } from './config.js'

const Schema = Type.Object({ ...BaseConfigFields, DATABASE_URL: Type.String({ minLength: 1 }) })

describe('loadConfig', () => {
  it('gives the database and events fields their checks and defaults', () => {
    const Service = Type.Object({ ...BaseConfigFields, ...DatabaseConfigFields, ...EventsConfigFields })
    const config = loadConfig(Service, { PORT: '8004', DATABASE_URL: 'postgres://grading@127.0.0.1/interview_platform' })
    expect(config).toMatchObject({ DB_POOL_MAX: 10, NATS_URL: 'nats://127.0.0.1:4222', EVENTS_PREFIX: '' })
    expect(() => loadConfig(Service, { PORT: '1', DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/)
    expect(() => loadConfig(Service, { PORT: '1', DATABASE_URL: 'postgres://x', EVENTS_PREFIX: 'a.b' })).toThrow(/EVENTS_PREFIX/)
  })

  it('applies defaults and converts numbers', () => {
    const config = loadConfig(Schema, { PORT: '8001', DATABASE_URL: 'postgres://x' })
    expect(config).toMatchObject({ PORT: 8001, HOST: '127.0.0.1', LOG_LEVEL: 'info', BODY_LIMIT_BYTES: 1_048_576 })
    expect(Object.isFrozen(config)).toBe(true)
  })

  it('names every missing variable in one line', () => {
    expect(() => loadConfig(Schema, {})).toThrow(new ConfigError('Invalid configuration: PORT is required; DATABASE_URL is required'))
  })

  it('names a bad value and shows what was given', () => {
    expect(() => loadConfig(Schema, { PORT: 'eighty', DATABASE_URL: 'x' })).toThrow(/PORT .*\(got "eighty"\)/)
    expect(() => loadConfig(Schema, { PORT: '1', DATABASE_URL: 'x', LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/)
  })

  it('treats an empty variable as unset', () => {
    expect(loadConfig(Schema, { PORT: '1', DATABASE_URL: 'x', LOG_LEVEL: '' }).LOG_LEVEL).toBe('info')
  })
})
