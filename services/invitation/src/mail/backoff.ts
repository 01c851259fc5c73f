/**
 * The wait before the next attempt after `failedAttempts` failures: `baseMs` doubled per failure, at
 * most `maxMs`, plus up to a quarter more at random so mails that failed together do not all retry in
 * the same instant.
 */
export function retryDelayMs (failedAttempts: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, failedAttempts - 1))
  return Math.round(exponential * (1 + random() / 4))
}
