import { AppError } from '../errors';
import type { Actor } from './context';

export function isAgency(actor: Actor): boolean {
  return actor.role === 'agency_admin' || actor.role === 'agency_engineer';
}

export function requireAgency(actor: Actor): void {
  if (!isAgency(actor)) throw new AppError('forbidden', 'This action is for agency staff.');
}

export function requireAgencyAdmin(actor: Actor): void {
  if (actor.role !== 'agency_admin') throw new AppError('forbidden', 'This action is for agency admins.');
}

/**
 * The organisation a client user is confined to, or null for agency staff (who see every client).
 * Callers filter by it; a record outside it is reported as not found, never as forbidden.
 */
export function clientScope(actor: Actor): string | null {
  return isAgency(actor) ? null : actor.organizationId;
}

export function canSeeClient(actor: Actor, clientId: string): boolean {
  const scope = clientScope(actor);
  return scope === null || scope === clientId;
}
