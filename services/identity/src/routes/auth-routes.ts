import { Type } from 'typebox'
import type { ServiceApp } from '@repo/kit'
import type { IdentityContext } from '../context.js'
import { findUserById } from '../db/users.js'
import { logIn } from '../use-cases/log-in.js'
import { registerUser } from '../use-cases/register-user.js'
import { userView } from '../views.js'
import { Email, FullName, NewPassword, User } from './schemas.js'
import { InvalidToken } from '@repo/auth'

export function authRoutes (app: ServiceApp, ctx: IdentityContext): void {
  app.post('/api/auth/register', {
    schema: {
      body: Type.Object({
        email: Email,
        password: NewPassword,
        full_name: FullName,
        role: Type.Union([Type.Literal('applicant'), Type.Literal('admin')], { default: 'applicant' })
      }),
      response: { 200: User }
    }
  }, async (request) => {
    const { email, password, full_name: fullName, role } = request.body
    return userView(await registerUser(ctx, { email, password, fullName, role }))
  })

  app.post('/api/auth/login', {
    schema: {
      // No length rule on the password here: a login must not reveal the password policy of the day.
      body: Type.Object({ email: Email, password: Type.String({ minLength: 1, maxLength: 1024 }) }),
      response: { 200: Type.Object({ access_token: Type.String(), token_type: Type.Literal('bearer'), user: User }) }
    }
  }, async (request) => {
    const { token, user } = await logIn(ctx, { email: request.body.email, password: request.body.password, clientIp: request.ip })
    return { access_token: token, token_type: 'bearer' as const, user: userView(user) }
  })

  app.get('/api/auth/me', { onRequest: app.authenticate, schema: { response: { 200: User } } }, async (request) => {
    const user = await findUserById(ctx.db, request.user.id)
    // The revocation check just read this row; it can only be gone if it was deleted in between.
    if (user === undefined) throw InvalidToken()
    return userView(user)
  })
}
