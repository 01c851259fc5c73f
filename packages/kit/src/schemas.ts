import { Type, type Static } from 'typebox'

/** D18: lists take `limit` (default 200, at most 1000) and `offset`; bad values get 422. */
export const PageQuerySchema = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 200 }),
  offset: Type.Integer({ minimum: 0, default: 0 })
})

export type PageQuery = Static<typeof PageQuerySchema>

/**
 * The error envelope every service answers with (D2): `errors[]` on a 422, `request_id` on a 5xx. Every
 * documented operation lists it as its `default` response, so typed clients know their errors' shape.
 */
export const ErrorResponseSchema = Type.Object({
  detail: Type.String(),
  code: Type.String(),
  errors: Type.Optional(Type.Array(Type.Object({
    loc: Type.Array(Type.Union([Type.String(), Type.Integer()])),
    msg: Type.String(),
    type: Type.String()
  }))),
  request_id: Type.Optional(Type.String())
})
