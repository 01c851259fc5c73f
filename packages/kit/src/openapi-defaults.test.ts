import { describe, expect, it } from 'vitest'
import { optionalDefaultsInRequests, withErrorResponses } from './openapi-defaults.js'

describe('optionalDefaultsInRequests', () => {
  it('makes request fields and query parameters with a default optional, nested ones too', () => {
    const document = {
      paths: {
        '/api/invites': {
          get: {
            parameters: [
              { in: 'query', name: 'limit', required: true, schema: { type: 'integer', default: 50 } },
              { in: 'query', name: 'q', required: true, schema: { type: 'string' } },
              { in: 'path', name: 'id', required: true, schema: { type: 'string', default: 'x' } }
            ]
          },
          post: {
            requestBody: {
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['email', 'no_schedule', 'rows'],
                    properties: {
                      email: { type: 'string' },
                      no_schedule: { type: 'boolean', default: false },
                      rows: { type: 'array', items: { type: 'object', required: ['a', 'b'], properties: { a: { type: 'string' }, b: { type: 'integer', default: 1 } } } }
                    }
                  }
                }
              }
            },
            responses: { 200: { content: { 'application/json': { schema: { type: 'object', required: ['no_schedule'], properties: { no_schedule: { type: 'boolean', default: false } } } } } } }
          }
        }
      }
    }
    const result = optionalDefaultsInRequests(structuredClone(document))
    const invites = result.paths['/api/invites']
    expect(invites.get.parameters.map((parameter) => parameter.required)).toEqual([false, true, true])
    const body = invites.post.requestBody.content['application/json'].schema
    expect(body.required).toEqual(['email', 'rows'])
    expect(body.properties.rows.items.required).toEqual(['a'])
    // A response always carries the field: it stays required there.
    expect(invites.post.responses[200].content['application/json'].schema.required).toEqual(['no_schedule'])
  })
})

describe('withErrorResponses', () => {
  it('adds the error envelope as every operation\'s default response, keeping one already there', () => {
    const envelope = { type: 'object', required: ['detail', 'code'] }
    const document = { paths: { '/a': { get: { responses: { 200: {} } }, post: { responses: { default: { description: 'own' } } } }, '/b': { delete: {} } } }
    const result = withErrorResponses(structuredClone(document), envelope)
    const errorResponse = { description: 'Error', content: { 'application/json': { schema: envelope } } }
    expect(result.paths['/a'].get.responses).toEqual({ 200: {}, default: errorResponse })
    expect(result.paths['/a'].post.responses).toEqual({ default: { description: 'own' } })
    expect(result.paths['/b'].delete).toEqual({ responses: { default: errorResponse } })
  })
})
