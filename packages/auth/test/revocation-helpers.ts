import { randomUUID } from 'node:crypto'
import { connect, type NatsConnection } from 'nats'
import { catalog, ensureStream, NatsLink, naming, type Envelope } from '@repo/events'
import { testEnvelope } from '@repo/events/testing'
import type { AuthUser } from '../src/index.js'

const { UserDeletedV1, UserTokensRevokedV1 } = catalog.identity

const quiet = { info: () => {}, warn: () => {}, error: () => {} }

/** A started NatsLink, as a service's events plugin would hand the list. */
export function startLink (servers: string): NatsLink {
  const link = new NatsLink({ servers, name: 'revocation-test', log: quiet, retryDelayMs: 100 })
  link.start()
  return link
}

export const nowSeconds = () => Math.floor(Date.now() / 1000)

/** The user a verified token would give; only id and iat matter to revocation. */
export function userWith (id: string, issuedAt: number): AuthUser {
  return { id, email: 'someone@example.com', role: 'applicant', jti: randomUUID(), issuedAt, expiresAt: issuedAt + 900 }
}

export const envelope = (definition: { producer: string, type: string, version: number }, data: unknown): Envelope => testEnvelope(definition, data)

export const tokensRevoked = (userId: string, tokensValidFrom: number) =>
  envelope(UserTokensRevokedV1, { userId, tokensValidFrom, reason: 'password_changed' })

export const userDeleted = (userId: string) =>
  envelope(UserDeletedV1, { userId, email: 'gone@example.com', role: 'applicant', deletedAt: new Date().toISOString() })

/** Publishes straight to identity's stream, as its outbox relay would (the event id as message id). */
export class IdentityPublisher {
  private constructor (readonly connection: NatsConnection, private readonly prefix: string) {}

  static async open (servers: string, prefix: string): Promise<IdentityPublisher> {
    const connection = await connect({ servers, maxReconnectAttempts: -1, reconnectTimeWait: 100 })
    await ensureStream(await connection.jetstreamManager(), naming(prefix), 'identity')
    return new IdentityPublisher(connection, prefix)
  }

  async publish (subject: string, body: Envelope | string): Promise<void> {
    const payload = typeof body === 'string' ? body : JSON.stringify(body)
    const options = typeof body === 'string' ? {} : { msgID: body.id }
    await this.connection.jetstream().publish(naming(this.prefix).subject(subject), payload, options)
  }

  async close (): Promise<void> {
    await this.connection.close()
  }
}

export const subjects = { tokensRevoked: UserTokensRevokedV1.subject, userDeleted: UserDeletedV1.subject }
