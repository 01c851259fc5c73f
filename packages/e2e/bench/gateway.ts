// Benchmark: what the gateway costs. One cheap route called directly on identity and through the
// gateway, in one run, with the same connections and duration; the runs alternate (direct, proxied,
// direct, proxied, ...) so machine noise hits both sides, and the median of each side is kept.
// It starts its own stack (own database, stream prefix and free ports; loopback only); runs are bounded
// in time. The load generator, the gateway, identity and Postgres share the machine's cores: compare
// the ratios, not the absolute figures. Target: proxied throughput at least half of direct.
import autocannon from 'autocannon'
import { summary, withBenchStack, writeResults, type Load } from './bench-kit.js'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16)
/** Rounds of (direct, proxied); the median of each side is reported. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const TARGET_RATIO = 0.5
// GET /api/auth/jwks: public (no token check at the gateway or in identity, so the gateway's own work
// is the proxying and its edge: CORS, helmet, the rate limiter), one small read of the signing-key
// table, and the same answer every time. A heavier route would hide the gateway's cost behind its own.
const ROUTE = '/api/auth/jwks'
/** The run with the median throughput (the middle one of an odd count, the lower middle of an even one). */
function median (runs: Load[]): Load {
  const sorted = [...runs].sort((a, b) => a.perSecond - b.perSecond)
  const middle = sorted[Math.floor((sorted.length - 1) / 2)]
  if (middle === undefined) throw new Error('no runs')
  return middle
}

async function load (url: string): Promise<Load> {
  return summary(await autocannon({ url, connections: CONNECTIONS, duration: SECONDS }))
}

// All the load comes from one address: the limits are raised so the limiter never answers 429, but it
// stays registered and counts every request, since it is part of what the gateway really costs.
await withBenchStack({ RATE_LIMIT_PER_MINUTE: '100000000', AUTH_RATE_LIMIT_PER_MINUTE: '100000000', INVITE_TOKEN_RATE_LIMIT_PER_MINUTE: '100000000' }, async (stack) => {
  const identityUrl = stack.serviceUrls.identity
  if (identityUrl === undefined) throw new Error('No identity service in the stack')
  const direct = `${identityUrl}${ROUTE}`
  const proxied = `${stack.gatewayUrl}${ROUTE}`
  // Warm-up (JIT, connection pools, the signing keys cache), not measured.
  await autocannon({ url: direct, connections: CONNECTIONS, duration: 2 })
  await autocannon({ url: proxied, connections: CONNECTIONS, duration: 2 })

  const directRuns: Load[] = []
  const proxiedRuns: Load[] = []
  for (let index = 0; index < ROUNDS; index++) {
    directRuns.push(await load(direct))
    proxiedRuns.push(await load(proxied))
  }
  const results = {
    route: `GET ${ROUTE}`,
    connections: CONNECTIONS,
    seconds: SECONDS,
    rounds: ROUNDS,
    direct: median(directRuns),
    proxied: median(proxiedRuns),
    runs: { direct: directRuns, proxied: proxiedRuns }
  }
  const throughputRatio = results.proxied.perSecond / Math.max(1, results.direct.perSecond)
  const p99Ratio = results.proxied.p99 / Math.max(1, results.direct.p99)
  console.log(`\nGateway cost: GET ${ROUTE}, ${CONNECTIONS} connections, ${ROUNDS} x ${SECONDS} s per side (median run)`)
  console.table({ 'identity direct': results.direct, 'through the gateway': results.proxied })
  console.log(`proxied/direct throughput: ${throughputRatio.toFixed(2)} (target >= ${TARGET_RATIO})   proxied/direct p99: ${p99Ratio.toFixed(1)}x\n`)
  const refused = [...directRuns, ...proxiedRuns].reduce((sum, run) => sum + run.non2xx, 0)
  if (refused > 0) throw new Error(`${refused} answers were not 2xx: the figures measure refusals, not the route`)
  await writeResults('gateway', {
    ...results,
    ratios: { throughput: Number(throughputRatio.toFixed(2)), p99: Number(p99Ratio.toFixed(2)), target: TARGET_RATIO }
  })
})
