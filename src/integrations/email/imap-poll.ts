import { ImapFlow } from 'imapflow';
import type { MailboxRow } from '../../db/schema';
import type { ServiceDeps } from '../../services/context';
import type { InboundService } from '../../services/inbound-service';
import type { EmailInboundPayload } from './inbound-email';
import { hashMessageId } from './parse';

/**
 * The raw message as text for `inbound_items.raw`: UTF-8 when it is (readable in the dead-letter view), else
 * latin1, which keeps every byte of an 8-bit message in another charset.
 */
export function rawText(source: Buffer): { raw: string; encoding: 'utf8' | 'latin1' } {
  try {
    return { raw: new TextDecoder('utf-8', { fatal: true }).decode(source), encoding: 'utf8' };
  } catch {
    return { raw: source.toString('latin1'), encoding: 'latin1' };
  }
}

/** At most this many messages per poll; the next poll takes the rest. */
const BATCH = 50;

export function imapClient(mailbox: Pick<MailboxRow, 'host' | 'port' | 'tls' | 'username' | 'password'>) {
  return new ImapFlow({
    host: mailbox.host,
    port: mailbox.port,
    secure: mailbox.tls,
    auth: { user: mailbox.username, pass: mailbox.password },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: 20_000,
  });
}

/**
 * One poll of one mailbox: the unseen messages are fetched (collected first — running another IMAP command
 * inside imapflow's fetch iterator deadlocks), each is stored raw through `inbound.accept` (key: its
 * Message-ID, or a hash of the raw message when it has none) and only then flagged \Seen, so a crash between
 * the two redelivers a message (harmlessly: same key) instead of losing it.
 */
export async function pollMailbox(
  deps: ServiceDeps,
  inbound: Pick<InboundService, 'accept'>,
  mailboxId: string,
): Promise<{ accepted: number; duplicates: number }> {
  const mailbox = await deps.db
    .selectFrom('mailboxes')
    .selectAll()
    .where('id', '=', mailboxId)
    .executeTakeFirst();
  if (!mailbox?.enabled) return { accepted: 0, duplicates: 0 };
  const client = imapClient(mailbox);
  let accepted = 0;
  let duplicates = 0;
  try {
    await client.connect();
    const lock = await client.getMailboxLock(mailbox.folder);
    try {
      const unseen = (await client.search({ seen: false }, { uid: true })) || [];
      const uids = unseen.slice(0, BATCH);
      const messages = uids.length
        ? await client.fetchAll(uids, { uid: true, envelope: true, source: true }, { uid: true })
        : [];
      for (const message of messages) {
        if (!message.source) continue;
        const { raw, encoding } = rawText(message.source);
        const messageId = message.envelope?.messageId?.trim();
        const payload: EmailInboundPayload = {
          mailboxId: mailbox.id,
          uid: message.uid,
          ...(encoding === 'latin1' ? { rawEncoding: encoding } : {}),
        };
        const result = await inbound.accept({
          source: 'email',
          key: messageId || hashMessageId(message.source),
          payload,
          raw,
        });
        if (result.duplicate) duplicates++;
        else accepted++;
        await client.messageFlagsAdd(String(message.uid), ['\\Seen'], { uid: true });
      }
    } finally {
      lock.release();
    }
    await client.logout();
    await deps.db
      .updateTable('mailboxes')
      .set({ last_polled_at: deps.clock.now(), last_error: null })
      .where('id', '=', mailbox.id)
      .execute();
    return { accepted, duplicates };
  } catch (error) {
    client.close();
    await deps.db
      .updateTable('mailboxes')
      .set({ last_polled_at: deps.clock.now(), last_error: (error as Error).message.slice(0, 1000) })
      .where('id', '=', mailbox.id)
      .execute();
    throw error;
  }
}
