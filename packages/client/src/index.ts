import createClient, { type Client } from 'openapi-fetch'
import type { components, paths } from './schema.js'

export type { components, paths }

/** The platform's public API, every path under `/api`, typed from the services' own schemas. */
export type ApiClient = Client<paths>

/** A JSON body the client could not type: an error envelope (`{detail, code}`) or a 422's details. */
export type ApiError = { detail?: unknown, code?: string }

export type ApiClientOptions = {
  /** Sent as `Authorization: Bearer <token>` on every call. */
  token?: string
  /** Extra headers on every call (for example `x-request-id`). */
  headers?: Record<string, string>
  /** Another fetch (a test's, or one with a proxy); the global one by default. */
  fetch?: typeof fetch
}

/**
 * A client for the gateway at `baseUrl` (e.g. `http://localhost:8000`). Calls answer
 * `{ data, error, response }` as openapi-fetch does: `data` is typed from the route's 200 schema.
 */
export function createApiClient (baseUrl: string, options: ApiClientOptions = {}): ApiClient {
  const headers: Record<string, string> = { ...options.headers }
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`
  return createClient<paths>({ baseUrl, headers, ...(options.fetch === undefined ? {} : { fetch: options.fetch }) })
}

/** What every openapi-fetch call answers. */
type Outcome<T> = { data?: T, error?: unknown, response: Response }

/** Thrown by `ok` for an answer outside 2xx; carries the status and the error body the API sent. */
export class ApiCallError extends Error {
  constructor (readonly status: number, readonly body: unknown, request: string) {
    super(`${request} answered ${status}: ${JSON.stringify(body)}`)
    this.name = 'ApiCallError'
  }
}

/** The data of a successful call; anything else throws an ApiCallError naming the call and the answer. */
export async function ok<T> (call: Promise<Outcome<T>>): Promise<T> {
  const { data, error, response } = await call
  if (!response.ok || data === undefined) {
    const url = new URL(response.url)
    throw new ApiCallError(response.status, error, `${url.pathname}${url.search}`)
  }
  return data
}
