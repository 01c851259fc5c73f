import type { ConsumerMessages, JsMsg, NatsConnection } from 'nats'
import { ensureStream, naming, type NatsLink, type StreamOptions } from '@repo/events'
import type { AuthUser } from '../auth-user.js'
import { parseRevocation, REVOCATION_PRODUCER, USER_EVENTS_SUBJECT } from './revocation-events.js'
import { RevocationStore } from './revocation-store.js'

type Log = { info: (obj: object, msg: string) => void, warn: (obj: object, msg: string) => void }

export type RevocationListOptions = {
  /**
   * The process's NATS link (a service on the event backbone passes `app.events.link`). The list waits
   * for its first connection and follows its reconnects; whoever owns the link starts and closes it.
   */
  link: NatsLink
  /** `EVENTS_PREFIX`: the namespace identity publishes in (tests use their own). */
  prefix?: string
  /**
   * Access token lifetime plus a margin for clock skew (default 240 + 5 minutes). A new replica replays
   * this far back, and revocations older than this are forgotten: every token they refuse has expired.
   */
  tokenLifetimeMs?: number
  /** Identity's stream settings; the list creates the stream if identity has not yet, as consumers do. */
  streamOptions?: StreamOptions
  /** Wait before binding again after a failure (default 500 ms), well inside D6's 5 seconds. */
  retryDelayMs?: number
  /** How often forgotten entries are pruned (default one minute). */
  pruneIntervalMs?: number
  log?: Log
}

export type RevocationList = {
  /** For authPlugin's `isRevoked`: true when the user was deleted or the token predates their cutoff. */
  isRevoked: (user: AuthUser) => boolean
  /**
   * Resolves once the list has read everything identity's stream held (within the window) when it
   * started, so `/ready` can wait for it; rejects only if the list is stopped before that.
   */
  ready: Promise<void>
  /** The same as `ready` having resolved, for a synchronous readiness check. */
  readonly caughtUp: boolean
  /** How many users currently have a revocation entry (for tests and metrics). */
  readonly size: number
  /** Stops following; the link stays open (it belongs to the caller). */
  stop: () => Promise<void>
}

export const DEFAULT_TOKEN_LIFETIME_MS = (240 + 5) * 60_000

const silent: Log = { info: () => {}, warn: () => {} }

/**
 * Every replica must see every revocation (API.md D6), so this is a broadcast, not a shared durable:
 * each process reads identity's stream through an ordered (ephemeral, unacknowledged) consumer of its
 * own, filtered to `identity.user.>`. It replays the last token lifetime at start, then follows live.
 *
 * The stream sequence of the last message seen is the cursor. After a reconnect (a restarted server
 * loses in-memory ordered consumers) or any end of the subscription, a new ordered consumer starts
 * right after the cursor, so nothing published meanwhile is missed and nothing is applied twice.
 */
