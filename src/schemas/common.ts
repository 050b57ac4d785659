import { z } from 'zod';

export const Id = z.uuid({ message: 'must be a UUID' });
export const IsoInstant = z.iso.datetime({
  offset: true,
  message: 'must be an ISO-8601 instant with an offset',
});
export const IsoDate = z.iso.date({ message: 'must be a date YYYY-MM-DD' });
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');
export const Slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lowercase letters, digits and dashes');
export const TimeZone = z.string().refine(isValidTimeZone, 'must be an IANA time zone such as Europe/Berlin');

export const Priority = z.enum(['critical', 'high', 'medium', 'low']);
export const TicketStatus = z.enum([
  'new',
  'acknowledged',
  'in_progress',
  'waiting_on_client',
  'resolved',
  'closed',
]);
export const TicketKind = z.enum(['support', 'maintenance', 'change']);
export const Channel = z.enum(['portal', 'email', 'slack', 'api', 'phone', 'monitoring']);
export const Role = z.enum(['agency_admin', 'agency_engineer', 'client_admin', 'client_member']);
export const TimeCategory = z.enum(['bugfix', 'enhancement', 'advisory', 'maintenance']);

export const IdParams = z.object({ id: Id });
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
    requestId: z.string().optional(),
  }),
});

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

/** Accepts one value or several (`?status=new&status=in_progress` or `?status=new,in_progress`). */
export function listOf<T extends z.ZodType>(item: T) {
  return z.preprocess((value) => {
    if (value === undefined) return undefined;
    const values: unknown[] = Array.isArray(value) ? (value as unknown[]) : [value];
    return values.flatMap((entry): unknown[] => (typeof entry === 'string' ? entry.split(',') : [entry]));
  }, z.array(item).optional());
}
