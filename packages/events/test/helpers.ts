import { connect, type JetStreamManager, type NatsConnection } from 'nats'
import pg from 'pg'
import { createTestDatabase, type TestDatabase } from '@repo/db/testing'
import type { ServiceApp } from '@repo/kit'
import { deleteTestStreams, testNatsUrl, uniqueName } from '@repo/testing'

export type TestEnvironment = {
  database: TestDatabase
  prefix: string
  natsUrl: string
  /** Administrator access to the run's database, to look at both services' tables. */
  admin: pg.Pool
  cleanup: () => Promise<void>
}

/** A database with the example producer's and consumer's schemas, and a stream prefix of its own. */
export async function createEnvironment (natsUrl = testNatsUrl()): Promise<TestEnvironment> {
  const database = await createTestDatabase({ extraServices: ['exprod', 'excons'] })
  const prefix = uniqueName('t')
  const admin = new pg.Pool({ connectionString: database.adminUrl, max: 2 })
  return {
    database,
    prefix,
    natsUrl,
    admin,
    cleanup: async () => {
      await admin.end()
      await deleteTestStreams(natsUrl, prefix).catch(() => {})
      await database.drop()
    }
  }
}

export async function effectsFor (admin: pg.Pool, text: string): Promise<{ event_id: string, deliveries: number, handled_by: string, trace_id: string | null }[]> {
  const { rows } = await admin.query('SELECT event_id, deliveries, handled_by, trace_id FROM excons.effects WHERE text = $1', [text])
  return rows
}

export async function withJsm<T> (natsUrl: string, work: (jsm: JetStreamManager, connection: NatsConnection) => Promise<T>): Promise<T> {
  const connection = await connect({ servers: natsUrl })
  try {
    return await work(await connection.jetstreamManager(), connection)
  } finally {
    await connection.close()
  }
}

/** Posts a note to the example producer (which writes note.created to its outbox); throws unless 200. */
export async function postNote (producer: ServiceApp, text: string): Promise<void> {
  const response = await producer.inject({ method: 'POST', url: '/notes', payload: { text } })
  if (response.statusCode !== 200) throw new Error(`POST /notes answered ${response.statusCode}: ${response.body}`)
}
