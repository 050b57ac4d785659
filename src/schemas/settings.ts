import { z } from 'zod';
import { Id, Month, Slug, TimeZone } from './common';

export const ClientCreateBody = z.object({
  name: z.string().trim().min(1).max(200),
  slug: Slug,
  timeZone: TimeZone,
});
export type ClientCreateInput = z.infer<typeof ClientCreateBody>;
export const ClientUpdateBody = ClientCreateBody.partial();
export type ClientUpdateInput = z.infer<typeof ClientUpdateBody>;

export const IcsImportBody = z.object({
  ics: z.string().min(1).max(2_000_000),
  replace: z.boolean().default(false).describe('Replace the existing holidays instead of adding to them.'),
});

export const SlaPolicyBodyBase = z.object({ name: z.string().trim().min(1).max(200), calendarId: Id });

export const ClientHealthQuery = z.object({
  month: Month.optional().describe('YYYY-MM; defaults to the current month in each client’s time zone.'),
});
