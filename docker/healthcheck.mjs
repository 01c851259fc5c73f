// The container health check of every service image (Dockerfile HEALTHCHECK, docker-compose.yml):
// exits 0 when the service answers GET /health on its own port within the timeout, else 1.
// Plain Node (global fetch), so the slim images need no curl or wget.
const port = process.env.PORT ?? ''
const url = `http://127.0.0.1:${port}/health`

try {
  const response = await fetch(url, { signal: AbortSignal.timeout(4000) })
  if (!response.ok) {
    process.stderr.write(`${url} answered ${response.status}\n`)
    process.exit(1)
  }
} catch (error) {
  process.stderr.write(`${url} did not answer: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
}
