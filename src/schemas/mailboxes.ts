import { z } from 'zod';
import { Id } from './common';

const MailboxFields = {
  name: z.string().trim().min(1).max(100),
  address: z
    .string()
    .trim()
    .email()
    .max(254)
    .describe('The address people write to (Reply-To of Tend’s mail)'),
  host: z.string().trim().min(1).max(253),
  port: z.number().int().min(1).max(65535),
  tls: z.boolean().describe('Implicit TLS (IMAPS, usually port 993)'),
  username: z.string().min(1).max(254),
  folder: z.string().trim().min(1).max(200),
  clientId: Id.nullable().describe(
    'A per-client mailbox: unknown senders are taken to be this client’s people',
  ),
  enabled: z.boolean(),
};

export const MailboxCreateBody = z.object({
  ...MailboxFields,
  password: z.string().min(1).max(1000).describe('Password or app password; never returned'),
  folder: MailboxFields.folder.default('INBOX'),
  clientId: MailboxFields.clientId.default(null),
  enabled: MailboxFields.enabled.default(true),
});
export type MailboxCreateInput = z.infer<typeof MailboxCreateBody>;

export const MailboxUpdateBody = z
  .object({ ...MailboxFields, password: z.string().min(1).max(1000) })
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'give at least one field' });
export type MailboxUpdateInput = z.infer<typeof MailboxUpdateBody>;

export const TriageListQuery = z.object({
  status: z.enum(['held', 'assigned', 'dismissed']).default('held'),
});

export const TriageAssignBody = z.object({ clientId: Id });
