import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export type StubHandler = (request: IncomingMessage, response: ServerResponse) => void

export type HttpStub<R> = {
  /** Base URL, e.g. for ASSESSMENT_URL. */
  url: string
  /** Every request received, as `record` saw it, oldest first. */
  requests: R[]
  /** Sets how the following requests are answered; `reset()` goes back to the default. */
  handle: (handler: StubHandler) => void
  reset: () => void
  close: () => Promise<void>
}

export type HttpStubOptions<R> = {
  /** What a request is remembered as. */
  record: (request: IncomingMessage) => R
  /** The JSON 404 answered until a test sets a handler (and after `reset()`). */
  notFound: { detail: string, code: string }
}

/**
 * A tiny real HTTP server on a free port of 127.0.0.1 standing in for another service's HTTP API
 * (services never import each other, not even in tests). By default it answers `notFound`; a test
 * sets a handler to play the other answers.
 */
export async function startHttpStub<R> (options: HttpStubOptions<R>): Promise<HttpStub<R>> {
  const notFound: StubHandler = (_request, response) => {
    response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify(options.notFound))
  }
  let handler = notFound
  const requests: R[] = []
  const server = createServer((request, response) => {
    requests.push(options.record(request))
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
