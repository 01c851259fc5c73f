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

  it('reads a comma-separated list of replicas, as origins in the given order', () => {
    const config = loadConfig(GatewayConfigSchema, { IDENTITY_URL: ' http://10.0.0.1:9001 , http://10.0.0.2:9001/,https://id.example ' })
    expect(upstreamsFrom(config)[0]?.urls).toEqual(['http://10.0.0.1:9001', 'http://10.0.0.2:9001', 'https://id.example'])
  })

  it('refuses a bad entry in a replica list, naming the variable', () => {
    for (const value of ['http://10.0.0.1:9001,10.0.0.2:9001', 'http://10.0.0.1:9001,,', 'http://a:1, ftp://b:2']) {
      expect(() => loadConfig(GatewayConfigSchema, { SIGNALING_URL: value }), value).toThrow(/SIGNALING_URL/)
    }
    const listed = (value: string) => () => upstreamsFrom(loadConfig(GatewayConfigSchema, { GRADING_URL: value }))
    expect(listed('http://10.0.0.4:9004,http://10.0.0.4:9004/')).toThrow(/GRADING_URL: "http:\/\/10.0.0.4:9004\/" is listed twice/)
    expect(listed('http://10.0.0.4:9004/api')).toThrow(/GRADING_URL: .* must be a base URL without a path/)
    expect(listed('http://bad host:1')).toThrow(/GRADING_URL/)
  })

  it('routes identity\'s exact prefixes to IDENTITY_URL', () => {
    const upstreams = upstreamsFrom(loadConfig(GatewayConfigSchema, { IDENTITY_URL: 'http://10.0.0.1:9001' }))
    expect(upstreams.map((upstream) => upstream.name)).toEqual(['identity', 'assessment', 'invitation', 'grading', 'signaling'])
    expect(upstreams[0]?.urls).toEqual(['http://10.0.0.1:9001'])
    expect(upstreams[0]?.prefixes).toContain('/api/admin/applicants')
    // /api/admin is shared with other services: identity must not claim it whole.
    expect(upstreams[0]?.prefixes).not.toContain('/api/admin')
  })

  it('routes /api/tests to ASSESSMENT_URL', () => {
    const upstreams = upstreamsFrom(loadConfig(GatewayConfigSchema, { ASSESSMENT_URL: 'http://10.0.0.2:9002' }))
    expect(upstreams.find((upstream) => upstream.name === 'assessment')).toEqual({
      name: 'assessment', urls: ['http://10.0.0.2:9002'], prefixes: ['/api/tests'], protectedPrefixes: ['/api/tests']
    })
  })

  it('routes the invite, take-test and e-mail settings paths to INVITATION_URL', () => {
    const upstreams = upstreamsFrom(loadConfig(GatewayConfigSchema, { INVITATION_URL: 'http://10.0.0.3:9003' }))
    const invitation = upstreams.find((upstream) => upstream.name === 'invitation')
    expect(invitation?.urls).toEqual(['http://10.0.0.3:9003'])
    expect(invitation?.prefixes).toEqual(expect.arrayContaining(['/api/invites', '/api/take-test', '/api/start-test', '/api/submit-test', '/api/my-invites', '/api/admin/email-settings']))
  })

  it('routes results, my-submissions and the scoring paths to GRADING_URL', () => {
    const upstreams = upstreamsFrom(loadConfig(GatewayConfigSchema, { GRADING_URL: 'http://10.0.0.4:9004' }))
    const grading = upstreams.find((upstream) => upstream.name === 'grading')
    expect(grading?.urls).toEqual(['http://10.0.0.4:9004'])
    expect(grading?.prefixes).toEqual([
      '/api/results', '/api/my-submissions', '/api/admin/scoring-queue', '/api/admin/scoring', '/api/admin/fix-monitoring-status', '/api/admin/auto-review'
    ])
  })

  it('routes the WebRTC mailbox, the WebSockets and the admin notifications to SIGNALING_URL, WebSockets included', () => {
    const upstreams = upstreamsFrom(loadConfig(GatewayConfigSchema, { SIGNALING_URL: 'http://10.0.0.5:9005' }))
    expect(upstreams.find((upstream) => upstream.name === 'signaling')).toEqual({
      name: 'signaling',
      urls: ['http://10.0.0.5:9005'],
      prefixes: ['/api/webrtc', '/api/ws', '/api/admin/notifications'],
      websocket: true,
      protectedPrefixes: ['/api/admin/notifications']
    })
    // No other upstream proxies WebSockets.
    expect(upstreams.filter((upstream) => upstream.websocket === true).map((upstream) => upstream.name)).toEqual(['signaling'])
  })

  it('defaults CORS to any origin and the rate limits to generous values', () => {
    expect(loadConfig(GatewayConfigSchema, {})).toMatchObject({
      CORS_ORIGINS: '*', RATE_LIMIT_PER_MINUTE: 600, AUTH_RATE_LIMIT_PER_MINUTE: 30, INVITE_TOKEN_RATE_LIMIT_PER_MINUTE: 60, TRUST_PROXY: ''
    })
    expect(() => loadConfig(GatewayConfigSchema, { RATE_LIMIT_PER_MINUTE: '0' })).toThrow(/RATE_LIMIT_PER_MINUTE/)
  })

  it('declares which paths need a token at the gateway, next to each upstream', () => {
    const upstreams = upstreamsFrom(loadConfig(GatewayConfigSchema, {}))
    const protectedPaths = upstreams.flatMap((upstream) => upstream.protectedPrefixes ?? [])
    expect(protectedPaths).toEqual(expect.arrayContaining(['/api/tests', '/api/invites', '/api/results', '/api/my-invites', '/api/my-submissions', '/api/auth/me']))
    for (const open of ['/api/auth', '/api/auth/login', '/api/take-test', '/api/start-test', '/api/submit-test', '/api/webrtc', '/api/ws', '/api/admin/check-signup-restriction']) {
      expect(protectedPaths).not.toContain(open)
    }
    expect(upstreams.find((upstream) => upstream.name === 'invitation')?.publicPrefixes).toEqual(['/api/invites/token'])
  })

  it('defaults the upstream timeout to 30 s', () => {
    expect(loadConfig(GatewayConfigSchema, {}).UPSTREAM_TIMEOUT_MS).toBe(30_000)
    expect(loadConfig(GatewayConfigSchema, { UPSTREAM_TIMEOUT_MS: '500' }).UPSTREAM_TIMEOUT_MS).toBe(500)
  })
})
