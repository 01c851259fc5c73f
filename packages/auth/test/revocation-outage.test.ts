import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { NatsLink } from '@repo/events'
import { startPrivateNats, uniqueName, waitFor, type PrivateNats } from '@repo/testing'
import { createRevocationList, type RevocationList } from '../src/index.js'
import { IdentityPublisher, nowSeconds, startLink, subjects, tokensRevoked, userDeleted, userWith } from './revocation-helpers.js'

// Stops and starts NATS, so it runs against a private server: the shared one is never touched.
let nats: PrivateNats
let link: NatsLink
let publisher: IdentityPublisher
let list: RevocationList
const prefix = uniqueName('t')

beforeAll(async () => {
  nats = await startPrivateNats()
  link = startLink(nats.url)
  publisher = await IdentityPublisher.open(nats.url, prefix)
  list = createRevocationList({ link, prefix })
  await list.ready
}, 20_000)

afterAll(async () => {
  await list.stop()
  await publisher.close()
  await link.close()
  await nats.dispose()
})

describe('revocation list across a NATS restart', () => {
  it('loses no revocation published during the outage or just after it', async () => {
    const beforeUser = randomUUID()
    await publisher.publish(subjects.tokensRevoked, tokensRevoked(beforeUser, nowSeconds()))
    await waitFor('the revocation before the outage', () => list.isRevoked(userWith(beforeUser, nowSeconds() - 5)) || undefined, 5000)

    await nats.stop()
    // Identity's relay keeps retrying while NATS is down; this publish lands as the server comes back.
    const duringUser = randomUUID()
    const during = (async () => {
      const event = userDeleted(duringUser)
      await waitFor('NATS to take the publish', async () => {
        await publisher.publish(subjects.userDeleted, event)
        return true
      }, 15_000)
    })()
    await new Promise((resolve) => setTimeout(resolve, 1000))
    await nats.start()
    // Published at once, typically before the list's connection has noticed the server is back.
    const afterUser = randomUUID()
    const cutoff = nowSeconds()
    await waitFor('NATS to take the publish', async () => {
      await publisher.publish(subjects.tokensRevoked, tokensRevoked(afterUser, cutoff))
      return true
    }, 10_000)
    await during

    await waitFor('the revocation published during the outage', () => list.isRevoked(userWith(duringUser, cutoff)) || undefined, 5000)
    await waitFor('the revocation published after the restart', () => list.isRevoked(userWith(afterUser, cutoff - 1)) || undefined, 5000)
    expect(list.isRevoked(userWith(beforeUser, cutoff - 5))).toBe(true)

    // And it keeps following live after the restart.
    const liveUser = randomUUID()
    await publisher.publish(subjects.userDeleted, userDeleted(liveUser))
    await waitFor('a live revocation after the restart', () => list.isRevoked(userWith(liveUser, cutoff)) || undefined, 5000)
  }, 40_000)
})
