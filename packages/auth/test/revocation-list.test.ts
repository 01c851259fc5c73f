import { randomUUID } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { NatsLink } from '@repo/events'
import { deleteTestStreams, testNatsUrl, uniqueName, waitFor } from '@repo/testing'
import { createRevocationList, type RevocationList } from '../src/index.js'
import { IdentityPublisher, envelope, nowSeconds, startLink, subjects, tokensRevoked, userDeleted, userWith } from './revocation-helpers.js'

const natsUrl = testNatsUrl()
const prefix = uniqueName('t')
let link: NatsLink
let publisher: IdentityPublisher
const lists: RevocationList[] = []

function newList (): RevocationList {
  const list = createRevocationList({ link, prefix })
  lists.push(list)
  return list
}

beforeAll(async () => {
  link = startLink(natsUrl)
  publisher = await IdentityPublisher.open(natsUrl, prefix)
})

afterEach(async () => {
  await Promise.all(lists.splice(0).map(async (list) => { await list.stop() }))
})

afterAll(async () => {
  await publisher.close()
  await link.close()
  await deleteTestStreams(natsUrl, prefix)
})

describe('revocation list', () => {
  it('revokes tokens issued before the cutoff within 5 s, and keeps newer ones', async () => {
    const list = newList()
    await list.ready
    const userId = randomUUID()
    const cutoff = nowSeconds()
    const older = userWith(userId, cutoff - 10)
    const newer = userWith(userId, cutoff)
    expect(list.isRevoked(older)).toBe(false)

    await publisher.publish(subjects.tokensRevoked, tokensRevoked(userId, cutoff))
    await waitFor('the older token to be revoked', () => list.isRevoked(older) || undefined, 5000)
    expect(list.isRevoked(newer)).toBe(false)
    expect(list.isRevoked(userWith(randomUUID(), cutoff - 10))).toBe(false)
  })

  it('keeps the latest cutoff when revocations arrive out of order', async () => {
    const list = newList()
    await list.ready
    const userId = randomUUID()
    const cutoff = nowSeconds()
    await publisher.publish(subjects.tokensRevoked, tokensRevoked(userId, cutoff))
    await publisher.publish(subjects.tokensRevoked, tokensRevoked(userId, cutoff - 100))
    await waitFor('the cutoff to apply', () => list.isRevoked(userWith(userId, cutoff - 50)) || undefined, 5000)
    expect(list.isRevoked(userWith(userId, cutoff))).toBe(false)
  })

  it('revokes every token of a deleted user', async () => {
    const list = newList()
    await list.ready
    const userId = randomUUID()
    await publisher.publish(subjects.userDeleted, userDeleted(userId))
    await waitFor('the deletion to apply', () => list.isRevoked(userWith(userId, nowSeconds() - 60)) || undefined, 5000)
    expect(list.isRevoked(userWith(userId, nowSeconds() + 60))).toBe(true)
  })

  it('replays earlier revocations in a list started later, and is ready only once it has them', async () => {
    const revokedUser = randomUUID()
    const deletedUser = randomUUID()
    const cutoff = nowSeconds()
    await publisher.publish(subjects.tokensRevoked, tokensRevoked(revokedUser, cutoff))
    await publisher.publish(subjects.userDeleted, userDeleted(deletedUser))

    const late = newList()
    await late.ready
    expect(late.caughtUp).toBe(true)
    expect(late.isRevoked(userWith(revokedUser, cutoff - 1))).toBe(true)
    expect(late.isRevoked(userWith(deletedUser, cutoff))).toBe(true)
  })

  it('does not replay revocations older than the token lifetime', async () => {
    const userId = randomUUID()
    await publisher.publish(subjects.tokensRevoked, tokensRevoked(userId, nowSeconds()))
    await new Promise((resolve) => setTimeout(resolve, 1500))
    const list = createRevocationList({ link, prefix, tokenLifetimeMs: 1000 })
    lists.push(list)
    await list.ready
    expect(list.isRevoked(userWith(userId, nowSeconds() - 10))).toBe(false)
  })

  it('ignores malformed messages and other user events, and applies the ones after them', async () => {
    const warnings: object[] = []
    const list = createRevocationList({ link, prefix, log: { info: () => {}, warn: (details) => { warnings.push(details) } } })
    lists.push(list)
    await list.ready
    const userId = randomUUID()
    const cutoff = nowSeconds()
    const before = warnings.length
    await publisher.publish(subjects.tokensRevoked, 'not json')
    await publisher.publish(subjects.tokensRevoked, JSON.stringify({ hello: 'world' }))
    await publisher.publish(subjects.tokensRevoked, tokensRevoked('not-a-uuid', cutoff))
    await publisher.publish(subjects.tokensRevoked, { ...tokensRevoked(userId, cutoff), type: 'user.deleted' })
    await publisher.publish(subjects.userDeleted, envelope({ producer: 'identity', type: 'user.deleted', version: 1 }, { userId }))
    await publisher.publish('identity.user.registered.v1', envelope({ producer: 'identity', type: 'user.registered', version: 1 }, { userId }))
    await publisher.publish(subjects.tokensRevoked, tokensRevoked(userId, cutoff))

    await waitFor('the good revocation', () => list.isRevoked(userWith(userId, cutoff - 1)) || undefined, 5000)
    // One warning per malformed message; an unknown event under identity.user is not malformed.
    expect(warnings.length - before).toBe(5)
    expect(list.size).toBeGreaterThan(0)
  })

  it('is ready at once when there is nothing to catch up on', async () => {
    const emptyPrefix = uniqueName('t')
    const list = createRevocationList({ link, prefix: emptyPrefix })
    lists.push(list)
    try {
      await list.ready
      expect(list.caughtUp).toBe(true)
      expect(list.size).toBe(0)
    } finally {
      await list.stop()
      await deleteTestStreams(natsUrl, emptyPrefix)
    }
  })

  it('rejects ready when stopped before it caught up', async () => {
    const closedLink = startLink('nats://127.0.0.1:1')
    const list = createRevocationList({ link: closedLink, prefix })
    await list.stop()
    await expect(list.ready).rejects.toThrow(/stopped/)
    await closedLink.close()
  })
})
