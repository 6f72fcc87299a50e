import type { FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';
import { Problem } from './problem';

/** One failed check of a request, in the shape Fastify carries on `error.validation`. */
export interface ValidationIssue {
  keyword: string;
  instancePath: string;
  schemaPath: string;
  message: string;
  params: Record<string, unknown>;
}

/**
 * Zod validation for request parts. `reportInput` keeps the offending value on each issue, so a
 * missing field ("required") can be told from a value of the wrong type.
 */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const result = schema.safeParse(data, { reportInput: true });
    if (result.success) return { value: result.data };
    const issues: ValidationIssue[] = result.error.issues.map((issue) => ({
      keyword: issue.code,
      instancePath: `/${issue.path.join('/')}`,
      schemaPath: '',
      message: issue.message,
      params: issue as unknown as Record<string, unknown>,
    }));
    return { error: issues as unknown as Error };
  };

const MAX_DEPTH = 32;

const invalid = (field: string, code: string, key: 'validation.invalid_characters' | 'validation.too_deep') =>
  new Problem(400, 'validation_failed', 'error.validation', {}, { fieldErrors: [{ field, code, key, params: { max: MAX_DEPTH } }] });

/**
 * Checks what no schema can: PostgreSQL text cannot hold U+0000, and no request of ours nests
 * deeper than a few levels (a deep document would only exhaust the stack of whoever walks it).
 * Iterative on purpose, for the same reason.
 */
export function assertPlainInput(value: unknown): void {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    if (typeof item.value === 'string') {
      if (item.value.includes('\u0000')) throw invalid(item.path || '/', 'invalid_characters', 'validation.invalid_characters');
    } else if (item.value && typeof item.value === 'object') {
      if (item.depth >= MAX_DEPTH) throw invalid(item.path || '/', 'too_deep', 'validation.too_deep');
      for (const [k, v] of Object.entries(item.value)) stack.push({ value: v, path: `${item.path}/${k}`, depth: item.depth + 1 });
    }
  }
}
