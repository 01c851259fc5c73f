import { connect } from 'node:net'

/**
 * Whether a TCP connection to the base URL's host and port opens within `timeoutMs` (it is closed at
 * once). Used before a WebSocket upgrade is handed over, since the proxied socket cannot be moved to
 * another replica, nor answered with a status, once the client's upgrade has been accepted.
 */
export async function accepts (baseUrl: string, timeoutMs: number): Promise<boolean> {
  const url = new URL(baseUrl)
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port)
  return await new Promise((resolve) => {
    // An IPv6 host comes bracketed in a URL (`[::1]`), bare in a socket address.
    const socket = connect({ host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port, timeout: timeoutMs })
    const settle = (open: boolean) => {
      socket.destroy()
      resolve(open)
    }
    socket.once('connect', () => { settle(true) })
    socket.once('timeout', () => { settle(false) })
    socket.once('error', () => { settle(false) })
  })
}
