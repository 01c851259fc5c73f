import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { NatsLink } from '@repo/events'
import type { ServiceApp } from '@repo/kit'
import { deleteTestStreams, testNatsUrl, uniqueName, waitFor } from '@repo/testing'
import { createRevocationList, type RevocationList } from '../src/index.js'
import { createTestIssuer, startJwksServer, type JwksServer, type TestIssuer } from '../src/testing/index.js'
import { AUDIENCE, ISSUER, bearer, buildApp } from './build-app.js'
import { IdentityPublisher, nowSeconds, startLink, subjects, tokensRevoked, userDeleted } from './revocation-helpers.js'

// End to end as a service would wire it: authPlugin's isRevoked is the list fed from identity's stream.
const natsUrl = testNatsUrl()
const prefix = uniqueName('t')
let issuer: TestIssuer
let jwks: JwksServer
let link: NatsLink
let publisher: IdentityPublisher
let revocations: RevocationList
let app: ServiceApp

beforeAll(async () => {
  issuer = createTestIssuer({ issuer: ISSUER, audience: AUDIENCE })
  jwks = await startJwksServer(issuer)
  link = startLink(natsUrl)
  publisher = await IdentityPublisher.open(natsUrl, prefix)
  revocations = createRevocationList({ link, prefix })
  app = await buildApp({ jwksUrl: jwks.url, isRevoked: revocations.isRevoked })
  await revocations.ready
})

afterAll(async () => {
  await app.close()
  await revocations.stop()
  await publisher.close()
  await link.close()
  await jwks.close()
  await deleteTestStreams(natsUrl, prefix)
})

const me = async (token: string) => await app.inject({ url: '/me', headers: bearer(token) })

describe('authPlugin with the revocation list', () => {
  it('answers 200, then 401 within 5 s of a password change, and accepts a token issued after it', async () => {
    const userId = randomUUID()
    const oldToken = issuer.sign({ sub: userId, iat: nowSeconds() - 60 })
    expect((await me(oldToken)).statusCode).toBe(200)

    const cutoff = nowSeconds()
    await publisher.publish(subjects.tokensRevoked, tokensRevoked(userId, cutoff))
    const refused = await waitFor('the old token to be refused', async () => {
      const response = await me(oldToken)
      return response.statusCode === 401 ? response : undefined
    }, 5000)
    expect(refused.json()).toEqual({ detail: 'Could not validate credentials', code: 'AUTH_INVALID_TOKEN' })
    expect(refused.headers['www-authenticate']).toBe('Bearer')

    expect((await me(issuer.sign({ sub: userId, iat: cutoff }))).statusCode).toBe(200)
  })

  it('refuses every token of a deleted user within 5 s', async () => {
    const userId = randomUUID()
    const token = issuer.sign({ sub: userId })
    expect((await me(token)).statusCode).toBe(200)
    await publisher.publish(subjects.userDeleted, userDeleted(userId))
    await waitFor('the token to be refused', async () => (await me(token)).statusCode === 401 || undefined, 5000)
  })
})
