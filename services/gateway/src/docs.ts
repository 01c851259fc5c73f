import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { OPENAPI_PATH } from '@repo/kit'
import { fetchJsonFromReplicas } from './replica-fetch.js'
import type { Upstream } from './upstreams.js'

type Json = Record<string, unknown>
/** The parts of an OpenAPI 3 document the merge touches; everything else is passed through. */
export type OpenApiDocument = Json & {
  openapi?: string
  info?: Json & { title?: string, description?: string }
  paths?: Record<string, Json>
  components?: Record<string, Json>
  tags?: Json[]
}
export type MissingService = { name: string, reason: string }
export type ServiceDocument = { name: string, prefixes: readonly string[], document: OpenApiDocument }

export type DocsOptions = {
  upstreams: readonly Upstream[]
  /** DOCS_UPSTREAM_TIMEOUT_MS: how long one service's /openapi.json may take (default 2 s). */
  timeoutMs?: number
  /** DOCS_CACHE_MS: how long a merged document is reused (default 10 s). */
  cacheMs?: number
}

/** Segment-wise prefix match, as the proxy routes: `/api/auth` covers `/api/auth/me`, not `/api/authx`. */
function under (path: string, prefixes: readonly string[]): boolean {
  return prefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))
}

function isObject (value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Rewrites `$ref`s in place, per the renamed component refs. */
function rewriteRefs (value: unknown, renamed: ReadonlyMap<string, string>): void {
  if (Array.isArray(value)) {
    for (const item of value) rewriteRefs(item, renamed)
  } else if (isObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') {
        const target = renamed.get(child)
        if (target !== undefined) value[key] = target
      } else {
        rewriteRefs(child, renamed)
      }
    }
  }
}

/**
 * One public document from the gateway's own routes (minus the proxied `routed` prefixes) and each service's: only paths the gateway routes
 * to that service are kept, each operation is tagged with its service, and a component whose name is
 * already taken by a different definition is renamed `<service>_<name>` (its refs follow).
 * securitySchemes keep the first definition, since security requirements name them without a `$ref`.
 */
export function mergeDocuments (own: OpenApiDocument, services: readonly ServiceDocument[], missing: readonly MissingService[], routed: readonly string[]): OpenApiDocument {
  // The gateway's own proxy routes (`/api/tests`, `/api/tests/*`) are the services' to describe.
  const paths: Record<string, Json> = {}
  for (const [path, item] of Object.entries(own.paths ?? {})) {
    if (!under(path, routed) && !path.includes('*')) paths[path] = item
  }
  const components: Record<string, Json> = {}
  for (const [section, entries] of Object.entries(own.components ?? {})) components[section] = { ...entries }

  for (const service of services) {
    const document = structuredClone(service.document)
    const renamed = new Map<string, string>()
    // [section, name in the merged document, name in the service's document]
    const additions: Array<[string, string, string]> = []
    for (const [section, entries] of Object.entries(document.components ?? {})) {
      if (!isObject(entries)) continue
      const existing = components[section] ?? {}
      for (const [name, definition] of Object.entries(entries)) {
        const taken = existing[name]
        if (taken === undefined || JSON.stringify(taken) === JSON.stringify(definition)) {
          additions.push([section, name, name])
        } else if (section !== 'securitySchemes') {
          const target = `${service.name}_${name}`
          renamed.set(`#/components/${section}/${name}`, `#/components/${section}/${target}`)
          additions.push([section, target, name])
        }
      }
    }
    rewriteRefs(document, renamed)
    for (const [section, name, source] of additions) {
      components[section] = { ...components[section], [name]: document.components?.[section]?.[source] }
    }
    for (const [path, item] of Object.entries(document.paths ?? {})) {
      if (!under(path, service.prefixes)) continue
      for (const operation of Object.values(item)) {
        if (isObject(operation) && operation.tags === undefined) operation.tags = [service.name]
      }
      paths[path] = item
    }
  }

  const note = missing.length === 0
    ? undefined
    : `Not included (service unavailable): ${missing.map((entry) => `${entry.name} (${entry.reason})`).join(', ')}.`
  return {
    openapi: own.openapi ?? '3.0.3',
    info: {
      title: 'Pre-Interview Test Platform API',
      version: own.info?.version ?? '1.0.0',
      description: ['All public routes, served through the gateway. Send `Authorization: Bearer <token>` where a route needs it.', note]
        .filter((line) => line !== undefined).join('\n\n')
    },
    tags: [{ name: 'gateway' }, ...services.map((service) => ({ name: service.name }))],
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    components,
    ...(missing.length === 0 ? {} : { 'x-missing-services': missing })
  }
}

