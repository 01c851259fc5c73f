import type { Subscription } from '@repo/events'

/** Everything signaling consumes. Each effect is written in the consumer's inbox transaction. */
export const subscriptions: Subscription[] = []
