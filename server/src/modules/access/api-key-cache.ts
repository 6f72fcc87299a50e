import type { Auth } from '../../platform/http/auth-context';

/**
 * Recently resolved API keys by the hash of their secret: a till sends hundreds of requests a
 * minute with one key, and looking it up each time would cost five round trips per request.
 * Revoking a key drops it here at once; other processes drop theirs within TTL_MS.
 */
const TTL_MS = 10_000;
const MAX_ENTRIES = 10_000;
const entries = new Map<string, { auth: Auth; until: number }>();

export function cachedKey(hash: string): Auth | undefined {
  const hit = entries.get(hash);
  if (hit && hit.until > Date.now()) return hit.auth;
  if (hit) entries.delete(hash);
  return undefined;
}

export function cacheKey(hash: string, auth: Auth) {
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  entries.set(hash, { auth, until: Date.now() + TTL_MS });
}

export function forgetKey(id: string) {
  for (const [hash, { auth }] of entries) if (auth.actor.id === id) entries.delete(hash);
}