async function fetchDocument (upstream: Upstream, timeoutMs: number): Promise<OpenApiDocument> {
  const document = await fetchJsonFromReplicas(upstream.urls, OPENAPI_PATH, timeoutMs)
  if (!isObject(document)) throw new Error('not an OpenAPI document')
  return document
}

function reasonOf (error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  if (error.name === 'TimeoutError') return 'timed out'
  const cause: unknown = error.cause
  if (cause instanceof Error && 'code' in cause && typeof cause.code === 'string') return cause.code
  return error.message
}

/**
 * `GET /docs/json` (and `/docs/yaml`): the gateway's routes plus every reachable service's
 * `/openapi.json` (from the first of its replicas that answers), merged; `GET /docs`: swagger-ui on
 * that document. A service none of whose replicas answers in time is left out and named in
 * `x-missing-services` and `info.description`. A merged document is reused for `cacheMs`, and
 * concurrent requests share one round of fetches.
 */
export const docsPlugin = fp(async (app: FastifyInstance, options: DocsOptions) => {
  const timeoutMs = options.timeoutMs ?? 2000
  const cacheMs = options.cacheMs ?? 10_000
  let cached: { at: number, services: ServiceDocument[], missing: MissingService[] } | undefined
  let inFlight: Promise<NonNullable<typeof cached>> | undefined

  async function collect (): Promise<NonNullable<typeof cached>> {
    const results = await Promise.allSettled(options.upstreams.map(async (upstream) => await fetchDocument(upstream, timeoutMs)))
    const services: ServiceDocument[] = []
    const missing: MissingService[] = []
    results.forEach((result, index) => {
      const upstream = options.upstreams[index]
      if (upstream === undefined) return
      if (result.status === 'fulfilled') services.push({ name: upstream.name, prefixes: upstream.prefixes, document: result.value })
      else missing.push({ name: upstream.name, reason: reasonOf(result.reason) })
    })
    return { at: Date.now(), services, missing }
  }

  async function current (): Promise<NonNullable<typeof cached>> {
    if (cached !== undefined && Date.now() - cached.at < cacheMs) return cached
    inFlight ??= collect().then((fresh) => { cached = fresh; return fresh }).finally(() => { inFlight = undefined })
    return await inFlight
  }

  // swagger-ui's /json handler is synchronous: the services' documents are fetched in a hook first.
  const routed = options.upstreams.flatMap((upstream) => upstream.prefixes)
  const collected = new WeakMap<FastifyRequest, NonNullable<typeof cached>>()
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { persistAuthorization: true },
    // swagger-ui's own CSP (script hashes) replaces the global one on /docs; without the https upgrade
    // so the UI also works on plain-HTTP hosts.
    staticCSP: true,
    transformStaticCSP: (header) => header.replace(/\s*upgrade-insecure-requests;?/, ''),
    uiHooks: {
      preHandler: (request, _reply, done) => {
        if (!/\/(json|yaml)$/.test(request.routeOptions.url ?? '')) { done(); return }
        current().then((found) => { collected.set(request, found); done() }, done)
      }
    },
    transformSpecification: (own, request) => {
      const found = collected.get(request) ?? { services: [], missing: [] }
      return mergeDocuments(own as OpenApiDocument, found.services, found.missing, routed)
    }
  })
}, { name: 'gateway-docs', dependencies: ['@fastify/swagger'] })
