const colours = [36, 33, 32, 35, 34, 91, 96, 93, 92, 95]

export type Prefixer = (name: string) => string

/**
 * `identity  | ` style prefixes, padded to the longest name so the log columns line up, and coloured
 * only for a terminal (a file or a CI log gets plain text).
 */
export function createPrefixer (names: readonly string[], colour: boolean): Prefixer {
  const width = Math.max(...names.map((name) => name.length))
  const codes = new Map(names.map((name, index) => [name, colours[index % colours.length]]))
  return (name) => {
    const label = `${name.padEnd(width)} |`
    const code = codes.get(name)
    return colour && code !== undefined ? `\u001b[${code}m${label}\u001b[0m ` : `${label} `
  }
}
