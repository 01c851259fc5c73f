import { randomBytes } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'

/** Where `pnpm start` keeps the key it made, beside the embedded Postgres's data. */
export function emailSettingsKeyFile (root: string): string {
  return join(root, '.data', 'email-settings.key')
}

const isCode = (error: unknown, code: string) => (error as { code?: unknown }).code === code

/**
 * EMAIL_SETTINGS_KEY for the invitation service, which encrypts admins' saved SMTP passwords with it.
 * The environment's own wins; otherwise 32 random bytes are made on the first start and kept in
 * `.data/email-settings.key` (readable by the owner only), so passwords saved before a restart can still
 * be read after it.
 */
export async function emailSettingsKey (root: string, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<string> {
  const given = env.EMAIL_SETTINGS_KEY
  if (given !== undefined && given !== '') return given
  const file = emailSettingsKeyFile(root)
  try {
    return (await readFile(file, 'utf8')).trim()
  } catch (error) {
    if (!isCode(error, 'ENOENT')) throw error
  }
  const key = randomBytes(32).toString('base64')
  await mkdir(dirname(file), { recursive: true })
  try {
    // wx: two starts at once keep one key, the first one written.
    await writeFile(file, `${key}\n`, { mode: 0o600, flag: 'wx' })
  } catch (error) {
    if (isCode(error, 'EEXIST')) return (await readFile(file, 'utf8')).trim()
    throw error
  }
  log(`made EMAIL_SETTINGS_KEY for saved SMTP passwords and kept it in ${file} (set EMAIL_SETTINGS_KEY to use your own)`)
  return key
}
