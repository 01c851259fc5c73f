import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError, type ServiceApp } from '@repo/kit'
import { createTokenVerifier } from '../src/index.js'
import { createTestIssuer, startJwksServer, type JwksServer, type TestIssuer } from '../src/testing/index.js'
import { AUDIENCE, ISSUER, bearer, buildApp } from './build-app.js'

const notAuthenticated = { detail: 'Not authenticated', code: 'AUTH_NOT_AUTHENTICATED' }
const invalidToken = { detail: 'Could not validate credentials', code: 'AUTH_INVALID_TOKEN' }

let issuer: TestIssuer
let server: JwksServer
let app: ServiceApp
const revoked = new Set<string>()

beforeAll(async () => {
  issuer = createTestIssuer({ issuer: ISSUER, audience: AUDIENCE })
  server = await startJwksServer(issuer)
  app = await buildApp({ jwksUrl: server.url, isRevoked: (user) => revoked.has(user.jti) })
})

afterAll(async () => {
  await app.close()
  await server.close()
})

async function get (url: string, headers: Record<string, string | undefined> = {}) {
  return app.inject({ url, headers })
}

async function expectInvalid (token: string, url = '/me') {
  const response = await get(url, bearer(token))
  expect(response.statusCode).toBe(401)
  expect(response.headers['www-authenticate']).toBe('Bearer')
  expect(response.json()).toEqual(invalidToken)
}

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
const parts = (token: string) => token.split('.') as [string, string, string]
const payloadOf = (token: string) => JSON.parse(Buffer.from(parts(token)[1], 'base64url').toString()) as Record<string, unknown>

