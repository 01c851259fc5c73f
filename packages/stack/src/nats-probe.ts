import { connect } from 'node:net'

export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222'

export type NatsProbe = { ok: true, version: string, jetstream: boolean } | { ok: false, reason: string }

/** Host and port of the first server in a NATS URL list (`nats://a:4222,nats://b:4222`). */
export function natsAddress (natsUrl: string): { host: string, port: number } {
  const first = natsUrl.split(',')[0]?.trim() ?? ''
  const url = new URL(first.includes('://') ? first : `nats://${first}`)
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port === '' ? 4222 : Number(url.port) }
}

/**
 * Is a NATS server there? A server greets every connection with one `INFO {json}` line, so a TCP
 * connect and that line are enough, without a client library or a login.
 */
export async function probeNats (natsUrl: string, timeoutMs: number): Promise<NatsProbe> {
  const { host, port } = natsAddress(natsUrl)
  return await new Promise((resolve) => {
    const socket = connect({ host, port })
    let received = ''
    const finish = (result: NatsProbe): void => {
      clearTimeout(timer)
      socket.destroy()
      resolve(result)
    }
    const timer = setTimeout(() => finish({ ok: false, reason: `no answer within ${timeoutMs} ms` }), timeoutMs)
    socket.on('error', (error) => finish({ ok: false, reason: error.message }))
    socket.on('close', () => finish({ ok: false, reason: 'connection closed before the INFO line' }))
    socket.on('data', (chunk) => {
      received += chunk.toString('utf8')
      const end = received.indexOf('\r\n')
      if (end === -1 && received.length < 64 * 1024) return
      const line = received.slice(0, end === -1 ? undefined : end)
      if (!line.startsWith('INFO ')) return finish({ ok: false, reason: `not a NATS server (it said ${JSON.stringify(line.slice(0, 40))})` })
      try {
        const info = JSON.parse(line.slice(5)) as { version?: unknown, jetstream?: unknown }
        finish({ ok: true, version: String(info.version), jetstream: info.jetstream === true })
      } catch {
        finish({ ok: false, reason: 'unreadable INFO line' })
      }
    })
  })
}

/** What to tell someone who has no NATS running: the exact commands, not a link. */
export function howToStartNats (natsUrl: string, reason: string): string {
  return [
    `NATS does not answer at ${natsUrl} (${reason}). The services need NATS with JetStream. Start one, then run this again:`,
    '  Debian/Ubuntu:  sudo apt-get install -y nats-server',
    '                  nats-server -js -sd .data/nats -a 127.0.0.1 -p 4222',
    '  Docker:         docker compose up -d nats',
    '  Or set NATS_URL to a running server (started with -js).'
  ].join('\n')
}
