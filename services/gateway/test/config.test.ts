import { describe, expect, it } from 'vitest'
import { loadConfig } from '@repo/kit'
import { GatewayConfigSchema } from '../src/config.js'
import { upstreamsFrom } from '../src/upstreams.js'

describe('gateway config', () => {
  it('defaults to port 8000 and the services\' default ports', () => {
    const config = loadConfig(GatewayConfigSchema, {})
    expect(config).toMatchObject({ PORT: 8000, HOST: '127.0.0.1', IDENTITY_URL: 'http://127.0.0.1:8001', SIGNALING_URL: 'http://127.0.0.1:8005' })
  })

  it('names a malformed upstream URL', () => {
    expect(() => loadConfig(GatewayConfigSchema, { GRADING_URL: 'localhost:8004' })).toThrow(/GRADING_URL/)
  })

  it('has no upstream rows until the services exist', () => {
    expect(upstreamsFrom(loadConfig(GatewayConfigSchema, {}))).toEqual([])
  })
})
