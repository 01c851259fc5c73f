import { ValidationFailed } from '@repo/kit'
import type { InvitationContext } from '../context.js'
import { listInvites as selectInvites, type InviteFilter, type InviteRow } from '../db/invites.js'
import type { InviteStatus } from '../db/schema.js'

export type InviteListQuery = { date_filter?: string, status_filter?: string, email_search?: string, limit: number, offset: number }

// "active" is the original's: sent or scheduled, not in_progress.
const ACTIVE: InviteStatus[] = ['sent', 'scheduled']

/** YYYY-MM-DD naming a real day: the schema checks the form, this the calendar (2024-02-30 is refused, not a 500). */
function isCalendarDate (value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (match === null) return false
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value)
}

/**
 * The original's GET /invites filters. Empty values mean "no filter", because the original frontend
 * always sends all three parameters, often empty; the date's form is checked by the route schema.
 */
export function toInviteFilter (query: InviteListQuery): InviteFilter {
  const filter: InviteFilter = {}
  if (query.date_filter !== undefined && query.date_filter !== '') {
    if (!isCalendarDate(query.date_filter)) {
      throw new ValidationFailed([{ loc: ['query', 'date_filter'], msg: 'Expected a date as YYYY-MM-DD', type: 'date_from_datetime_parsing' }])
    }
    filter.createdOn = query.date_filter
  }
  const status = query.status_filter ?? ''
  if (status === 'active') filter.statuses = ACTIVE
  else if (status !== '' && status !== 'all') filter.statuses = status
  if (query.email_search !== undefined && query.email_search !== '') filter.emailContains = query.email_search
  return filter
}

export async function listInvites (ctx: InvitationContext, query: InviteListQuery): Promise<InviteRow[]> {
  return selectInvites(ctx.db, toInviteFilter(query), { limit: query.limit, offset: query.offset })
}
