export { createTestDatabase, testServerUrl, uniqueName, type TestDatabase } from '@repo/db/testing'
export { freePort, startPrivateNats, waitForPort, type PrivateNats } from './private-nats.js'
export { waitFor } from './wait.js'

/** The NATS server tests share: `NATS_URL`, else the local one. */
export function testNatsUrl (): string {
  return process.env.NATS_URL ?? 'nats://127.0.0.1:4222'
}
export { deleteTestStreams } from './streams.js'
export { bearer, injector } from './inject.js'
export { outboxWhere, type OutboxRow } from './outbox.js'
export { startHttpStub, type HttpStub, type HttpStubOptions, type StubHandler } from './http-stub.js'
export { inParallel, inviteInBulk, startSessions, type Session } from './sessions.js'
export { adminWithTest, startedSessions, type Scenario, type ScenarioSpec } from './scenario.js'
export { openPeer, type PeerMessage, type WsPeer } from './ws-peer.js'
