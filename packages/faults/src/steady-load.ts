import { setTimeout as sleep } from 'node:timers/promises'

/** What one call answered: its status (0 when the connection dropped or the call threw), and for an error its envelope and Retry-After. */
export type Answer = {
  route: string
  /** The phase the call started in, as the test named it. */
  phase: string
  /** The phase it was answered in (a later one when the call was slow). */
  answeredIn: string
  status: number
  body?: unknown
  retryAfter?: string | null
  /** Why the call threw (a dropped connection, a reset), when it did. */
  failure?: string
}

/** One call of a route: answers the raw response, which the load reads and records. */
export type Call = () => Promise<{ response: Response, error?: unknown }>

export type RouteLoad = {
  route: string
  /** Parallel callers of this route. */
  workers?: number
  /** Pause between one caller's calls, to keep the load steady rather than flat out on a 2-core machine. */
  pauseMs?: number
  /** Answers the next call to make, or undefined when this route has nothing left to do. */
  next: () => Call | undefined
}

export type SteadyLoad = {
  /** Names the phase calls started from now on are recorded under. */
  phase: (name: string) => void
  /** Every answer so far, in the order they came. */
  answers: () => readonly Answer[]
  /** Stops calling and waits for the calls in flight. */
  stop: () => Promise<void>
}

/**
 * Calls each route over and over until stopped, recording every answer with the phase it started in,
 * so a test can tell what the services answered before, during and after a fault.
 */
export function steadyLoad (routes: readonly RouteLoad[]): SteadyLoad {
  const answers: Answer[] = []
  let phase = 'start'
  const state = { stopped: false }
  const worker = async (route: RouteLoad): Promise<void> => {
    while (!state.stopped) {
      const call = route.next()
      if (call === undefined) return
      const startedIn = phase
      try {
        const { response, error } = await call()
        const answer: Answer = { route: route.route, phase: startedIn, answeredIn: phase, status: response.status }
        if (!response.ok) Object.assign(answer, { body: error, retryAfter: response.headers.get('retry-after') })
        answers.push(answer)
      } catch (error) {
        answers.push({ route: route.route, phase: startedIn, answeredIn: phase, status: 0, failure: error instanceof Error ? `${error.message} ${String(error.cause ?? '')}` : String(error) })
      }
      await sleep(route.pauseMs ?? 20)
    }
  }
  const running = Promise.all(routes.flatMap((route) => Array.from({ length: route.workers ?? 1 }, async () => { await worker(route) })))
  return {
    phase: (name) => { phase = name },
    answers: () => answers,
    stop: async () => {
      state.stopped = true
      await running
    }
  }
}
