import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import { freePort } from '@repo/testing'

export type MailCatcher = {
  /** `smtp://127.0.0.1:<port>`, for the stack's SMTP_URL. */
  url: string
  /** Where each message is written as `<n>.eml`; test files read it with readCaughtMail. */
  folder: string
  close: () => Promise<void>
}

/**
 * A real SMTP server for the end-to-end suite, started by the global setup. It writes every message it
 * accepts to a folder, because the test files run in other processes than the setup.
 */
export async function startMailCatcher (): Promise<MailCatcher> {
  const port = await freePort()
  const folder = await mkdtemp(join(tmpdir(), 'e2e-mail-'))
  let count = 0
  const server = new SMTPServer({
    logger: false,
    authOptional: true,
    // Plain SMTP on loopback: STARTTLS is covered by invitation's own tests.
    disabledCommands: ['STARTTLS'],
    onData (stream, _session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => { chunks.push(chunk) })
      stream.on('end', () => {
        count += 1
        writeFile(join(folder, `${count}.eml`), Buffer.concat(chunks)).then(() => { callback() }, (error: unknown) => { callback(error as Error) })
      })
    }
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => { resolve() })
  })
  return {
    url: `smtp://127.0.0.1:${port}`,
    folder,
    close: async () => {
      await new Promise<void>((resolve) => { server.close(() => { resolve() }) })
      await rm(folder, { recursive: true, force: true })
    }
  }
}

export type CaughtMail = { to: string[], subject: string, html: string, text: string }

/** Every message caught so far, parsed. */
export async function readCaughtMail (folder: string): Promise<CaughtMail[]> {
  const names = (await readdir(folder)).filter((name) => name.endsWith('.eml'))
  return await Promise.all(names.map(async (name) => {
    const parsed = await simpleParser(await readFile(join(folder, name)))
    const to = [parsed.to ?? []].flat().flatMap((address) => address.value.map((entry) => entry.address ?? ''))
    return { to, subject: parsed.subject ?? '', html: typeof parsed.html === 'string' ? parsed.html : '', text: parsed.text ?? '' }
  }))
}
