import type { IdentityContext } from '../context.js'
import { adminExists } from '../db/users.js'

/** Whether the public sign-up form may still offer the admin role (only until the first admin exists). */
export async function signupRestriction (ctx: IdentityContext): Promise<{ adminExists: boolean }> {
  return { adminExists: await adminExists(ctx.db) }
}
