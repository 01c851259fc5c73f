import { createTestDatabase } from '@repo/db/testing'
import { deleteTestStreams, testNatsUrl, uniqueName } from '@repo/testing'
import { startMailCatcher } from './mail-catcher.js'
import { startStack } from './stack.js'

export type StoryStack = {
  gatewayUrl: string
  /** Where this stack's SMTP server writes what it catches (read with readCaughtMail). */
  mailFolder: string
  /** FRONTEND_DOMAIN: the base of the invite links in the mails. */
  frontendDomain: string
  /** Stops the stack, then removes its mail, streams and database; throws if the stack did not exit cleanly. */
  stop: () => Promise<void>
}

/**
 * A stack of a story's own, for stories that must begin from nothing: no superadmin bootstrap
 * (ADMIN_EMAIL unset), so the first admin signs up, and the gateway's default rate limits, as a
 * deployment has them. Like the suite's stack it has its own database, stream prefix and SMTP server,
 * and it runs `build`, the suite's production build (a build of its own when unset).
 */
export async function startStoryStack (build?: string): Promise<StoryStack> {
  const database = await createTestDatabase()
  const natsUrl = testNatsUrl()
  const eventsPrefix = uniqueName('t')
  const mail = await startMailCatcher()
  const frontendDomain = 'http://frontend.story.test'
  const cleanUp = async () => {
    await mail.close()
    await deleteTestStreams(natsUrl, eventsPrefix).catch(() => {})
    await database.drop()
  }
  let stack
  try {
    // Low bcrypt cost keeps the story fast; the cost itself is covered by identity's tests and the bench.
    stack = await startStack({
      databaseUrl: database.adminUrl,
      natsUrl,
      eventsPrefix,
      env: { BCRYPT_COST: '4', SMTP_URL: mail.url, FRONTEND_DOMAIN: frontendDomain },
      ...(build === undefined ? {} : { build })
    })
  } catch (error) {
    await cleanUp()
    throw error
  }
  const running = stack
  return {
    gatewayUrl: running.gatewayUrl,
    mailFolder: mail.folder,
    frontendDomain,
    stop: async () => {
      const code = await running.stop()
      await cleanUp()
      if (code !== 0) throw new Error(`The story's stack exited with ${code} on SIGTERM:\n${running.output().slice(-4000)}`)
    }
  }
}
