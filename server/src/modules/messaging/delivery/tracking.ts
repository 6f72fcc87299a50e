import { createHmac, timingSafeEqual } from 'node:crypto';
import { derivedKey } from '../../../platform/secret-box';

/**
 * Signed links in sent messages: the open pixel, click redirects and the unsubscribe link. A token
 * is `base64url(JSON payload).base64url(HMAC-SHA256)` with a key derived from the installation's key
 * file, so it cannot be guessed or changed (a click token carries its target: no open redirect).
 */
export type TokenKind = 'o' | 'c' | 'u';

export interface TokenPayload {
  kind: TokenKind;
  orgId: string;
  messageId: string;
  /** The original link of a click token. */
  url?: string;
}

const MAC_BYTES = 18;

const mac = (dataDir: string, body: string) =>
  createHmac('sha256', derivedKey(dataDir, 'muhtar:message-links:v1')).update(body).digest().subarray(0, MAC_BYTES);

export function signToken(dataDir: string, p: TokenPayload): string {
  const body = Buffer.from(JSON.stringify(p.url ? [p.kind, p.orgId, p.messageId, p.url] : [p.kind, p.orgId, p.messageId])).toString(
    'base64url',
  );
  return `${body}.${mac(dataDir, body).toString('base64url')}`;
}

/** The payload of a genuine token of the expected kind; null for anything else. */
export function verifyToken(dataDir: string, token: string, kind: TokenKind): TokenPayload | null {
  const [body, sig, extra] = token.split('.');
  if (!body || !sig || extra !== undefined || token.length > 4000) return null;
  const given = Buffer.from(sig, 'base64url');
  const expected = mac(dataDir, body);
  // Base64 decoding forgives stray characters: only the canonical spelling of the MAC is accepted.
  if (given.length !== expected.length || given.toString('base64url') !== sig || !timingSafeEqual(given, expected)) return null;
  try {
    const [k, orgId, messageId, url] = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    if (k !== kind || typeof orgId !== 'string' || typeof messageId !== 'string') return null;
    return { kind: k, orgId, messageId, url: typeof url === 'string' ? url : undefined };
  } catch {
    return null;
  }
}

export interface TrackingUrls {
  open: string;
  unsubscribe: string;
  click(url: string): string;
}

export function trackingUrls(dataDir: string, publicUrl: string, orgId: string, messageId: string): TrackingUrls {
  const at = (kind: TokenKind, path: string, url?: string) => `${publicUrl}${path}/${signToken(dataDir, { kind, orgId, messageId, url })}`;
  return { open: at('o', '/t/o'), unsubscribe: at('u', '/u'), click: (url) => at('c', '/t/c', url) };
}

// Our templates write plain `<a href="…">`; a regex over that attribute is enough, and links that
// are not http(s) (mailto:, tel:, anchors) stay as they are.
const HREF = /(<a\b[^>]*?\bhref\s*=\s*)(["'])(https?:\/\/[^"'\s<>]+)\2/gi;
const decodeAmp = (url: string) => url.replace(/&amp;/g, '&');
const encodeAmp = (url: string) => url.replace(/&/g, '&amp;');

/** The e-mail's HTML with every http(s) link through a click token and the open pixel at the end. */
export function trackHtml(html: string, urls: TrackingUrls): string {
  const linked = html.replace(
    HREF,
    (_m, head: string, quote: string, url: string) => `${head}${quote}${encodeAmp(urls.click(decodeAmp(url)))}${quote}`,
  );
  return beforeBodyEnd(linked, `<img src="${urls.open}" width="1" height="1" alt="" style="display:none">`);
}

/** Adds a snippet at the end of the document's body (or of the fragment). */
export function beforeBodyEnd(html: string, snippet: string): string {
  return /<\/body>/i.test(html) ? html.replace(/<\/body>/i, `${snippet}</body>`) : `${html}${snippet}`;
}
