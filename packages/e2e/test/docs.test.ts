import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, inject, it } from 'vitest'
import { findWorkspaceRoot } from '@repo/db'
import { CLIENT_SCHEMA_PATH, clientSchemaSource } from '../src/client-schema.js'

const gateway = inject('gatewayUrl')

type Operation = { responses?: Record<string, { content?: Record<string, unknown> }>, requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> }, parameters?: Array<{ name: string, in: string }> }
type Document = { openapi: string, paths: Record<string, Record<string, Operation>>, components: { securitySchemes?: Record<string, unknown> }, 'x-missing-services'?: unknown }

function bodyFields (operation: Operation | undefined): string[] {
  return Object.keys(operation?.requestBody?.content['application/json']?.schema.properties ?? {})
}

describe('the merged OpenAPI document', () => {
  it('lists every service\'s public routes with their request schemas at /docs/json', async () => {
    const response = await fetch(`${gateway}/docs/json`)
    expect(response.status).toBe(200)
    const doc = await response.json() as Document
    expect(doc.openapi).toMatch(/^3\./)
    expect(doc['x-missing-services']).toBeUndefined()
    expect(doc.components.securitySchemes).toHaveProperty('bearerAuth')
    expect(doc.paths).toHaveProperty(['/api/'])
    expect(bodyFields(doc.paths['/api/auth/login']?.post)).toEqual(expect.arrayContaining(['email', 'password']))
    expect(bodyFields(doc.paths['/api/tests']?.post)).toEqual(expect.arrayContaining(['title', 'questions']))
    expect(bodyFields(doc.paths['/api/invites']?.post)).toEqual(expect.arrayContaining(['test_id', 'applicant_email']))
    expect(bodyFields(doc.paths['/api/webrtc/offer']?.post)).toEqual(expect.arrayContaining(['sdp', 'invite_id']))
    expect(doc.paths['/api/results']?.get?.parameters?.map((parameter) => parameter.name)).toEqual(expect.arrayContaining(['page', 'limit']))
    for (const path of Object.keys(doc.paths)) expect(path).toMatch(/^\/api\//)
  })

  it('gives every operation a response schema besides the error envelope', async () => {
    const doc = await (await fetch(`${gateway}/docs/json`)).json() as Document
    const undocumented = Object.entries(doc.paths).flatMap(([path, operations]) => Object.entries(operations)
      .filter(([, operation]) => !Object.entries(operation.responses ?? {}).some(([status, response]) => status !== 'default' && response.content !== undefined))
      .map(([method]) => `${method.toUpperCase()} ${path}`))
    expect(undocumented).toEqual([])
  })

  it('matches the typed client (@repo/client): regenerate with `pnpm --filter @repo/e2e client:generate`', async () => {
    const doc = await (await fetch(`${gateway}/docs/json`)).json() as Record<string, unknown>
    const committed = await readFile(join(findWorkspaceRoot(import.meta.dirname), CLIENT_SCHEMA_PATH), 'utf8')
    expect(await clientSchemaSource(doc)).toBe(committed)
  })

  it('serves the UI at /docs', async () => {
    const response = await fetch(`${gateway}/docs`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/text\/html/)
  })
})
