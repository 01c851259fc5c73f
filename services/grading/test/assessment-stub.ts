import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export type StubHandler = (request: IncomingMessage, response: ServerResponse) => void

export type AssessmentStub = {
  /** Base URL, for ASSESSMENT_URL. */
  url: string
  /** Every request received, oldest first. */
  requests: { path: string, internalToken: string | undefined }[]
  /** Sets how the following requests are answered; `reset()` goes back to the default. */
  handle: (handler: StubHandler) => void
  reset: () => void
  close: () => Promise<void>
}

/** What assessment answers for a test version it does not have. */
const notFound: StubHandler = (_request, response) => {
  response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ detail: 'Test version not found', code: 'ASSESSMENT_TEST_VERSION_NOT_FOUND' }))
}

/**
 * A tiny real HTTP server standing in for assessment's internal read (services never import each other,
 * not even in tests). By default it knows no test; a test sets a handler to play the other answers.
 */
export async function startAssessmentStub (): Promise<AssessmentStub> {
  let handler = notFound
  const requests: AssessmentStub['requests'] = []
  const server = createServer((request, response) => {
    const token = request.headers['x-internal-token']
    requests.push({ path: request.url ?? '', internalToken: Array.isArray(token) ? token[0] : token })
    handler(request, response)
  })
  await new Promise<void>((resolve) => { server.listen(0, '127.0.0.1', resolve) })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    handle: (next) => { handler = next },
    reset: () => { handler = notFound },
    close: async () => {
      // A handler that never answers leaves its connection open.
      server.closeAllConnections()
      await new Promise<void>((resolve) => { server.close(() => { resolve() }) })
    }
  }
}
