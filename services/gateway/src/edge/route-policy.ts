import type { StrictLimit, Upstream } from '../upstreams.js'

/** Segment-exact: `/api/invites` covers `/api/invites` and `/api/invites/...`, not `/api/invitesx`. */
function covers (prefix: string, path: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`)
}

/**
 * The path as the router matches it: no query string, percent-escapes decoded (the router routes
 * `/api/%74ests` to `/api/tests`, so the policy must see it the same way), no trailing slash.
 */
export function pathOf (url: string): string {
  const end = url.search(/[?#]/)
  let path = end === -1 ? url : url.slice(0, end)
  try {
    path = decodeURI(path)
  } catch {
    // A malformed escape is not routed anywhere; judge the raw text.
  }
  return path.length > 1 ? path.replace(/\/+$/, '') : path
}

export type RoutePolicy = {
  /** True when the path is under a protected prefix and not under a longer public one. */
  needsToken: (path: string) => boolean
  /** The strict limit a request falls under, if any. */
  strictLimitFor: (method: string, path: string) => StrictLimit['limit'] | undefined
}

/**
 * The access policy read from the route table (src/upstreams.ts), so routing, the early token check
 * and the strict rate limits are declared in one place. Refuses a policy prefix outside its upstream's
 * own prefixes: it would silently never match.
 */
export function routePolicy (upstreams: readonly Upstream[]): RoutePolicy {
  const tokenRules: { prefix: string, protect: boolean }[] = []
  const limits: StrictLimit[] = []
  for (const upstream of upstreams) {
    const own = (prefix: string) => {
      if (!upstream.prefixes.some((routed) => covers(routed, prefix))) {
        throw new Error(`gateway: policy prefix ${prefix} of ${upstream.name} is not under one of its routed prefixes`)
      }
    }
    for (const prefix of upstream.protectedPrefixes ?? []) { own(prefix); tokenRules.push({ prefix, protect: true }) }
    for (const prefix of upstream.publicPrefixes ?? []) { own(prefix); tokenRules.push({ prefix, protect: false }) }
    for (const limit of upstream.strictLimits ?? []) { own(limit.prefix); limits.push(limit) }
  }
  // Longest first, so the first match is the most specific one.
  tokenRules.sort((a, b) => b.prefix.length - a.prefix.length)
  limits.sort((a, b) => b.prefix.length - a.prefix.length)

  return {
    needsToken: (path) => tokenRules.find((rule) => covers(rule.prefix, path))?.protect ?? false,
    strictLimitFor: (method, path) => limits.find((limit) =>
      covers(limit.prefix, path) && (limit.methods === undefined || limit.methods.includes(method)))?.limit
  }
}
