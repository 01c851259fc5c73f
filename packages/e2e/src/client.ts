// The suite reads bodies loosely and asserts their shape itself; `Json` is the one place that says so.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any

export type Reply = { status: number, headers: Headers, body: Json }

type CallOptions = { token?: string | undefined, body?: unknown, headers?: Record<string, string> }

/** A minimal JSON client: every call goes to the gateway, as the original frontend's do. */
export function client (baseUrl: string) {
  async function call (method: string, path: string, options: CallOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...options.headers }
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`
    if (options.body !== undefined) headers['content-type'] = 'application/json'
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) })
    })
    const text = await response.text()
    return { status: response.status, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) }
  }
  return {
    get: async (path: string, token?: string) => await call('GET', path, { token }),
    post: async (path: string, body?: unknown, token?: string) => await call('POST', path, { body, token }),
    put: async (path: string, body?: unknown, token?: string) => await call('PUT', path, { body, token }),
    delete: async (path: string, token?: string) => await call('DELETE', path, { token }),
    call
  }
}

/** Base64url without padding, for building forged tokens. */
export function base64url (value: string | Buffer): string {
  return Buffer.from(value).toString('base64url')
}
