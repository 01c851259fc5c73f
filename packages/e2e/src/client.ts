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
    call,
    /** Logs in and answers the access token; anything but 200 throws with the reply. */
    login: async (email: string, password: string): Promise<string> => {
      const response = await call('POST', '/auth/login', { body: { email, password } })
      if (response.status !== 200) throw new Error(`login of ${email} answered ${response.status}: ${JSON.stringify(response.body)}`)
      return response.body.access_token as string
    }
  }
}

/** Base64url without padding, for building forged tokens. */
export function base64url (value: string | Buffer): string {
  return Buffer.from(value).toString('base64url')
}

/** A small screening test as an admin would write it: one multiple choice question and one essay, 30 minutes. */
export function screeningTest (title: string) {
  return {
    title,
    description: 'Screening for the platform team',
    duration_minutes: 30,
    questions: [
      { type: 'multiple_choice', question: 'Which port does Postgres use by default?', options: ['5432', '3306'], correct_answer: '5432', points: 2 },
      { type: 'essay', question: 'Describe a migration you would not run on Friday' }
    ]
  }
}
