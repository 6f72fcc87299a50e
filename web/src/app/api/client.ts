import createClient, { type Middleware } from 'openapi-fetch';
import i18n from '../i18n';
import type { paths } from './schema';

let csrfToken: string | null = null;

/** The session's CSRF token (from the login answer or GET /me); cookie-authenticated writes echo it. */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const headers: Middleware = {
  onRequest({ request }) {
    // The server translates `detail` and field errors into this language.
    request.headers.set('Accept-Language', i18n.language);
    if (csrfToken && !SAFE_METHODS.has(request.method)) request.headers.set('X-CSRF-Token', csrfToken);
    return request;
  },
};

/** The typed API client; paths and shapes come from the server's OpenAPI document. */
export const api = createClient<paths>({ credentials: 'same-origin' });
api.use(headers);
