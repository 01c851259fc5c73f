/** The parts of an OpenAPI 3 document this pass reads; everything else is passed through untouched. */
type SchemaObject = { properties?: Record<string, SchemaObject>, required?: string[], default?: unknown, items?: SchemaObject, [key: string]: unknown }
type Parameter = { in?: string, required?: boolean, schema?: SchemaObject, [key: string]: unknown }
type Operation = { parameters?: Parameter[], requestBody?: { content?: Record<string, { schema?: SchemaObject }> }, responses?: Record<string, unknown> }
type Document = { paths?: Record<string, Record<string, unknown> | undefined> }

/**
 * A request field with a default may be left out: the service's validation fills it in. TypeBox (and
 * so the generated document) lists such fields as required, which would make every client send them.
 * This pass marks them optional in requests only; responses always carry them and stay required.
 */
export function optionalDefaultsInRequests<T extends object> (document: T): T {
  for (const pathItem of Object.values((document as Document).paths ?? {})) {
    for (const operation of Object.values(pathItem ?? {})) {
      if (typeof operation !== 'object' || operation === null) continue
      const { parameters, requestBody } = operation as Operation
      for (const parameter of parameters ?? []) {
        if (parameter.required === true && parameter.in !== 'path' && parameter.schema?.default !== undefined) parameter.required = false
        if (parameter.schema !== undefined) relaxSchema(parameter.schema)
      }
      for (const media of Object.values(requestBody?.content ?? {})) {
        if (media.schema !== undefined) relaxSchema(media.schema)
      }
    }
  }
  return document
}

/**
 * Gives every operation the error envelope as its `default` response (D2: every error has that shape),
 * so a client generated from the document types `error` instead of leaving it unknown.
 */
export function withErrorResponses<T extends object> (document: T, errorSchema: object): T {
  for (const pathItem of Object.values((document as Document).paths ?? {})) {
    for (const operation of Object.values(pathItem ?? {})) {
      if (typeof operation !== 'object' || operation === null) continue
      const responses = (operation as Operation).responses ??= {}
      responses.default ??= { description: 'Error', content: { 'application/json': { schema: structuredClone(errorSchema) } } }
    }
  }
  return document
}

function relaxSchema (schema: SchemaObject): void {
  const { properties } = schema
  if (properties !== undefined) {
    if (schema.required !== undefined) schema.required = schema.required.filter((name) => properties[name]?.default === undefined)
    for (const property of Object.values(properties)) relaxSchema(property)
  }
  if (schema.items !== undefined) relaxSchema(schema.items)
}
