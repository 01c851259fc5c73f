import { describe, expect, it } from 'vitest'
import type { AuthUser } from '../auth-user.js'
import { RevocationStore } from './revocation-store.js'

const user = (id: string, issuedAt: number): AuthUser => ({ id, email: 'a@example.com', role: 'applicant', jti: 'j', issuedAt, expiresAt: issuedAt + 60 })

describe('RevocationStore', () => {
  it('revokes tokens issued before the cutoff only (iat equal to the cutoff stays valid)', () => {
    const store = new RevocationStore(3600)
    store.apply({ kind: 'tokens_revoked', userId: 'u', validFrom: 1000 })
    expect(store.isRevoked(user('u', 999))).toBe(true)
    expect(store.isRevoked(user('u', 1000))).toBe(false)
    expect(store.isRevoked(user('other', 999))).toBe(false)
  })

  it('never lowers a cutoff', () => {
    const store = new RevocationStore(3600)
    store.apply({ kind: 'tokens_revoked', userId: 'u', validFrom: 1000 })
    store.apply({ kind: 'tokens_revoked', userId: 'u', validFrom: 500 })
    expect(store.isRevoked(user('u', 700))).toBe(true)
  })

  it('revokes every token of a deleted user, whenever issued', () => {
    const store = new RevocationStore(3600)
    store.apply({ kind: 'deleted', userId: 'u', at: 1000 })
    expect(store.isRevoked(user('u', 5000))).toBe(true)
  })

  it('forgets entries once every token they could refuse has expired', () => {
    const store = new RevocationStore(3600)
    store.apply({ kind: 'tokens_revoked', userId: 'old', validFrom: 1000 })
    store.apply({ kind: 'deleted', userId: 'gone', at: 1000 })
    store.apply({ kind: 'tokens_revoked', userId: 'recent', validFrom: 3000 })
    store.prune(1000 + 3600)
    expect(store.size).toBe(3)
    store.prune(1001 + 3600)
    expect(store.size).toBe(1)
    expect(store.isRevoked(user('recent', 2999))).toBe(true)
  })
})
