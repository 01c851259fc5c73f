import { Type } from 'typebox'

// bcrypt reads at most 72 bytes; longer inputs are refused outright rather than silently cut (see
// README). Upper bounds everywhere keep a huge field from costing more than the body limit allows.
export const Email = Type.String({ format: 'email', maxLength: 254 })
export const NewPassword = Type.String({ minLength: 8, maxLength: 72 })
export const FullName = Type.String({ minLength: 1, maxLength: 200 })

export const User = Type.Object({
  id: Type.String(),
  email: Type.String(),
  full_name: Type.String(),
  role: Type.Union([Type.Literal('admin'), Type.Literal('applicant')]),
  created_at: Type.String(),
  is_active: Type.Boolean()
})

export const Message = Type.Object({ message: Type.String() })

// Ids are checked in the handler, not by the schema: a malformed id must give the route's own 404
// ("Applicant not found"), not the kit's generic one.
export const IdParams = Type.Object({ id: Type.String() })
export const AdminIdParams = Type.Object({ admin_id: Type.String() })
