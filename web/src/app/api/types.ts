import type { components, paths } from './schema';

/** Tuples of the document arrive as plain arrays through openapi-fetch; its answers have this shape. */
type AsReturned<T> = T extends readonly (infer E)[] ? AsReturned<E>[] : T extends object ? { [K in keyof T]: AsReturned<T[K]> } : T;

/** A named schema of the OpenAPI document as the client returns it, e.g. `Schema<'Store'>`. */
export type Schema<N extends keyof components['schemas']> = AsReturned<components['schemas'][N]>;

/** The JSON body an operation accepts, e.g. `RequestBody<'/api/v1/stores', 'post'>`. */
export type RequestBody<P extends keyof paths, M extends 'post' | 'put' | 'patch'> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

/** The query parameters an operation accepts. */
export type QueryParams<P extends keyof paths> = paths[P]['get'] extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
