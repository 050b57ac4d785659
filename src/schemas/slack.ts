import { z } from 'zod';
import { Id } from './common';

/** Slack ids: channels C…/G…, users U…/W…; upper-case letters and digits. */
export const SlackChannelId = z
  .string()
  .regex(/^[A-Z0-9]{2,32}$/, 'must be a Slack channel id such as C0123ABCD');

export const SlackConnectionBody = z.object({
  signingSecret: z
    .string()
    .trim()
    .min(8)
    .max(200)
    .optional()
    .describe("The app's signing secret (Basic Information). Leave out to keep the stored one."),
  botToken: z
    .string()
    .trim()
    .regex(/^xox[a-z]-[A-Za-z0-9-]+$/, 'must be a Slack token (xoxb-…)')
    .max(300)
    .optional()
    .describe('The bot user OAuth token (xoxb-…). Leave out to keep the stored one.'),
  agencyChannelId: SlackChannelId.nullable()
    .optional()
    .describe("The agency's own channel for notices (null: none)."),
});
export type SlackConnectionInput = z.infer<typeof SlackConnectionBody>;

export const SlackChannelBody = z.object({
  channelId: SlackChannelId,
  clientId: Id,
});
export type SlackChannelInput = z.infer<typeof SlackChannelBody>;

export const SlackChannelParams = z.object({ channelId: SlackChannelId });
