export type AnalyticsErrorCode = 'invalid_input' | 'empty_input' | 'undefined_mean';

/** Thrown by the analytics engine for input it cannot use; `field` names the offending property. */
export class AnalyticsError extends Error {
  constructor(
    readonly code: AnalyticsErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AnalyticsError';
  }
}

export const invalid = (field: string, message: string) => new AnalyticsError('invalid_input', `${field}: ${message}`, field);
