const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * Ids are UUIDs; anything else is an unknown id (D2). Routes check path ids with this in the handler
 * rather than in the schema, so a malformed id gets the route's own 404 text, and it never reaches a
 * uuid column (where Postgres would raise an error).
 */
export function isUuid (value: string): boolean {
  return UUID.test(value)
}
