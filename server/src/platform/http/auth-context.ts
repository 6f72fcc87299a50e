import type { Locale } from '../i18n';

/** Who is calling: filled by the access module's authenticator for every request. */
export interface Auth {
  orgId: string;
  actor: { type: 'user' | 'api_key'; id: string; name: string };
  /** The user's role; API keys have none (their scopes become permissions). */
  role: string | null;
  permissions: ReadonlySet<string>;
  /** The stores the caller may see; null means every store of the org. */
  storeIds: readonly string[] | null;
  /** Set only for cookie sessions: cookie-authenticated writes must echo it. */
  csrfToken?: string;
  sessionId?: string;
  userLocale?: Locale;
  orgLocale: Locale;
}

export type Authenticator = (req: {
  headers: Record<string, string | string[] | undefined>;
  cookies: Record<string, string | undefined>;
  ip: string;
}) => Promise<Auth | null>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable without signing in (login, health, docs). */
    public?: boolean;
    /** The permission the caller needs (see modules/access/permissions.ts). */
    permission?: string;
    /**
     * Retries with the same Idempotency-Key replay the first answer, which is stored: never set
     * it on a route whose answer holds a secret (API keys, invitation links).
     */
    idempotent?: boolean;
    /** A hot path a till or integration calls all day: its statements are prepared per connection (db/prepared.ts). */
    prepared?: boolean;
  }
}
