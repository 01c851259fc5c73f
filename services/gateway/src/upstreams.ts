import type { GatewayConfig } from './config.js'

/** One service behind the gateway: requests under any of its `/api/...` prefixes go to `url`. */
export type Upstream = {
  name: string
  /** Base URL, e.g. `http://127.0.0.1:8001`; its `/ready` is asked for `/health`. */
  url: string
  prefixes: string[]
}

/**
 * The route table. No service exists yet, so it is empty: each service's issue adds its row here
 * together with its routes, e.g.
 * `{ name: 'identity', url: config.IDENTITY_URL, prefixes: ['/api/auth', '/api/admin'] }`.
 * Proxying the prefixes is added with the first row.
 */
export function upstreamsFrom (config: GatewayConfig): Upstream[] {
  return []
}
