import WebSocket from 'ws'
import { waitFor } from '@repo/testing'

/** A JSON message received on a socket; `type` says what it is in every protocol of the platform. */
export type PeerMessage = Record<string, unknown> & { type?: string }

export type WsPeer = {
  socket: WebSocket
  /** Everything received and not yet taken, oldest first. */
  received: PeerMessage[]
  /** Waits (bounded) for the first message of this type, removes it from `received` and answers it. */
  take: (type: string, timeoutMs?: number) => Promise<PeerMessage>
  /** Sends one JSON message. */
  send: (message: PeerMessage) => void
  /** Settles with the close code and reason, whoever closed. */
  closed: Promise<{ code: number, reason: string }>
  /** Whether the socket has closed (a fault test looks at which peers a killed replica dropped). */
  isClosed: () => boolean
}

/**
 * Opens a WebSocket (e.g. `ws://<gateway>/api/ws/notifications?token=...`) and collects its JSON
 * messages, so a test can wait for the one it expects without racing the socket.
 */
export async function openPeer (url: string): Promise<WsPeer> {
  const socket = new WebSocket(url)
  const received: PeerMessage[] = []
  let isClosed = false
  socket.on('message', (data) => { received.push(JSON.parse(String(data)) as PeerMessage) })
  // Errors surface as the close (or as the open's rejection below); without a listener they would throw.
  socket.on('error', () => {})
  const closed = new Promise<{ code: number, reason: string }>((resolve) => {
    socket.on('close', (code, reason) => {
      isClosed = true
      resolve({ code, reason: reason.toString('utf8') })
    })
  })
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => { resolve() })
    socket.once('error', reject)
  })
  const take = async (type: string, timeoutMs = 15_000) => await waitFor(`a ${type} message`, () => {
    const index = received.findIndex((message) => message.type === type)
    return index === -1 ? undefined : received.splice(index, 1)[0]
  }, timeoutMs)
  const send = (message: PeerMessage) => { socket.send(JSON.stringify(message)) }
  return { socket, received, take, send, closed, isClosed: () => isClosed }
}
