import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WebhookRequest } from '../types';
import { ProviderError } from '../types';

export const header = (request: WebhookRequest, name: string) => {
  const v = request.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
};

/** Constant-time comparison of two signatures (strings of any length). */
export function sameSignature(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export const badSignature = () => new ProviderError('bad webhook signature', false, 401);

export const hmac = (algorithm: 'sha1' | 'sha256', key: string, data: string | Buffer) => createHmac(algorithm, key).update(data);
