import { generateKeyPairSync } from 'node:crypto'
import type { TestProject } from 'vitest/node'
import { createTestDatabase } from '@repo/db/testing'
import { deleteTestStreams, testNatsUrl, uniqueName } from '@repo/testing'
import { startMailCatcher } from '../src/mail-catcher.js'
import { prepareProdBuild } from '../src/prod-build.js'
import { SUPERADMIN } from '../src/superadmin.js'
import { startStack } from '../src/stack.js'

declare module 'vitest' {
  export interface ProvidedContext {
    gatewayUrl: string
    serviceUrls: Record<string, string>
    /** Where the suite's SMTP server writes what the stack sends (read with readCaughtMail). */
    mailFolder: string
    frontendDomain: string
    /** Identity's signing key (JWT_PRIVATE_KEY, PKCS#8 PEM Ed25519), so tests can mint validly signed tokens. */
    signingKeyPem: string
    /** The production build every stack of the suite runs (see prepareProdBuild). */
    prodBuild: string
  }
}

/**
 * One stack for the suite: the production build (deployed once, without dev dependencies, shared by the
 * stacks tests start), its own database and stream prefix, every service on a free port.
 */
export default async function setup (project: TestProject): Promise<() => Promise<void>> {
  const build = await prepareProdBuild((line) => { process.stderr.write(`${line}\n`) })
  const database = await createTestDatabase()
  const natsUrl = testNatsUrl()
  const eventsPrefix = uniqueName('t')
  const mail = await startMailCatcher()
  const frontendDomain = 'http://frontend.e2e.test'
  // Identity signs with this key instead of generating its own, so a test can sign a token identity would
  // accept in every way but one (e.g. an expired one) and prove that one reason is enough for a 401.
  const signingKeyPem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
  // Low bcrypt cost keeps the suite fast; the cost itself is covered by identity's tests and the bench.
  // The superadmin comes from the ADMIN_EMAIL bootstrap, so files need not run in any order to have one.
  const stack = await startStack({
    databaseUrl: database.adminUrl,
    natsUrl,
    eventsPrefix,
    build: build.dir,
    // Every file logs in from 127.0.0.1; the per-address login limit is covered by identity's own tests,
    // and the gateway's per-address limits by its own tests.
    env: { BCRYPT_COST: '4', LOGIN_RATE_LIMIT_PER_IP: '10000', RATE_LIMIT_PER_MINUTE: '1000000', AUTH_RATE_LIMIT_PER_MINUTE: '1000000', INVITE_TOKEN_RATE_LIMIT_PER_MINUTE: '1000000', ADMIN_EMAIL: SUPERADMIN.email, ADMIN_PASSWORD: SUPERADMIN.password, ADMIN_NAME: SUPERADMIN.full_name, SMTP_URL: mail.url, FRONTEND_DOMAIN: frontendDomain, JWT_PRIVATE_KEY: signingKeyPem }
  })
  project.provide('gatewayUrl', stack.gatewayUrl)
  project.provide('serviceUrls', stack.serviceUrls)
  project.provide('mailFolder', mail.folder)
  project.provide('frontendDomain', frontendDomain)
  project.provide('signingKeyPem', signingKeyPem)
  project.provide('prodBuild', build.dir)
  return async () => {
    const code = await stack.stop()
    await mail.close()
    await deleteTestStreams(natsUrl, eventsPrefix).catch(() => {})
    await database.drop()
    await build.remove()
    if (code !== 0) throw new Error(`The stack exited with ${code} on SIGTERM:\n${stack.output().slice(-4000)}`)
  }
}
