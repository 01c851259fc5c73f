// Regenerates packages/client/src/schema.ts from the OpenAPI document of a stack it starts itself
// (own database, stream prefix and free ports), so the types follow the services' TypeBox schemas.
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { findWorkspaceRoot } from '@repo/db'
import { createTestDatabase } from '@repo/db/testing'
import { deleteTestStreams, testNatsUrl, uniqueName } from '@repo/testing'
import { CLIENT_SCHEMA_PATH, clientSchemaSource } from '../src/client-schema.js'
import { startStack } from '../src/stack.js'

const database = await createTestDatabase()
const natsUrl = testNatsUrl()
const prefix = uniqueName('t')
const stack = await startStack({ databaseUrl: database.adminUrl, natsUrl, eventsPrefix: prefix })
try {
  const response = await fetch(`${stack.gatewayUrl}/docs/json`)
  const document = await response.json() as Record<string, unknown>
  if (!response.ok || document['x-missing-services'] !== undefined) throw new Error(`the gateway's /docs/json is incomplete (${response.status}): ${JSON.stringify(document['x-missing-services'])}`)
  const target = join(findWorkspaceRoot(import.meta.dirname), CLIENT_SCHEMA_PATH)
  await writeFile(target, await clientSchemaSource(document))
  console.log(`wrote ${CLIENT_SCHEMA_PATH}`)
} finally {
  await stack.stop()
  await deleteTestStreams(natsUrl, prefix).catch(() => {})
  await database.drop()
}
