import type { components } from './schema';

type Problem = components['schemas']['Problem'];
type FieldProblem = NonNullable<Problem['errors']>[number];

/**
 * An RFC 9457 problem answered by the API. `detail` and the field errors are already in the
 * request's language, so the UI shows them as they are.
 */
export class ApiProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly errors: FieldProblem[];
  readonly requestId: string | null;

  constructor(status: number, body: Partial<Problem> | undefined, fallbackDetail: string) {
    super(body?.detail ?? fallbackDetail);
    this.name = 'ApiProblem';
    this.status = status;
    this.code = body?.code ?? `http_${status}`;
    this.detail = body?.detail ?? fallbackDetail;
    this.errors = body?.errors ?? [];
    this.requestId = body?.requestId ?? null;
  }
}

export const isProblem = (error: unknown, status?: number): error is ApiProblem =>
  error instanceof ApiProblem && (status === undefined || error.status === status);

/** What every openapi-fetch call resolves to: data on success, the parsed body otherwise. */
interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Resolves to the response data, or throws an `ApiProblem` for any non-2xx answer. */
export async function unwrap<T>(pending: Promise<FetchResult<T>>): Promise<T> {
  const { data, error, response } = await pending;
  if (!response.ok) {
    const body = typeof error === 'object' && error !== null ? (error as Partial<Problem>) : undefined;
    throw new ApiProblem(response.status, body, response.statusText || String(response.status));
  }
  return data as T;
}
