/** Exit codes of `zhkh`: 0 done, 1 failed, 2 bad usage or bad input. */
import type { ErrorCode } from '../domain/errors.js';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export function exitCodeOf(code: ErrorCode): number {
  return code === 'validation_failed' || code === 'bad_request' ? EXIT_USAGE : EXIT_FAILED;
}
