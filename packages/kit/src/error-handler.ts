import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { AppError, ErrorCodes, ValidationFailed, summarize, type ValidationIssue } from './errors.js'

type ErrorBody = { detail: string, code: string, errors?: ValidationIssue[], request_id?: string }

type AjvIssue = { keyword: string, instancePath: string, params: Record<string, unknown>, message?: string }

const locationNames: Record<string, string> = { body: 'body', querystring: 'query', params: 'path', headers: 'header' }

/** Turns Fastify's ajv errors into the FastAPI-like `errors[]` of API.md D2. */
export function toValidationIssues (context: string, issues: readonly AjvIssue[]): ValidationIssue[] {
  const root = locationNames[context] ?? context
  return issues.map((issue) => {
    const loc: (string | number)[] = [root, ...issue.instancePath.split('/').slice(1).map(decodePointer)]
    if (issue.keyword === 'required' && typeof issue.params.missingProperty === 'string') {
      return { loc: [...loc, issue.params.missingProperty], msg: 'Field required', type: 'missing' }
    }
    return { loc, msg: issue.message ?? 'Invalid value', type: issue.keyword }
  })
}

function decodePointer (segment: string): string | number {
  const text = segment.replaceAll('~1', '/').replaceAll('~0', '~')
  return /^\d+$/.test(text) ? Number(text) : text
}

// A transaction that Postgres aborted because another one conflicted with it (a deadlock, or a failed
// serializable or repeatable-read transaction): the same work succeeds when run again.
const conflictCodes = new Set(['40P01', '40001'])
// Failures a retry may fix: the database or a peer is unreachable, restarting or out of connections,
// or the transaction lost a conflict.
const transientCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '53300', ...conflictCodes])
// 55000 (object not in prerequisite state) is mostly a bug, but its "not currently accepting connections"
// is the database refusing connections (ALLOW_CONNECTIONS false, as during maintenance). "Not queryable"
// is node-postgres refusing a query on a client whose connection was cut between two queries (or the
// ROLLBACK after a cut, which drizzle then throws in place of the first error).
const transientMessages = [
  'timeout exceeded when trying to connect',
  'Connection terminated unexpectedly',
  'Connection terminated due to connection timeout',
  'is not currently accepting connections',
  'Client has encountered a connection error and is not queryable'
]

/**
 * True for errors that mean "try again shortly" (answered 503), not a bug (answered 500). Looks through
 * `cause`: drizzle wraps the driver's error (DrizzleQueryError "Failed query: ...") without its code.
 */
export function isTransientError (error: unknown): boolean {
  return causeChain(error).some((current) => {
    const code = codeOf(current)
    return (code !== undefined && (transientCodes.has(code) || code.startsWith('08'))) ||
      transientMessages.some((transient) => current.message.includes(transient))
  })
}

/** True when Postgres aborted the transaction for a conflict with another one: run it again at once. */
export function isConflictError (error: unknown): boolean {
  return causeChain(error).some((current) => conflictCodes.has(codeOf(current) ?? ''))
}

/** The error and its causes, outermost first: at most five, so a cause that refers back ends it. */
function causeChain (error: unknown): Error[] {
  const chain: Error[] = []
  for (let current = error; current instanceof Error && chain.length < 5; current = current.cause) chain.push(current)
  return chain
}

/** The driver's or the system's error code (a SQLSTATE, ECONNREFUSED), when the error has one. */
function codeOf (error: Error): string | undefined {
  const code = (error as { code?: unknown }).code
  return typeof code === 'string' ? code : undefined
}

function bodyFor (error: FastifyError | AppError | Error, request: FastifyRequest): { status: number, body: ErrorBody, headers?: Readonly<Record<string, string>> } {
  if (error instanceof ValidationFailed) {
    return { status: 422, body: { detail: error.detail, code: error.code, errors: error.errors } }
  }
  if (error instanceof AppError) {
    return { status: error.statusCode, body: { detail: error.detail, code: error.code }, headers: error.headers }
  }
  const fastifyError = error as FastifyError
  if (fastifyError.validation !== undefined) {
    const context = fastifyError.validationContext ?? 'body'
    // A malformed id or token in the path is the same "not found" as an unknown one (D2).
    if (context === 'params') return { status: 404, body: { detail: 'Not Found', code: ErrorCodes.notFound } }
    const errors = toValidationIssues(context, fastifyError.validation)
    return { status: 422, body: { detail: summarize(errors), code: ErrorCodes.validationFailed, errors } }
  }
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY': {
      const errors = [{ loc: ['body'], msg: fastifyError.message, type: 'json_invalid' }]
      return { status: 422, body: { detail: summarize(errors), code: ErrorCodes.validationFailed, errors } }
    }
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, body: { detail: 'Request body is too large', code: ErrorCodes.payloadTooLarge } }
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, body: { detail: 'Unsupported Media Type', code: ErrorCodes.unsupportedMediaType } }
  }
  if (isTransientError(error)) {
    return { status: 503, body: { detail: 'Service temporarily unavailable, please retry', code: ErrorCodes.unavailable, request_id: request.id }, headers: { 'retry-after': '1' } }
  }
  const status = fastifyError.statusCode ?? 500
  if (status === 429) {
    return { status, body: { detail: 'Too many requests, please retry later', code: ErrorCodes.rateLimited } }
  }
  if (status >= 400 && status < 500) {
    return { status, body: { detail: fastifyError.message, code: codeForStatus(status) } }
  }
  return { status: status >= 500 && status < 600 ? status : 500, body: { detail: 'Internal Server Error', code: ErrorCodes.internal, request_id: request.id } }
}

function codeForStatus (status: number): string {
  switch (status) {
    case 401: return ErrorCodes.notAuthenticated
    case 403: return ErrorCodes.forbidden
    case 404: return ErrorCodes.notFound
    default: return `HTTP_${status}`
  }
}

/**
 * One error shape for every service (API.md D1-D3): `{ detail, code }`, 422 with `errors[]` for bad
 * input, and 5xx bodies that say nothing about internals (the stack goes to the log with the request id).
 */
export const errorHandlerPlugin = fp((app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const { status, body, headers } = bodyFor(error, request)
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed')
    } else {
      request.log.info({ status, code: body.code }, body.detail)
    }
    if (headers !== undefined) reply.headers(headers)
    return reply.code(status).send(body)
  })

  app.setNotFoundHandler((request, reply) => {
    return reply.code(404).send({ detail: 'Not Found', code: ErrorCodes.notFound })
  })
}, { name: '@repo/kit/errors' })
