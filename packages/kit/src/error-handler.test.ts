import { describe, expect, it } from 'vitest'
import { isConflictError, isTransientError } from './error-handler.js'

/** An error as node-postgres reports it: the SQLSTATE in `code`. */
function pgError (message: string, code: string): Error {
  return Object.assign(new Error(message), { code })
}

describe('isTransientError', () => {
  it('knows a cut or refused database connection', () => {
    expect(isTransientError(pgError('terminating connection due to administrator command', '57P01'))).toBe(true)
    expect(isTransientError(pgError('sorry, too many clients already', '53300'))).toBe(true)
    expect(isTransientError(new Error('Connection terminated unexpectedly'))).toBe(true)
    expect(isTransientError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true)
    // What a connect answers while the database has ALLOW_CONNECTIONS false.
    expect(isTransientError(pgError('database "app" is not currently accepting connections', '55000'))).toBe(true)
    // A query (or the ROLLBACK) on a client whose connection was cut between two queries of a transaction.
    expect(isTransientError(new Error('Failed query: rollback\nparams: ', { cause: new Error('Client has encountered a connection error and is not queryable') }))).toBe(true)
  })

  it('looks through a wrapper that drops the code, as drizzle\'s "Failed query" does', () => {
    const cause = pgError('terminating connection due to administrator command', '57P01')
    const wrapped = new Error('Failed query: select 1\nparams: ', { cause })
    expect(isTransientError(wrapped)).toBe(true)
    expect(isTransientError(new Error('outer', { cause: wrapped }))).toBe(true)
  })

  it('leaves bugs and bad data alone, wrapped or not', () => {
    expect(isTransientError(pgError('duplicate key value violates unique constraint "users_email_key"', '23505'))).toBe(false)
    expect(isTransientError(pgError('currval of sequence "s" is not yet defined in this session', '55000'))).toBe(false)
    expect(isTransientError(new Error('Failed query: insert', { cause: pgError('null value in column "id"', '23502') }))).toBe(false)
    expect(isTransientError(new TypeError('Cannot read properties of undefined'))).toBe(false)
    expect(isTransientError('57P01')).toBe(false)
  })

  it('stops on a cause that refers back to itself', () => {
    const looped = new Error('loop')
    Object.assign(looped, { cause: looped })
    expect(isTransientError(looped)).toBe(false)
  })
})

describe('isConflictError', () => {
  it('knows a deadlock and a serialization failure, wrapped by drizzle or not, and both are transient', () => {
    const deadlock = pgError('deadlock detected', '40P01')
    const serialization = pgError('could not serialize access due to concurrent update', '40001')
    for (const error of [deadlock, serialization, new Error('Failed query: insert', { cause: deadlock })]) {
      expect(isConflictError(error)).toBe(true)
      expect(isTransientError(error)).toBe(true)
    }
  })

  it('is false for other failures, transient ones included', () => {
    expect(isConflictError(pgError('terminating connection due to administrator command', '57P01'))).toBe(false)
    expect(isConflictError(pgError('duplicate key value violates unique constraint "users_email_key"', '23505'))).toBe(false)
    expect(isConflictError('40P01')).toBe(false)
  })
})
