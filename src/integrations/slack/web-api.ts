import { ErrorCode, LogLevel, WebClient, type Logger as SlackLogger } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Config } from '../../config';

/**
 * Slack's Web API for one bot token, at `SLACK_API_URL`. No retries of its own and rate-limited calls are
 * refused: the job that makes the call is retried with back-off instead, so nothing waits inside a transaction.
 */
export function slackWebClient(config: Config, log: Logger, token: string): WebClient {
  return new WebClient(token, {
    slackApiUrl: config.slackApiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 10_000,
    logger: slackLogger(log),
    logLevel: LogLevel.WARN,
  });
}

/**
 * The email address and name of a Slack user (users.info; the email needs the users:read.email scope). A user
 * Slack does not show us (user_not_found, e.g. from another workspace) has no email; other errors throw.
 */
export async function slackUserEmail(
  client: WebClient,
  userId: string,
): Promise<{ email: string | null; name: string }> {
  try {
    const answer = await client.users.info({ user: userId });
    const profile = answer.user?.profile;
    return {
      email: profile?.email?.toLowerCase() ?? null,
      name: profile?.real_name || answer.user?.real_name || answer.user?.name || userId,
    };
  } catch (error) {
    const code = (error as { code?: string; data?: { error?: string } }).data?.error;
    if ((error as { code?: string }).code === ErrorCode.PlatformError && code === 'user_not_found') {
      return { email: null, name: userId };
    }
    throw error;
  }
}

const HOOKS_ORIGIN = 'https://hooks.slack.com/';

/**
 * Answers a slash command through its response_url. Only Slack's own hooks host is accepted (a signed request
 * could still carry any URL); it is reached at `SLACK_HOOKS_URL`, which tests point at a local stand-in.
 */
export async function postToResponseUrl(
  config: Config,
  responseUrl: string,
  message: { text: string; response_type: 'ephemeral' | 'in_channel' },
): Promise<void> {
  if (!responseUrl.startsWith(HOOKS_ORIGIN))
    throw new Error(`Refusing a response_url outside ${HOOKS_ORIGIN}`);
  const target = new URL(responseUrl.slice(HOOKS_ORIGIN.length), config.slackHooksUrl);
  const response = await fetch(target, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(message),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`Slack response_url answered ${response.status}`);
}

function slackLogger(log: Logger): SlackLogger {
  const child = log.child({ component: 'slack-web-api' });
  let level = LogLevel.WARN;
  return {
    debug: (...msg: unknown[]) => child.debug(msg.join(' ')),
    info: (...msg: unknown[]) => child.info(msg.join(' ')),
    warn: (...msg: unknown[]) => child.warn(msg.join(' ')),
    error: (...msg: unknown[]) => child.error(msg.join(' ')),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
