// `pnpm admin:create -- --email … --password … --name …`: makes an admin without the public sign-up
// route. The first admin made is the superadmin.
import { parseArgs } from 'node:util'
import { Type } from 'typebox'
import { Value } from 'typebox/value'
import { createOutbox } from '@repo/events'
import { AppError, loadConfig } from '@repo/kit'
import { IdentityConfigSchema } from '../config.js'
import { identityDb } from '../db/database.js'
import * as schema from '../db/schema.js'
import { adminExists } from '../db/users.js'
import { createPasswords } from '../passwords.js'
import { FullName, NewPassword } from '../routes/schemas.js'
import { insertAdmin } from '../use-cases/create-admin.js'
import { fail, openIdentityPool } from './database.js'

const usage = 'usage: create-admin --email <email> --password <password, 8 to 72 characters> --name <full name>'

const { values } = parseArgs({
  options: { email: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' }, 'full-name': { type: 'string' } },
  strict: true
})
const email = values.email
const password = values.password
const fullName = values.name ?? values['full-name']
if (email === undefined || password === undefined || fullName === undefined) fail(usage)
// The same rules as the HTTP routes, so the CLI cannot make an account the API would refuse.
// typebox's Value does not know ajv's `email` format, so e-mail is checked by a plain pattern here.
if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email) || email.length > 254) fail(`not an e-mail address: ${email}`)
if (!Value.Check(NewPassword, password)) fail('the password must be 8 to 72 characters long')
if (!Value.Check(FullName, fullName)) fail('the name must be 1 to 200 characters long')

const config = loadConfig(Type.Object({ BCRYPT_COST: IdentityConfigSchema.properties.BCRYPT_COST }))
let pool
try {
  pool = await openIdentityPool(process.env, { bootstrap: true })
} catch (error) {
  fail(`could not prepare the database: ${error instanceof Error ? error.message : String(error)}`)
}
try {
  const db = identityDb(pool)
  const first = !await adminExists(db)
  // user.created goes into identity's outbox; the running service's relay publishes it.
  const outbox = createOutbox(schema, 'identity', 'identity')
  const admin = await insertAdmin(db, await createPasswords(config.BCRYPT_COST), outbox.publish, { email, password, fullName })
  process.stdout.write(`Admin ${admin?.email ?? email} created${first ? ' (the superadmin)' : ''}: ${admin?.id ?? ''}\n`)
} catch (error) {
  if (error instanceof AppError) fail(error.detail)
  throw error
} finally {
  await pool.end()
}
