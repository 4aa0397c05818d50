/**
 * The closed set of error codes. Services throw DomainError; the API maps a code to an HTTP status in
 * src/api/errors.ts and the CLI maps it to an exit code in src/cli/exit-codes.ts. Codes are strings.
 */
export const errorCodes = [
  'validation_failed',
  'bad_request',
  'unauthenticated',
  'session_expired',
  'invalid_credentials',
  'forbidden',
  'not_found',
  'conflict',
  'too_many_attempts',
  'payload_too_large',
  'migration_checksum_mismatch',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** One problem with one input field: `field` is a dotted path (`roles.1`, `body.login`, `row 12.amount`). */
export type ErrorDetail = { field: string; problem: string };

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: readonly ErrorDetail[];

  constructor(
    code: ErrorCode,
    message: string,
    details: readonly ErrorDetail[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

/** A validation failure naming the fields. */
export function validationFailed(
  details: readonly ErrorDetail[],
  message = 'Некорректные данные',
): DomainError {
  return new DomainError('validation_failed', message, details);
}

export function notFound(what: string): DomainError {
  return new DomainError('not_found', `${what} не найден(а)`);
}