describe('authPlugin', () => {
  it('lets a valid token through and sets request.user from its claims', async () => {
    const token = issuer.sign({ sub: 'user-1', email: 'ada@example.com', role: 'admin', jti: 'jti-1' })
    const response = await get('/me', bearer(token))
    expect(response.statusCode).toBe(200)
    const claims = payloadOf(token)
    expect(response.json()).toEqual({
      id: 'user-1', email: 'ada@example.com', role: 'admin', jti: 'jti-1', issuedAt: claims.iat, expiresAt: claims.exp
    })
    expect(claims.exp).toBe(Number(claims.iat) + 900)
    expect((await get('/admin', bearer(token))).json()).toEqual({ ok: true })
    expect((await get('/items/42', { authorization: `bearer ${token}` })).json()).toEqual({ id: '42', role: 'admin' })
    expect((await get('/public')).statusCode).toBe(200)
  })

  it('answers 401 Not authenticated with WWW-Authenticate when the header is missing or empty', async () => {
    for (const headers of [{}, { authorization: '' }, { authorization: 'Bearer' }, { authorization: 'Bearer   ' }]) {
      for (const url of ['/me', '/admin', '/items/1']) {
        const response = await get(url, headers)
        expect(response.statusCode).toBe(401)
        expect(response.headers['www-authenticate']).toBe('Bearer')
        expect(response.json()).toEqual(notAuthenticated)
      }
    }
  })

  it('answers 401 Not authenticated for a non-Bearer scheme', async () => {
    const token = issuer.sign()
    for (const authorization of [`Basic ${Buffer.from('a:b').toString('base64')}`, `Token ${token}`, token, `Bearer${token}`]) {
      const response = await get('/me', { authorization })
      expect(response.statusCode).toBe(401)
      expect(response.headers['www-authenticate']).toBe('Bearer')
      expect(response.json()).toEqual(notAuthenticated)
    }
  })

  it('answers 401 Could not validate credentials for a malformed token', async () => {
    const [header, payload] = parts(issuer.sign())
    for (const token of ['garbage', 'a.b.c', `${header}.${payload}`, `${header}.${payload}.!!`, `${header}.${payload}.sig extra`]) {
      await expectInvalid(token)
    }
  })

  it('rejects a token whose payload was tampered with', async () => {
    const [header, payload, signature] = parts(issuer.sign({ role: 'applicant' }))
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>
    await expectInvalid(`${header}.${base64url({ ...claims, role: 'admin' })}.${signature}`, '/admin')
  })

  it('rejects a token signed by another key under the same kid', async () => {
    const impostor = createTestIssuer({ issuer: ISSUER, audience: AUDIENCE })
    await expectInvalid(impostor.sign({ role: 'admin' }, { kid: issuer.kid }))
  })

  it('rejects an unsigned alg none token', async () => {
    const claims = payloadOf(issuer.sign({ role: 'admin' }))
    await expectInvalid(`${base64url({ alg: 'none', typ: 'JWT', kid: issuer.kid })}.${base64url(claims)}.`)
    await expectInvalid(`${base64url({ alg: 'none' })}.${base64url(claims)}.`)
    await expectInvalid(issuer.sign({}, { alg: 'none' }))
  })

  it('rejects an HS256 token signed with the public key as the secret', async () => {
    await expectInvalid(issuer.sign({ role: 'admin' }, { alg: 'HS256' }))
  })

  it('rejects an ES256 token when only EdDSA is pinned', async () => {
    const ecIssuer = createTestIssuer({ issuer: ISSUER, audience: AUDIENCE, algorithm: 'ES256' })
    await expectInvalid(ecIssuer.sign({}, { kid: issuer.kid }))
  })

  it('rejects an expired token and one that is not valid yet', async () => {
    await expectInvalid(issuer.sign({}, { expiresInSeconds: -60 }))
    await expectInvalid(issuer.sign({ nbf: Math.floor(Date.now() / 1000) + 600 }))
  })

  it('rejects a wrong audience and a wrong issuer', async () => {
    await expectInvalid(issuer.sign({ aud: 'another-platform' }))
    await expectInvalid(issuer.sign({ aud: ['another-platform'] }))
    await expectInvalid(issuer.sign({ iss: 'http://evil.example' }))
    // A token naming several audiences, ours among them, is for us.
    expect((await get('/me', bearer(issuer.sign({ aud: ['other', AUDIENCE] })))).statusCode).toBe(200)
  })

  it('rejects a token that lacks a required claim or carries an unknown role', async () => {
    for (const claim of ['sub', 'email', 'role', 'jti', 'iat', 'exp', 'iss', 'aud']) {
      await expectInvalid(issuer.sign({ [claim]: undefined }))
    }
    await expectInvalid(issuer.sign({ role: 'superadmin' as 'admin' }))
    await expectInvalid(issuer.sign({ sub: '' }))
  })

  it('rejects a revoked token', async () => {
    const token = issuer.sign({ jti: 'to-revoke' })
    expect((await get('/me', bearer(token))).statusCode).toBe(200)
    revoked.add('to-revoke')
    await expectInvalid(token)
  })

  it('answers 403 for an applicant on an admin route', async () => {
    const response = await get('/admin', bearer(issuer.sign({ role: 'applicant' })))
    expect(response.statusCode).toBe(403)
    expect(response.json()).toEqual({ detail: 'Not enough permissions', code: 'AUTH_FORBIDDEN' })
    expect((await get('/items/7', bearer(issuer.sign({ role: 'applicant' })))).json()).toEqual({ id: '7', role: 'applicant' })
    const notifications = await get('/notifications', bearer(issuer.sign({ role: 'applicant' })))
    expect(notifications.statusCode).toBe(403)
    expect(notifications.json()).toEqual({ detail: 'Admin access required', code: 'AUTH_FORBIDDEN' })
    expect((await get('/notifications', bearer(issuer.sign({ role: 'admin' })))).statusCode).toBe(200)
  })

  it('reads the keys through loadJwks when given, without HTTP', async () => {
    const verify = createTokenVerifier({ jwksUrl: 'identity:own-keys', loadJwks: async () => await Promise.resolve(issuer.jwks), issuer: ISSUER, audience: AUDIENCE })
    expect(await verify(issuer.sign({ sub: 'local-user' }))).toMatchObject({ id: 'local-user' })
  })

  it('verifies tokens outside HTTP routes with the same rules', async () => {
    const token = issuer.sign({ sub: 'ws-user' })
    expect((await app.verifyAccessToken(token)).id).toBe('ws-user')
    const verify = createTokenVerifier({ jwksUrl: server.url, issuer: ISSUER, audience: AUDIENCE })
    expect(await verify(token)).toMatchObject({ id: 'ws-user', role: 'applicant' })
    const failure: unknown = await verify(issuer.sign({}, { alg: 'HS256' })).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(AppError)
    expect(failure).toMatchObject({ statusCode: 401, code: 'AUTH_INVALID_TOKEN' })
  })

  it('refuses to start with an algorithm that is not pinned asymmetric', () => {
    for (const algorithms of [[], ['none'], ['HS256'], ['EdDSA', 'RS256']]) {
      expect(() => createTokenVerifier({ jwksUrl: server.url, issuer: ISSUER, audience: AUDIENCE, algorithms: algorithms as ['EdDSA'] })).toThrow(/algorithms/)
    }
  })

  it('accepts ES256 tokens when ES256 is the pinned algorithm', async () => {
    const ecIssuer = createTestIssuer({ issuer: ISSUER, audience: AUDIENCE, algorithm: 'ES256' })
    const ecServer = await startJwksServer(ecIssuer)
    const verify = createTokenVerifier({ jwksUrl: ecServer.url, issuer: ISSUER, audience: AUDIENCE, algorithms: ['ES256'] })
    try {
      expect(await verify(ecIssuer.sign({ sub: 'ec-user' }))).toMatchObject({ id: 'ec-user' })
      await expect(verify(issuer.sign({}, { kid: ecIssuer.kid }))).rejects.toMatchObject({ code: 'AUTH_INVALID_TOKEN' })
    } finally {
      await ecServer.close()
    }
  })
})
