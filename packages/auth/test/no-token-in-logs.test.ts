import { Writable } from 'node:stream'
import pino from 'pino'
import { describe, expect, it } from 'vitest'
import { loggerOptions } from '@repo/kit'
import { createTestIssuer, startJwksServer } from '../src/testing/index.js'
import { AUDIENCE, ISSUER, bearer, buildApp } from './build-app.js'

describe('logging', () => {
  it('never writes the token to the log, whatever the outcome', async () => {
    let output = ''
    const sink = new Writable({ write (chunk: Buffer, _encoding, callback) { output += chunk.toString(); callback() } })
    const logger = pino(loggerOptions('example', 'trace'), sink)
    const issuer = createTestIssuer({ issuer: ISSUER, audience: AUDIENCE })
    const server = await startJwksServer(issuer)
    const app = await buildApp({ jwksUrl: server.url, jwksCooldownMs: 0, isRevoked: (user) => user.jti === 'revoked' }, logger)
    const tokens = [
      issuer.sign(), issuer.sign({ role: 'applicant' }), issuer.sign({}, { expiresInSeconds: -5 }),
      issuer.sign({ jti: 'revoked' }), issuer.sign({}, { alg: 'HS256' }), issuer.sign({}, { kid: 'unknown' })
    ]
    try {
      for (const token of tokens) {
        await app.inject({ url: '/admin', headers: bearer(token) })
        await app.inject({ url: `/me?token=${token}`, headers: bearer(token) })
      }
      await server.close()
      await app.inject({ url: '/me', headers: bearer(issuer.sign({}, { kid: 'other' })) })
    } finally {
      await app.close()
      await server.close().catch(() => undefined)
    }
    expect(output).toContain('could not fetch the JWKS')
    expect(output).toContain('Could not validate credentials')
    for (const token of tokens) {
      const [, payload = '', signature = ''] = token.split('.')
      expect(output).not.toContain(payload)
      if (signature !== '') expect(output).not.toContain(signature)
    }
  })
})
