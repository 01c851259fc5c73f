import { randomUUID } from 'node:crypto'

/** The parts of a JSON schema the suite reads from the gateway's merged (already resolved) OpenAPI document. */
export type JsonSchema = {
  type?: string | string[]
  format?: string
  enum?: unknown[]
  anyOf?: JsonSchema[]
  nullable?: boolean
  minLength?: number
  minimum?: number
  minItems?: number
  items?: JsonSchema
  properties?: Record<string, JsonSchema>
}
export type Operation = { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }
export type OpenApiDocument = { paths: Record<string, Record<string, Operation>> }

/** One route of the document: `path` is the template (`/api/tests/{id}`), `method` upper case. */
export type Route = { method: string, path: string, bodySchema: JsonSchema | undefined }

const METHODS = ['get', 'post', 'put', 'patch', 'delete']

/** Every operation of the document, in its order. */
export function routesOf (document: OpenApiDocument): Route[] {
  return Object.entries(document.paths).flatMap(([path, item]) => METHODS.flatMap((method) => {
    const operation = item[method]
    if (operation === undefined) return []
    return [{ method: method.toUpperCase(), path, bodySchema: operation.requestBody?.content?.['application/json']?.schema }]
  }))
}

/** The template's path parameters, in order (`/api/a/{x}/b/{y}` gives x and y). */
export function pathParameters (path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] ?? '')
}

/**
 * A plausible value for a schema, the kind a real client would send: every property filled (named ones
 * from `known`, e.g. a real `test_id`), enums' first member, strings long enough, arrays with one item.
 * It does not try to satisfy patterns; the suite's schemas accept these plain values.
 */
export function exampleOf (schema: JsonSchema | undefined, known: Record<string, unknown> = {}, name = ''): unknown {
  if (name in known) return known[name]
  if (schema === undefined) return 'value'
  if (schema.enum !== undefined && schema.enum.length > 0) return schema.enum[0]
  const first = schema.anyOf?.find((option) => option.enum === undefined || option.enum[0] !== '') ?? schema.anyOf?.[0]
  if (first !== undefined) return exampleOf(first, known, name)
  const type = [schema.type ?? (schema.properties === undefined ? 'string' : 'object')].flat()[0]
  switch (type) {
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([property, inner]) => [property, exampleOf(inner, known, property)]))
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => exampleOf(schema.items, known))
    case 'integer':
    case 'number':
      return Math.max(1, schema.minimum ?? 1)
    case 'boolean':
      return true
    default:
      if (schema.format === 'email') return `someone-${randomUUID().slice(0, 8)}@example.com`
      if (schema.format === 'date-time') return new Date(Date.now() + 86_400_000).toISOString()
      return 'plausible value'.padEnd(schema.minLength ?? 0, '!')
  }
}
