import WebSocket from 'ws'
import { waitFor } from '@repo/testing'

export type Received = Record<string, unknown> & { type?: string }

/** A real `ws` client of a signaling room, recording what it gets. */
export type Peer = {
  socket: WebSocket
  received: Received[]
  /** Waits for (and consumes) the first not yet taken message of this type. */
  take: (type: string, timeoutMs?: number) => Promise<Received>
  send: (message: unknown) => void
  /** The close code and reason, once the socket is closed. */
  closed: Promise<{ code: number, reason: string }>
}

/** Opens a socket on `path` (`/api/ws/signaling/<id>?token=...`) of the server at `base` (ws://host:port). */
export async function openPeer (base: string, path: string, options: WebSocket.ClientOptions = {}): Promise<Peer> {
  const socket = new WebSocket(`${base}${path}`, options)
  const received: Received[] = []
  socket.on('message', (data) => { received.push(JSON.parse(String(data)) as Received) })
  const closed = new Promise<{ code: number, reason: string }>((resolve) => {
    socket.on('close', (code, reason) => { resolve({ code, reason: reason.toString('utf8') }) })
  })
  socket.on('error', () => {})
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => { resolve() })
    socket.once('unexpected-response', (_request, response) => { reject(new Error(`upgrade refused: ${response.statusCode ?? 0}`)) })
    socket.once('error', reject)
  })
  return {
    socket,
    received,
    take: async (type, timeoutMs = 10_000) => await waitFor(`a ${type} message`, () => {
      const index = received.findIndex((message) => message.type === type)
      return index === -1 ? undefined : received.splice(index, 1)[0]
    }, timeoutMs),
    send: (message) => { socket.send(typeof message === 'string' ? message : JSON.stringify(message)) },
    closed
  }
}

/** The room path of an invite, with the token (if any) URL-encoded. */
export function roomPath (inviteId: string, token?: string): string {
  return `/api/ws/signaling/${inviteId}${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`
}

/** Opens a socket on an invite's room and waits for its `joined`. */
export async function joinRoom (base: string, inviteId: string, token: string): Promise<Peer> {
  const peer = await openPeer(base, roomPath(inviteId, token))
  await peer.take('joined')
  return peer
}

/** Closes peers that are still open. */
export function closeAll (...peers: Peer[]): void {
  for (const peer of peers) if (peer.socket.readyState === WebSocket.OPEN) peer.socket.close()
}
