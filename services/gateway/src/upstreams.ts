import type { GatewayConfig } from './config.js'

/** One service behind the gateway: requests under any of its `/api/...` prefixes go to one of `urls`. */
export type Upstream = {
  name: string
  /**
   * Base URLs of the service's replicas (at least one), e.g. `['http://127.0.0.1:8001']`: requests are
   * spread over them, and each one's `/ready` is asked for `/health`.
   */
  urls: string[]
  /**
   * Exact path prefixes, segment by segment: `/api/auth` takes `/api/auth` and `/api/auth/...` but not
   * `/api/authx`. The path is forwarded unchanged. When two upstreams' prefixes nest (`/api/admin` and
   * `/api/admin/applicants`), the longest one that matches wins.
   */
  prefixes: string[]
  /** Also proxy WebSocket upgrades under these prefixes (signaling's rooms and notifications). */
  websocket?: boolean
  /**
   * Paths (inside `prefixes`, same segment matching) where every request needs `Authorization: Bearer`:
   * the gateway verifies the token before forwarding and answers 401 itself (D1). Everything else is
   * public at the gateway. The service still checks the token (roles, revocation) on its own.
   */
  protectedPrefixes?: string[]
  /** Public exceptions inside a protected prefix; the longest matching prefix decides. */
  publicPrefixes?: string[]
  /** Paths under a stricter per-client rate limit than the general one (`methods` unset: all of them). */
  strictLimits?: StrictLimit[]
}

/**
 * `auth`: AUTH_RATE_LIMIT_PER_MINUTE requests (login, register). `inviteToken`: INVITE_TOKEN_RATE_LIMIT_PER_MINUTE
 * failed lookups (404), which is what guessing tokens produces; an applicant's own calls never fail so.
 */
export type StrictLimit = { prefix: string, limit: 'auth' | 'inviteToken', methods?: string[] }

/**
 * A `*_URL` variable's base URLs: comma-separated, each `http(s)://host[:port]` with no path, no
 * duplicates. Throws an error naming the variable, so a bad list stops the gateway at start-up.
 */
export function urlList (variable: string, value: string): string[] {
  const urls = value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '')
  if (urls.length === 0) throw new Error(`${variable}: no base URL given`)
  const origins: string[] = []
  for (const entry of urls) {
    let url: URL
    try {
      url = new URL(entry)
    } catch {
      throw new Error(`${variable}: ${JSON.stringify(entry)} is not a URL`)
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`${variable}: ${JSON.stringify(entry)} must start with http:// or https://`)
    // The gateway forwards the request's own path; a path here would be silently ignored.
    if (url.pathname !== '/' || url.search !== '' || url.hash !== '') throw new Error(`${variable}: ${JSON.stringify(entry)} must be a base URL without a path`)
    if (origins.includes(url.origin)) throw new Error(`${variable}: ${JSON.stringify(entry)} is listed twice`)
    origins.push(url.origin)
  }
  return origins
}

/**
 * The route table. `/api/admin/*` is shared in the original API (notifications, e-mail settings and
 * scoring belong to other services), so each service names the exact admin paths it serves.
 */
export function upstreamsFrom (config: GatewayConfig): Upstream[] {
  return [
    {
      name: 'identity',
      urls: urlList('IDENTITY_URL', config.IDENTITY_URL),
      prefixes: [
        '/api/auth',
        '/api/admin/applicants',
        '/api/admin/theme-settings',
        '/api/admin/check-signup-restriction',
        '/api/admin/is-first-admin',
        '/api/admin/list-admins',
        '/api/admin/create-admin',
        '/api/admin/change-password',
        '/api/admin/delete-admin'
      ],
      // Login and register are public; check-signup-restriction too (the sign-up page asks it).
      protectedPrefixes: [
        '/api/auth/me',
        '/api/admin/applicants',
        '/api/admin/theme-settings',
        '/api/admin/is-first-admin',
        '/api/admin/list-admins',
        '/api/admin/create-admin',
        '/api/admin/change-password',
        '/api/admin/delete-admin'
      ],
      strictLimits: [
        { prefix: '/api/auth/login', limit: 'auth', methods: ['POST'] },
        { prefix: '/api/auth/register', limit: 'auth', methods: ['POST'] }
      ]
    },
    { name: 'assessment', urls: urlList('ASSESSMENT_URL', config.ASSESSMENT_URL), prefixes: ['/api/tests'], protectedPrefixes: ['/api/tests'] },
    {
      name: 'invitation',
      urls: urlList('INVITATION_URL', config.INVITATION_URL),
      prefixes: [
        '/api/invites',
        '/api/take-test',
        '/api/start-test',
        '/api/submit-test',
        '/api/my-invites',
        '/api/admin/email-settings'
      ],
      // The invite token in the path is the applicant's credential: public, but limited against guessing.
      protectedPrefixes: ['/api/invites', '/api/my-invites', '/api/admin/email-settings'],
      publicPrefixes: ['/api/invites/token'],
      strictLimits: ['/api/invites/token', '/api/take-test', '/api/start-test', '/api/submit-test']
        .map((prefix) => ({ prefix, limit: 'inviteToken' as const }))
    },
    {
      name: 'grading',
      urls: urlList('GRADING_URL', config.GRADING_URL),
      prefixes: [
        '/api/results',
        '/api/my-submissions',
        '/api/admin/scoring-queue',
        '/api/admin/scoring',
        '/api/admin/fix-monitoring-status',
        '/api/admin/auto-review'
      ],
      protectedPrefixes: [
        '/api/results',
        '/api/my-submissions',
        '/api/admin/scoring-queue',
        '/api/admin/scoring',
        '/api/admin/fix-monitoring-status',
        '/api/admin/auto-review'
      ]
    },
    {
      name: 'signaling',
      urls: urlList('SIGNALING_URL', config.SIGNALING_URL),
      // The HTTP mailbox, the WebSocket rooms and notifications (/api/ws/...), and the admin notifications.
      prefixes: ['/api/webrtc', '/api/ws', '/api/admin/notifications'],
      websocket: true,
      // The mailbox takes anonymous applicants (D15); the WebSockets carry their token in `?token=` (D16).
      protectedPrefixes: ['/api/admin/notifications']
    }
  ]
}
