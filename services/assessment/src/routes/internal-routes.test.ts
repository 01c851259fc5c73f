import type { FastifyReply, FastifyRequest } from 'fastify'
import { describe, expect, it } from 'vitest'
import { serviceOrAdmin } from './internal-routes.js'

const request = (token: string) => ({ headers: { 'x-internal-token': token } }) as unknown as FastifyRequest
const reply = {} as FastifyReply
const TOKEN = 'a'.repeat(40)

describe('serviceOrAdmin', () => {
  it('lets the configured credential through', async () => {
    await expect(serviceOrAdmin(TOKEN)(request(TOKEN), reply)).resolves.toBeUndefined()
  })

  it('refuses every credential when INTERNAL_API_TOKEN is not configured', async () => {
    await expect(serviceOrAdmin(undefined)(request(TOKEN), reply)).rejects.toMatchObject({ statusCode: 401, code: 'ASSESSMENT_INVALID_INTERNAL_TOKEN' })
    await expect(serviceOrAdmin(undefined)(request(''), reply)).rejects.toMatchObject({ statusCode: 401 })
  })
})
