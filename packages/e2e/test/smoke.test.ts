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
})
