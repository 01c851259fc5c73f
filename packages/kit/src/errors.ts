/**
 * An error that maps to an HTTP answer: `detail` is safe to show to the client, `code` is the stable
 * UPPER_SNAKE identifier clients may branch on (API.md D3).
 */
export class AppError extends Error {
  override name = 'AppError'

  constructor (
    readonly statusCode: number,
    readonly code: string,
    readonly detail: string,
    readonly headers: Readonly<Record<string, string>> = {}
  ) {
    super(detail)
  }
}

/** Declares an error once and builds it where it is thrown: `throw TestNotFound()`. */
export function defineError (statusCode: number, code: string, detail: string, headers?: Record<string, string>) {
  return (overrideDetail?: string) => new AppError(statusCode, code, overrideDetail ?? detail, headers)
}

export type ValidationIssue = { loc: (string | number)[], msg: string, type: string }

/** 422 with the per-field list of API.md D2; for checks a schema cannot express. */
export class ValidationFailed extends AppError {
  constructor (readonly errors: ValidationIssue[]) {
    super(422, 'VALIDATION_FAILED', summarize(errors))
  }
}

export function summarize (errors: ValidationIssue[]): string {
  const first = errors[0]
  if (first === undefined) return 'Invalid input'
  const where = first.loc.join('.')
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''
  return `${where}: ${first.msg}${more}`
}

/** Codes shared by every service; services add their own, prefixed with the service name. */
export const ErrorCodes = {
  notAuthenticated: 'AUTH_NOT_AUTHENTICATED',
  forbidden: 'AUTH_FORBIDDEN',
  notFound: 'NOT_FOUND',
  validationFailed: 'VALIDATION_FAILED',
  payloadTooLarge: 'PAYLOAD_TOO_LARGE',
  unsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  rateLimited: 'RATE_LIMITED',
  internal: 'INTERNAL_ERROR',
  unavailable: 'SERVICE_UNAVAILABLE'
} as const
