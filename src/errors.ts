/**
 * The one error type services throw. Codes say what went wrong in domain terms; the HTTP layer maps them
 * to statuses through ERROR_STATUS, so services never speak HTTP.
 */
export type ErrorCode =
  | 'invalid_input'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'invalid_transition'
  | 'payload_too_large'
  | 'data_dir_locked'
  | 'misconfigured'
  | 'internal';

export const ERROR_STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_transition: 409,
  payload_too_large: 413,
  data_dir_locked: 500,
  misconfigured: 500,
  internal: 500,
};

export interface FieldIssue {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function invalidInput(message: string, issues: FieldIssue[] = []): AppError {
  return new AppError('invalid_input', message, { issues });
}

/** Another tenant's record and a missing record look the same: never confirm that it exists. */
export function notFound(what: string): AppError {
  return new AppError('not_found', `${what} not found`);
}
