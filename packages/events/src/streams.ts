import { DiscardPolicy, RetentionPolicy, StorageType, nanos, type JetStreamManager } from 'nats'
import type { Naming } from './naming.js'

export type StreamOptions = {
  /** How long JetStream keeps events (for replay by new consumers); the inbox must remember ids longer. */
  maxAgeMs?: number
  /** Publishes of one event id within this window are stored once. */
  duplicateWindowMs?: number
  /**
   * Copies of the stream in a cluster (EVENTS_STREAM_REPLICAS). Unset: 1 when creating, and an existing
   * stream keeps whatever it has; set: an existing stream is brought to it (JetStream moves the data).
   */
  replicas?: number
}

export const DEFAULT_STREAM_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000
const DEFAULT_DUPLICATE_WINDOW_MS = 10 * 60 * 1000

/**
 * Creates (or brings up to date) the one stream of a producer, over `<producer>.>`. Producers and
 * consumers both call it, so whichever starts first makes it, with the same settings.
 */
export async function ensureStream (jsm: JetStreamManager, names: Naming, producer: string, options: StreamOptions = {}): Promise<string> {
  const name = names.streamName(producer)
  const settings = {
    subjects: [names.streamSubjects(producer)],
    max_age: nanos(options.maxAgeMs ?? DEFAULT_STREAM_MAX_AGE_MS),
    duplicate_window: nanos(options.duplicateWindowMs ?? DEFAULT_DUPLICATE_WINDOW_MS)
  }
  try {
    const info = await jsm.streams.info(name)
    const current = info.config
    const replicas = options.replicas ?? current.num_replicas
    if (current.max_age !== settings.max_age || current.duplicate_window !== settings.duplicate_window || current.subjects.join() !== settings.subjects.join() || current.num_replicas !== replicas) {
      await jsm.streams.update(name, { ...current, ...settings, num_replicas: replicas })
    }
  } catch (error) {
    if (!isNotFound(error)) throw error
    try {
      await jsm.streams.add({
        name,
        ...settings,
        storage: StorageType.File,
        retention: RetentionPolicy.Limits,
        discard: DiscardPolicy.Old,
        num_replicas: options.replicas ?? 1
      })
    } catch (addError) {
      // Another replica created it between our lookup and our add.
      if (!/already in use|already exists/i.test(String(addError))) throw addError
    }
  }
  return name
}

export function isNotFound (error: unknown): boolean {
  return /not found/i.test(String(error))
}