export function createRevocationList (options: RevocationListOptions): RevocationList {
  const names = naming(options.prefix)
  const lifetimeMs = options.tokenLifetimeMs ?? DEFAULT_TOKEN_LIFETIME_MS
  const retryDelayMs = options.retryDelayMs ?? 500
  const log = options.log ?? silent
  const store = new RevocationStore(Math.ceil(lifetimeMs / 1000))

  // Read through a signal, not a local flag: it flips inside stop(), while run() awaits.
  const stopper = new AbortController()
  const { signal } = stopper
  let caughtUp = false
  let lastSequence = 0
  // A stream that is deleted and made again restarts its sequences; its creation time tells them apart.
  let streamCreated: string | undefined
  // Messages of an older consumer may still arrive after a new one started; only the newest counts.
  let generation = 0
  let current: ConsumerMessages | undefined
  let wakeRetry: (() => void) | undefined
  let signalStopped!: () => void
  const stopped = new Promise<undefined>((resolve) => { signalStopped = () => resolve(undefined) })

  let resolveReady!: () => void
  let rejectReady!: (error: Error) => void
  const ready = new Promise<void>((resolve, reject) => { resolveReady = resolve; rejectReady = reject })
  // A caller that never awaits `ready` must not see an unhandled rejection when the list stops early.
  ready.catch(() => {})

  function markCaughtUp (): void {
    if (caughtUp) return
    caughtUp = true
    log.info({ revocations: store.size, lastSequence }, 'revocation list caught up')
    resolveReady()
  }

  function handle (message: JsMsg, ofGeneration: number): void {
    const sequence = message.info.streamSequence
    if (ofGeneration !== generation || sequence <= lastSequence) return
    lastSequence = sequence
    const parsed = parseRevocation(names, message.subject, message.string())
    if (parsed.status === 'fact') store.apply(parsed.fact)
    // The cursor moves past a bad message, so each one is reported once and never blocks the rest.
    if (parsed.status === 'malformed') log.warn({ subject: message.subject, streamSequence: sequence, reason: parsed.reason }, 'ignored a malformed identity event')
    if (message.info.pending === 0) markCaughtUp()
  }

  /** One ordered consumer, from the cursor (or the start of the window) until it ends. */
  async function follow (connection: NatsConnection): Promise<void> {
    const jsm = await connection.jetstreamManager()
    const stream = await ensureStream(jsm, names, REVOCATION_PRODUCER, options.streamOptions)
    const { created } = await jsm.streams.info(stream)
    if (created !== streamCreated) {
      if (streamCreated !== undefined) log.warn({ stream }, 'identity\'s stream was created anew; replaying its window')
      streamCreated = created
      lastSequence = 0
    }
    const filterSubjects = names.subject(USER_EVENTS_SUBJECT)
    const consumer = await connection.jetstream().consumers.get(stream, lastSequence === 0
      ? { filterSubjects, opt_start_time: new Date(Date.now() - lifetimeMs).toISOString() }
      : { filterSubjects, opt_start_seq: lastSequence + 1 })
    const ofGeneration = ++generation
    const messages = await consumer.consume({ callback: (message) => { handle(message, ofGeneration) } })
    current = messages
    if (signal.aborted) {
      await messages.close()
      return
    }
    // Nothing matching was pending when the consumer was made: there is nothing to catch up on.
    if ((await consumer.info(true)).num_pending === 0) markCaughtUp()
    await messages.closed()
  }

  async function run (): Promise<void> {
    let connection: NatsConnection | undefined
    try {
      // stop() must not wait for a NATS that never came up.
      connection = await Promise.race([options.link.connection(), stopped])
    } catch {
      return // the link was closed before it ever connected: nothing to follow
    }
    if (connection === undefined) return
    // Ends when stopped, or when the owner closed the link for good (retrying could never succeed).
    while (!signal.aborted && !connection.isClosed()) {
      try {
        await follow(connection)
      } catch (error) {
        if (!signal.aborted) log.warn({ err: error }, 'could not follow identity\'s revocations, retrying')
      }
      if (signal.aborted) return
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, retryDelayMs)
        wakeRetry = () => { clearTimeout(timer); resolve() }
      })
      wakeRetry = undefined
    }
  }

  // The server may have restarted and dropped the (in-memory) consumer: start a new one at the cursor.
  const unsubscribe = options.link.onReconnect(() => {
    void current?.close()
    wakeRetry?.()
  })
  const pruneTimer = setInterval(() => { store.prune(Date.now() / 1000) }, options.pruneIntervalMs ?? 60_000)
  pruneTimer.unref()
  const loop = run()

  return {
    isRevoked: (user) => store.isRevoked(user),
    ready,
    get caughtUp () { return caughtUp },
    get size () { return store.size },
    stop: async () => {
      stopper.abort()
      unsubscribe()
      clearInterval(pruneTimer)
      rejectReady(new Error('revocation list stopped'))
      signalStopped()
      wakeRetry?.()
      await current?.close()
      await loop
    }
  }
}
