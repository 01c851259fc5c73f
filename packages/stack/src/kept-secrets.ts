import { randomBytes } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'

/** A secret `pnpm start` makes once and keeps in `.data/` when the environment does not give one. */
export type KeptSecret = {
  /** The environment variable every service receives it in. */
  variable: string
  /** Its file under `.data/`. */
  fileName: string
  /** 32 random bytes, written in this encoding. */
  encoding: 'base64' | 'base64url'
  /** What it protects, for the log line that says it was made. */
  purpose: string
}

/** Invitation encrypts admins' saved SMTP passwords with it: a new key would make them unreadable. */
export const EMAIL_SETTINGS_KEY: KeptSecret = { variable: 'EMAIL_SETTINGS_KEY', fileName: 'email-settings.key', encoding: 'base64', purpose: 'saved SMTP passwords' }

/**
 * The service credential of the internal routes (`x-internal-token`): assessment accepts it, grading
 * sends it to read a version whose published event has not arrived. Kept so that a service restarted
 * alone still agrees with the others.
 */
export const INTERNAL_API_TOKEN: KeptSecret = { variable: 'INTERNAL_API_TOKEN', fileName: 'internal-api.token', encoding: 'base64url', purpose: 'service-to-service internal reads' }

/** Every secret `pnpm start` provides. */
export const KEPT_SECRETS: readonly KeptSecret[] = [EMAIL_SETTINGS_KEY, INTERNAL_API_TOKEN]

/** Where `pnpm start` keeps a secret it made, beside the embedded Postgres's data. */
export function keptSecretFile (root: string, secret: KeptSecret): string {
  return join(root, '.data', secret.fileName)
}

const isCode = (error: unknown, code: string) => (error as { code?: unknown }).code === code

/**
 * A secret's value: the environment's own wins; otherwise 32 random bytes are made on the first start
 * and kept in `.data/<file>` (readable by the owner only), so what was protected with it before a
 * restart still works after it. The value itself is never logged.
 */
export async function keptSecret (root: string, secret: KeptSecret, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<string> {
  const given = env[secret.variable]
  if (given !== undefined && given !== '') return given
  const file = keptSecretFile(root, secret)
  try {
    return (await readFile(file, 'utf8')).trim()
  } catch (error) {
    if (!isCode(error, 'ENOENT')) throw error
  }
  const value = randomBytes(32).toString(secret.encoding)
  await mkdir(dirname(file), { recursive: true })
  try {
    // wx: two starts at once keep one value, the first one written.
    await writeFile(file, `${value}\n`, { mode: 0o600, flag: 'wx' })
  } catch (error) {
    if (isCode(error, 'EEXIST')) return (await readFile(file, 'utf8')).trim()
    throw error
  }
  log(`made ${secret.variable} for ${secret.purpose} and kept it in ${file} (set ${secret.variable} to use your own)`)
  return value
}

/** The environment with every kept secret filled in (given ones unchanged). */
export async function withKeptSecrets (root: string, env: NodeJS.ProcessEnv, log: (line: string) => void, secrets: readonly KeptSecret[] = KEPT_SECRETS): Promise<NodeJS.ProcessEnv> {
  const filled: NodeJS.ProcessEnv = { ...env }
  for (const secret of secrets) filled[secret.variable] = await keptSecret(root, secret, env, log)
  return filled
}
