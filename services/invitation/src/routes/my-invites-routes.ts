import { Type } from 'typebox'
import { PageQuerySchema, type ServiceApp } from '@repo/kit'
import type { InvitationContext } from '../context.js'
import { listMyInvites } from '../use-cases/list-my-invites.js'
import { myInviteView } from '../views.js'
import { MyInvite } from './schemas.js'

/** GET /my-invites (API.md 2.5): any signed-in user, matched by the e-mail in their token. */
export function myInvitesRoutes (app: ServiceApp, ctx: InvitationContext): void {
  app.get('/api/my-invites', {
    onRequest: app.authenticate,
    schema: { querystring: PageQuerySchema, response: { 200: Type.Array(MyInvite) } }
  }, async (request) => {
    return (await listMyInvites(ctx, request.user.email, request.query)).map(myInviteView)
  })
}
