import { z } from 'zod';
import { ProviderError } from '../types';

/** Milliseconds to wait for a provider; an advanced setting the form folds away. */
export const timeoutMs = z
  .number()
  .int()
  .min(1000)
  .max(30_000)
  .default(10_000)
  .meta({ description: 'milliseconds to wait for an answer', advanced: true });

/** Settings every HTTP provider shares: where its API is (tests point it at a local server) and how long to wait. */
export const httpSettings = (defaultBaseUrl: string) => ({
  baseUrl: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .default(defaultBaseUrl)
    .meta({ description: 'API base URL; the real endpoint by default', advanced: true }),
  timeoutMs,
});

export const secret = (max = 500) => z.string().trim().min(1).max(max);

export interface ProviderResponse {
  status: number;
  text: string;
  /** The body parsed as JSON; undefined when it is not JSON. */
  json: unknown;
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/**
 * One call to a provider's API with a time limit. Time-outs, network errors, 429 and 5xx become
 * retryable ProviderErrors (with the provider's own message when it gave one, via `describe`);
 * any other answer is returned for the definition to read.
 */
export async function callProvider(
  url: string,
  init: RequestInit,
  timeoutMs: number,
  describe: (json: unknown) => string | undefined,
): Promise<ProviderResponse> {
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    text = await res.text();
  } catch (err) {
    const e = err as Error & { cause?: Error };
    if (e.name === 'TimeoutError') throw new ProviderError(`no answer within ${timeoutMs / 1000} s`, true);
    throw new ProviderError(`network error: ${e.cause?.message ?? e.message}`, true);
  }
  const json = parseJson(text);
  if (res.status === 429 || res.status >= 500) {
    throw new ProviderError(describe(json) ?? `HTTP ${res.status} ${text.slice(0, 200)}`.trim(), true, res.status);
  }
  return { status: res.status, text, json };
}

export const basicAuth = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
