// Benchmark: login throughput next to the bcrypt limit (cores ÷ time per hash), and the latency of a
// cheap authenticated route (GET /api/auth/me) alone and during a login storm, all through the gateway.
// It starts its own stack (own database, stream prefix and free ports; loopback only); runs are bounded
// in time. The machine's cores are shared by the load generator, the stack and Postgres: compare ratios.
import { availableParallelism } from 'node:os'
import autocannon from 'autocannon'
import bcrypt from 'bcrypt'
import { client } from '../src/client.js'
import { round, summary, withBenchStack, writeResults } from './bench-kit.js'

const COST = Number(process.env.BENCH_BCRYPT_COST ?? 12)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8)

async function timePerHash (): Promise<number> {
  const hash = await bcrypt.hash('benchmark password', COST)
  const rounds = 12
  const started = performance.now()
  for (let index = 0; index < rounds; index++) await bcrypt.compare('benchmark password', hash)
  return (performance.now() - started) / rounds
}

// The storm comes from one address and one account: lift identity's login limits and the gateway's
// per-address limits for the measurement (a 429 would be measured instead of a login).
const UNLIMITED = '100000000'
await withBenchStack({ BCRYPT_COST: String(COST), LOGIN_RATE_LIMIT_PER_IP: UNLIMITED, LOGIN_RATE_LIMIT_PER_ACCOUNT: UNLIMITED, RATE_LIMIT_PER_MINUTE: UNLIMITED, AUTH_RATE_LIMIT_PER_MINUTE: UNLIMITED }, async (stack) => {
  const api = client(`${stack.gatewayUrl}/api`)
  const credentials = { email: 'bench@example.com', password: 'benchmark password' }
  await api.post('/auth/register', { ...credentials, full_name: 'Bench Admin', role: 'admin' })
  const token = (await api.post('/auth/login', credentials)).body.access_token as string

  const msPerHash = await timePerHash()
  const cores = availableParallelism()
  const bcryptLimit = cores / (msPerHash / 1000)

  const cheap = { url: `${stack.gatewayUrl}/api/auth/me`, headers: { authorization: `Bearer ${token}` } }
  const logins = { url: `${stack.gatewayUrl}/api/auth/login`, method: 'POST' as const, headers: { 'content-type': 'application/json' }, body: JSON.stringify(credentials), connections: 16, duration: SECONDS }
  const alone = summary(await autocannon({ ...cheap, connections: 4, duration: SECONDS }))
  const loginsAlone = summary(await autocannon(logins))
  // The cheap route's own load takes CPU from bcrypt here, so login throughput is read from the run above.
  const [, during] = await Promise.all([autocannon(logins), autocannon({ ...cheap, connections: 4, duration: SECONDS })])
  const results = {
    bcrypt: { cost: COST, msPerHash: round(msPerHash), cores, limitPerSecond: round(bcryptLimit) },
    login: loginsAlone,
    cheapRouteAlone: alone,
    cheapRouteDuringLogins: summary(during)
  }
  console.log(`\nLogin: bcrypt cost ${COST}, ${round(msPerHash)} ms per hash, ${cores} cores -> limit ${round(bcryptLimit)} logins/s`)
  console.table({ 'POST /api/auth/login (16 conns)': results.login, 'GET /api/auth/me alone (4 conns)': results.cheapRouteAlone, 'GET /api/auth/me during logins': results.cheapRouteDuringLogins })
  console.log(`login throughput / bcrypt limit: ${(results.login.perSecond / bcryptLimit).toFixed(2)}   cheap route p99 during logins / alone: ${(results.cheapRouteDuringLogins.p99 / Math.max(1, results.cheapRouteAlone.p99)).toFixed(1)}x\n`)
  const refused = results.login.non2xx + results.cheapRouteAlone.non2xx + results.cheapRouteDuringLogins.non2xx
  if (refused > 0) throw new Error(`${refused} answers were not 2xx: the figures measure refusals, not the routes`)
  await writeResults('login', results)
})
