import type { InjectOptions, LightMyRequestResponse } from 'fastify'

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

type Injectable = { inject: (options: InjectOptions) => Promise<LightMyRequestResponse> }
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH'

/** `app.inject` as a caller with a token (or none) and an optional JSON body: `call('POST', url, who, body)`. */
export function injector (app: Injectable) {
  return async (method: Method, url: string, who?: { token: string }, payload?: unknown) => await app.inject({
    method,
    url,
    ...(who === undefined ? {} : { headers: bearer(who.token) }),
    ...(payload === undefined ? {} : { payload: payload as object })
  })
}
