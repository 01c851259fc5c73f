import openapiTS, { astToString } from 'openapi-typescript'

/** Where the generated types live, from the workspace root. */
export const CLIENT_SCHEMA_PATH = 'packages/client/src/schema.ts'

const HEADER = `// Generated from the gateway's merged OpenAPI document (GET /docs/json) by
// \`pnpm --filter @repo/e2e client:generate\`; do not edit. The e2e suite fails when it is out of date.
`

/**
 * The typed client's path types for an OpenAPI document. The same function writes the file and checks
 * it in the e2e suite, so "out of date" means the services' TypeBox schemas changed since.
 */
export async function clientSchemaSource (document: Record<string, unknown>): Promise<string> {
  // The document is already resolved; openapi-typescript only needs it as an object, not a URL.
  const ast = await openapiTS(document as unknown as Parameters<typeof openapiTS>[0])
  return `${HEADER}\n${astToString(ast)}`
}
