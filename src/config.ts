import { z } from 'zod';
import { fileURLToPath } from 'node:url';

/** `npm run build:web`'s output. */
const DEFAULT_WEB_DIR = fileURLToPath(new URL('../dist/web/', import.meta.url));

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** Every setting Tend reads, with its default. The README lists the same table. */
const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATA_DIR: z.string().min(1).default('./data'),
  PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 14),
  SEED_DEMO: booleanFlag.optional(),
  COOKIE_SECURE: booleanFlag.optional(),
  TEND_WEB_DIR: z.string().min(1).optional(),
  ATTACHMENTS_DIR: z.string().min(1).optional(),
  ATTACHMENT_MAX_MB: z.coerce.number().positive().max(1024).default(10),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().min(3).optional(),
  SLACK_API_URL: z.string().url().default('https://slack.com/api/'),
  SLACK_HOOKS_URL: z.string().url().default('https://hooks.slack.com/'),
  CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
});

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string | undefined;
  readonly databasePoolSize: number;
  readonly dataDir: string;
  readonly publicUrl: string;
  readonly logLevel: z.infer<typeof ConfigSchema>['LOG_LEVEL'];
  readonly sessionTtlHours: number;
  /** Demo data on first start: on by default for the embedded database, off on PostgreSQL. */
  readonly seedDemo: boolean;
  readonly cookieSecure: boolean;
  /** The built web app to serve at `/`. */
  readonly webDir: string;
  /** Where attachment bytes are kept; shared storage when several instances run. */
  readonly attachmentsDir: string;
  readonly attachmentMaxBytes: number;
  /** Outgoing mail (smtp://user:pass@host:port); without it Tend sends no email. */
  readonly smtpUrl: string | undefined;
  /** The From of Tend's mail, e.g. `Tidewater Support <support@tidewater.example>`. */
  readonly mailFrom: string;
  /** Slack's Web API (tests point it at a local stand-in). */
  readonly slackApiUrl: string;
  /** Where slash-command response_url hooks (https://hooks.slack.com/…) are sent (tests: a local stand-in). */
  readonly slackHooksUrl: string;
  /** The Chromium that prints report PDFs (Debian's by default). */
  readonly chromiumPath: string;
}

export class ConfigError extends Error {}

/** Parses the environment once; every problem is reported together. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const values = parsed.data;
  const publicUrl = values.PUBLIC_URL ?? `http://localhost:${values.PORT}`;
  return Object.freeze({
    port: values.PORT,
    host: values.HOST,
    databaseUrl: values.DATABASE_URL,
    databasePoolSize: values.DATABASE_POOL_SIZE,
    dataDir: values.DATA_DIR,
    publicUrl,
    logLevel: values.LOG_LEVEL,
    sessionTtlHours: values.SESSION_TTL_HOURS,
    seedDemo: values.SEED_DEMO ?? values.DATABASE_URL === undefined,
    cookieSecure: values.COOKIE_SECURE ?? publicUrl.startsWith('https://'),
    webDir: values.TEND_WEB_DIR ?? DEFAULT_WEB_DIR,
    attachmentsDir: values.ATTACHMENTS_DIR ?? `${values.DATA_DIR}/attachments`,
    attachmentMaxBytes: Math.round(values.ATTACHMENT_MAX_MB * 1024 * 1024),
    smtpUrl: values.SMTP_URL,
    mailFrom: values.MAIL_FROM ?? `Tend <tend@${new URL(publicUrl).hostname}>`,
    slackApiUrl: values.SLACK_API_URL.endsWith('/') ? values.SLACK_API_URL : `${values.SLACK_API_URL}/`,
    slackHooksUrl: values.SLACK_HOOKS_URL.endsWith('/')
      ? values.SLACK_HOOKS_URL
      : `${values.SLACK_HOOKS_URL}/`,
    chromiumPath: values.CHROMIUM_PATH,
  });
}
