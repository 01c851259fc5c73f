/** How long a replica that refused a connection goes to the back of the queue. */
export const DEFAULT_COOLDOWN_MS = 2000

/**
 * The replicas of one upstream and the order to try them in. Each request starts at the next replica
 * in turn (round robin); one that could not be connected to within the cooldown is moved behind the
 * others, never dropped, so while every replica is down each is still tried, and a restarted one is
 * back in turn once its cooldown passes.
 */
export class ReplicaSet {
  readonly urls: readonly string[]
  private readonly cooldownMs: number
  private next = 0
  /** Replica → when its cooldown ends (performance.now()). */
  private readonly failedUntil = new Map<string, number>()

  constructor (urls: readonly string[], cooldownMs = DEFAULT_COOLDOWN_MS) {
    if (urls.length === 0) throw new Error('gateway: an upstream needs at least one replica')
    this.urls = urls
    this.cooldownMs = cooldownMs
  }

  /** Every replica, in the order one request should try them. */
  plan (): string[] {
    const { urls } = this
    if (urls.length === 1) return [...urls]
    const start = this.next
    this.next = (start + 1) % urls.length
    const rotated = [...urls.slice(start), ...urls.slice(0, start)]
    if (this.failedUntil.size === 0) return rotated
    const now = performance.now()
    const cooling = (url: string) => (this.failedUntil.get(url) ?? 0) > now
    return [...rotated.filter((url) => !cooling(url)), ...rotated.filter(cooling)]
  }

  /** A connection to `url` failed: try it last for a while. */
  failed (url: string): void {
    if (this.urls.length > 1) this.failedUntil.set(url, performance.now() + this.cooldownMs)
  }
}
