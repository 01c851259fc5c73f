import { describe, expect, inject, it } from 'vitest'

const gateway = inject('gatewayUrl')

describe('the stack behind the gateway', () => {
  it('answers GET /api/ like the original', async () => {
    const response = await fetch(`${gateway}/api/`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ message: 'Pre-Interview Test Platform API', status: 'running' })
  })

  it('reports every service ready on /health', async () => {
    const body = await (await fetch(`${gateway}/health`)).json() as { status: string, services: Record<string, { status: string }> }
    expect(body.status).toBe('ok')
    for (const [name, service] of Object.entries(body.services)) expect(service.status, name).toBe('ready')
  })

  it('answers unknown paths with the error envelope and echoes the request id', async () => {
    const response = await fetch(`${gateway}/api/no-such-thing`, { headers: { 'x-request-id': 'e2e-smoke-1' } })
    expect(response.status).toBe(404)
    expect(response.headers.get('x-request-id')).toBe('e2e-smoke-1')
    expect(await response.json()).toEqual({ detail: 'Not Found', code: 'NOT_FOUND' })
  })

  it('answers a CORS preflight for Authorization from the frontend\'s origin, and sends security headers', async () => {
    const preflight = await fetch(`${gateway}/api/tests`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' }
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:3000')
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true')
    expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization')
    const answer = await fetch(`${gateway}/api/admin/check-signup-restriction`, { headers: { origin: 'http://localhost:3000' } })
    expect(answer.status).toBe(200)
    expect(answer.headers.get('access-control-allow-origin')).toBe('http://localhost:3000')
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('refuses a protected path without a valid token at the gateway (D1)', async () => {
    for (const authorization of [undefined, 'Bearer not.a.token']) {
      const response = await fetch(`${gateway}/api/tests`, authorization === undefined ? {} : { headers: { authorization } })
      expect(response.status).toBe(401)
      expect(response.headers.get('www-authenticate')).toBe('Bearer')
      expect((await response.json() as { detail: string }).detail).toMatch(/^(Not authenticated|Could not validate credentials)$/)
    }
  })
})
