import { AppError } from '../errors';

/** Turns PostgreSQL's unique violation (23505) into a 409 that names the field, and rethrows the rest. */
export function rethrowUniqueViolation(error: unknown, field: string, message: string): never {
  const code = (error as { code?: string }).code;
  if (code === '23505') throw new AppError('conflict', message, { issues: [{ path: field, message }] });
  throw error;
}
