/** Error codes → HTTP statuses, in one table, and the one error body of the API. */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import { DomainError, type ErrorCode, type ErrorDetail } from '../domain/errors.js';

export const httpStatusOf: Readonly<Record<ErrorCode, ContentfulStatusCode>> = {
  validation_failed: 400,
  bad_request: 400,
  unauthenticated: 401,
  session_expired: 401,
  invalid_credentials: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  too_many_attempts: 429,
  migration_checksum_mismatch: 500,
  internal: 500,
};

export type ErrorBody = {
  error: { code: ErrorCode; message: string; details: ErrorDetail[]; requestId: string };
};

export function errorBody(e: DomainError, requestId: string): ErrorBody {
  return { error: { code: e.code, message: e.message, details: [...e.details], requestId } };
}

/** A zod failure as a validation error naming each field by its path (`roles.1`, `page`). */
export function fromZodError(err: ZodError, target: string): DomainError {
  const details = err.issues.map((i) => ({
    field: i.path.length > 0 ? i.path.join('.') : target,
    problem: i.message,
  }));
  return new DomainError('validation_failed', 'Некорректные данные запроса', details);
}
