export type TaskLimiter = {
  /**
   * Runs the task when fewer than `limit` run, else queues it. Resolves with the task's result, or with
   * undefined when the limiter closed before the task started. The task must not reject.
   */
  run: <T>(task: () => Promise<T>) => Promise<T | undefined>
  /** Stops taking tasks, drops the queued ones (they resolve undefined) and waits for those running. */
  close: () => Promise<void>
}

/**
 * At most `limit` tasks at a time. Mail attempts hold a database connection while they talk to the SMTP
 * server, so this keeps them from taking the whole pool; and on shutdown only the running ones are
 * waited for, the rest stay in the outbox for the next pass (here or on another replica).
 */
export function taskLimiter (limit: number): TaskLimiter {
  const queue: { start: () => void, drop: () => void }[] = []
  const running = new Set<Promise<unknown>>()
  let closed = false

  // close() empties the queue, so nothing queued starts after it.
  const startNext = () => {
    while (running.size < limit) {
      const next = queue.shift()
      if (next === undefined) return
      next.start()
    }
  }

  return {
    run: async <T>(task: () => Promise<T>) => {
      if (closed) return undefined
      return await new Promise<T | undefined>((resolve) => {
        const start = () => {
          const execution = task().then(resolve, () => { resolve(undefined) })
          running.add(execution)
          void execution.finally(() => {
            running.delete(execution)
            startNext()
          })
        }
        queue.push({ start, drop: () => { resolve(undefined) } })
        startNext()
      })
    },
    close: async () => {
      closed = true
      for (const waiting of queue.splice(0)) waiting.drop()
      await Promise.all([...running])
    }
  }
}
