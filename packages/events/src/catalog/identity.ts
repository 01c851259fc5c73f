import { Type } from 'typebox'
import { defineEvent } from '../define-event.js'

const UserId = Type.String({ format: 'uuid' })
const Role = Type.Union([Type.Literal('admin'), Type.Literal('applicant')])

/**
 * A user was created: registration, an admin created by the superadmin, or the ADMIN_EMAIL bootstrap.
 * Signaling keeps its list of admins (every admin gets every notification) from these and
 * `user.deleted`. `email` is lower-cased.
 */
export const UserCreatedV1 = defineEvent({
  producer: 'identity',
  type: 'user.created',
  version: 1,
  schema: Type.Object({
    userId: UserId,
    email: Type.String({ minLength: 1 }),
    fullName: Type.String(),
    role: Role,
    createdAt: Type.String({ format: 'date-time' })
  })
})

/**
 * A user was deleted (an admin deleted an applicant, or the superadmin deleted an admin). Every service
 * erases that person's data (API.md D17), matching by `userId` and, for data kept by e-mail, `email`
 * (lower-cased). Tokens of a deleted user stop working everywhere.
 */
export const UserDeletedV1 = defineEvent({
  producer: 'identity',
  type: 'user.deleted',
  version: 1,
  schema: Type.Object({
    userId: UserId,
    email: Type.String({ minLength: 1 }),
    role: Role,
    deletedAt: Type.String({ format: 'date-time' })
  })
})

/**
 * Access tokens of a user issued before `tokensValidFrom` (Unix seconds, compared with the token's
 * `iat`) must be refused from now on: the user was deactivated or changed password (API.md D6).
 */
export const UserTokensRevokedV1 = defineEvent({
  producer: 'identity',
  type: 'user.tokens_revoked',
  version: 1,
  schema: Type.Object({
    userId: UserId,
    tokensValidFrom: Type.Integer({ minimum: 0 }),
    reason: Type.Union([Type.Literal('deactivated'), Type.Literal('password_changed')])
  })
})
