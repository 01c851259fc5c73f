/** A version number from a path segment; undefined for anything but a positive integer (an unknown version). */
export function parseVersion (value: string): number | undefined {
  if (!/^[1-9][0-9]{0,8}$/.test(value)) return undefined
  return Number(value)
}
