/** What a field must hold: a JSON type, `iso` (an ISO-8601 timestamp string) or `any`; `|null` allows null too. */
export type Leaf = 'string' | 'number' | 'boolean' | 'iso' | 'object' | 'array' | 'any'
export type LeafShape = Leaf | `${Exclude<Leaf, 'any'>}|null`

/**
 * The fields a client reads and what each must hold. `[shape]` is an array whose every element has that
 * shape, and which is not empty: checking the elements of an empty array would check nothing, so a
 * call that may legitimately answer `[]` says `'array'` instead. Fields not named are not checked.
 */
export type Shape = LeafShape | readonly [Shape] | { readonly [field: string]: Shape }

// Both forms the original answers (pydantic's `Z` and Python's `+00:00`), with or without fractions.
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/

function leafMatches (leaf: Leaf, value: unknown): boolean {
  switch (leaf) {
    case 'any': return value !== undefined
    case 'iso': return typeof value === 'string' && ISO.test(value) && !Number.isNaN(Date.parse(value))
    case 'array': return Array.isArray(value)
    case 'object': return value !== null && typeof value === 'object' && !Array.isArray(value)
    case 'number': return typeof value === 'number' && Number.isFinite(value)
    case 'string': return typeof value === 'string'
    case 'boolean': return typeof value === 'boolean'
  }
}

function preview (value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)'
  const text = JSON.stringify(value)
  return text.length > 80 ? `${text.slice(0, 77)}...` : text
}

/** Every field of `value` that does not hold what `shape` says, as `path: expected X, got Y` lines. */
export function shapeMismatches (value: unknown, shape: Shape, path = '$'): string[] {
  if (typeof shape === 'string') {
    const nullable = shape.endsWith('|null')
    const leaf = (nullable ? shape.slice(0, -'|null'.length) : shape) as Leaf
    if ((nullable && value === null) || leafMatches(leaf, value)) return []
    return [`${path}: expected ${shape}, got ${preview(value)}`]
  }
  if (Array.isArray(shape)) {
    if (!Array.isArray(value)) return [`${path}: expected an array, got ${preview(value)}`]
    if (value.length === 0) return [`${path}: expected a non-empty array (its elements are to be checked), got []`]
    const element = (shape as readonly [Shape])[0]
    return value.flatMap((item, index) => shapeMismatches(item, element, `${path}[${index}]`))
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [`${path}: expected an object, got ${preview(value)}`]
  const record = value as Record<string, unknown>
  return Object.entries(shape as Record<string, Shape>).flatMap(([field, inner]) => shapeMismatches(record[field], inner, `${path}.${field}`))
}

/** Throws, naming the call and every mismatching field, unless `value` has `shape`. */
export function expectShape (call: string, value: unknown, shape: Shape): void {
  const mismatches = shapeMismatches(value, shape)
  if (mismatches.length > 0) throw new Error(`${call} does not answer what the frontend reads:\n  ${mismatches.join('\n  ')}`)
}
