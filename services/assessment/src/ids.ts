const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Ids are UUIDs; anything else is an unknown id (D2), checked before it reaches a uuid column. */
export function isUuid (value: string): boolean {
  return UUID.test(value)
}

/** A version number from a path segment; undefined for anything but a positive integer (an unknown version). */
export function parseVersion (value: string): number | undefined {
  if (!/^[1-9][0-9]{0,8}$/.test(value)) return undefined
  return Number(value)
}
