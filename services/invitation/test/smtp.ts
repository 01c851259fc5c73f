import { createServer, type Server, type Socket } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import { freePort, waitFor } from '@repo/testing'

/** A message as the test SMTP server received it. */
export type ReceivedMail = {
  /** RCPT TO addresses. */
  to: string[]
  /** `name <address>` as the header says, unquoted. */
  from: string
  subject: string
  html: string
  text: string
  /** The AUTH login the client used, if any. */
  login: { user: string, password: string } | null
}

export type TestSmtpServer = {
  port: number
  received: ReceivedMail[]
  /** Waits until `count` messages have arrived (no more than that is asserted by the caller). */
  waitForMail: (count: number) => Promise<ReceivedMail[]>
  close: () => Promise<void>
}

export type TestSmtpOptions = {
  port?: number
  /** Requires this login (AUTH PLAIN/LOGIN); without it any client may send. */
  login?: { user: string, password: string }
  /** Time the server takes to accept each message, to make deliveries overlap. */
  dataDelayMs?: number
}

/**
 * A real SMTP server (smtp-server) on 127.0.0.1 that keeps what it receives. It offers STARTTLS with the
 * package's built-in self-signed certificate, so the app under test runs with SMTP_TLS_REJECT_UNAUTHORIZED=false.
 */
export async function startSmtpServer (options: TestSmtpOptions = {}): Promise<TestSmtpServer> {
  const port = options.port ?? await freePort()
  const received: ReceivedMail[] = []
  const login = options.login
  const server = new SMTPServer({
    logger: false,
    authOptional: login === undefined,
    onAuth (auth, _session, callback) {
      if (login !== undefined && auth.username === login.user && auth.password === login.password) {
        callback(null, { user: { user: auth.username, password: auth.password } })
        return
      }
      callback(new Error('Invalid username or password'))
    },
    onData (stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => { chunks.push(chunk) })
      stream.on('end', () => {
        void (async () => {
          const parsed = await simpleParser(Buffer.concat(chunks))
          if (options.dataDelayMs !== undefined) await sleep(options.dataDelayMs)
          const user = session.user as { user: string, password: string } | undefined
          received.push({
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            from: (parsed.from?.value ?? []).map((sender) => `${sender.name} <${sender.address ?? ''}>`).join(', '),
            subject: parsed.subject ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            text: parsed.text ?? '',
            login: user ?? null
          })
          callback()
        })().catch((error: unknown) => { callback(error as Error) })
      })
    }
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => { resolve() })
  })
  return {
    port,
    received,
    waitForMail: async (count) => await waitFor(`${count} mails on port ${port}`, () => received.length >= count ? received : undefined, 15_000),
    close: async () => { await new Promise<void>((resolve) => { server.close(() => { resolve() }) }) }
  }
}

/** A TCP server that accepts connections and never says a word: an SMTP server that hangs. */
export async function startSilentServer (port?: number): Promise<{ port: number, connections: () => number, close: () => Promise<void> }> {
  const listenPort = port ?? await freePort()
  const sockets = new Set<Socket>()
  let accepted = 0
  const server: Server = createServer((socket) => {
    accepted++
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => { server.listen(listenPort, '127.0.0.1', () => { resolve() }) })
  return {
    port: listenPort,
    connections: () => accepted,
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => { server.close(() => { resolve() }) })
    }
  }
}
