/**
 * A failure the user can fix (nothing answers, a bad setting): the CLI prints its message as is,
 * without a stack trace, and exits 1.
 */
export class StackError extends Error {
  override name = 'StackError'
}

/** A URL fit for a log line: the password is replaced, the rest kept so the user sees what was tried. */
export function displayUrl (url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password !== '') parsed.password = '***'
    return parsed.toString()
  } catch {
    return url
  }
}
