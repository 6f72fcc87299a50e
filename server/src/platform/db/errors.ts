/** True when err (or the error drizzle wraps) is a unique violation (of the named constraint, if given). */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  const pgErr = e.cause ?? e;
  return pgErr.code === '23505' && (constraint === undefined || pgErr.constraint === constraint);
}
