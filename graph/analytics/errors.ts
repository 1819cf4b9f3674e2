/**
 * The one error type the analytics module throws for bad input (unknown ids, arguments out of
 * range, a request too large for an interactive answer). The API layer maps `code` to its own
 * error codes; `field` names the argument that was wrong.
 */
export type AnalyticsErrorCode = 'NOT_FOUND' | 'INVALID_ARGUMENT' | 'TOO_LARGE';

export class AnalyticsInputError extends Error {
  override readonly name = 'AnalyticsInputError';
  readonly code: AnalyticsErrorCode;
  readonly field: string;
  readonly value: unknown;

  constructor(code: AnalyticsErrorCode, field: string, message: string, value?: unknown) {
    super(message);
    this.code = code;
    this.field = field;
    this.value = value;
  }
}

export function notFound(field: string, kind: string, id: string): AnalyticsInputError {
  return new AnalyticsInputError('NOT_FOUND', field, `Unknown ${kind} id: ${id}`, id);
}

export function invalidArgument(field: string, message: string, value?: unknown): AnalyticsInputError {
  return new AnalyticsInputError('INVALID_ARGUMENT', field, message, value);
}
