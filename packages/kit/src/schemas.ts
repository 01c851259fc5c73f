import { Type, type Static } from 'typebox'

/** D18: lists take `limit` (default 200, at most 1000) and `offset`; bad values get 422. */
export const PageQuerySchema = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 200 }),
  offset: Type.Integer({ minimum: 0, default: 0 })
})

export type PageQuery = Static<typeof PageQuerySchema>
