import { createHash } from 'node:crypto';
import { convert } from 'html-to-text';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import type { EmailKind } from '../../db/schema';
import { classifyMessage } from './classify';

export interface EmailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface ParsedEmail {
  /** The Message-ID with its angle brackets, or a stable one made from the raw message's hash. */
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  subject: string;
  from: { address: string; name: string | null };
  to: string[];
  date: Date | null;
  kind: EmailKind;
  /** The text a person wrote: the plain part, or the HTML part turned into text; quoted history removed. */
  text: string;
  /** The whole plain text (with quotes), for bounces and forwarded mail. */
  fullText: string;
  attachments: EmailAttachment[];
}

/** The line our outbound mail starts with; a reply's text above it is what the person wrote. */
export const REPLY_MARKER = '##- Please type your reply above this line -##';

export function hashMessageId(raw: string | Buffer): string {
  return `<sha256.${createHash('sha256').update(raw).digest('hex')}@tend.invalid>`;
}

/** HTML-only mail as safe plain text: no markup survives, links keep their address, images are dropped. */
export function htmlToSafeText(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'img', format: 'skip' },
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true, ignoreHref: false } },
      { selector: 'style', format: 'skip' },
      { selector: 'script', format: 'skip' },
    ],
  }).trim();
}

const QUOTE_HEADERS = [
  /^On .{3,200}wrote:\s*$/,
  /^Am .{3,200}schrieb .{0,200}:\s*$/,
  /^-{2,}\s*Original Message\s*-{2,}\s*$/i,
  /^-{2,}\s*Ursprüngliche Nachricht\s*-{2,}\s*$/i,
];

/** What a person wrote above the quoted history of a reply (the whole text when nothing is quoted). */
export function stripQuotedReply(text: string): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  let cut = lines.length;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.trim();
    if (line.includes(REPLY_MARKER) || QUOTE_HEADERS.some((pattern) => pattern.test(line))) {
      cut = index;
      break;
    }
    // A block of quoted lines that runs to the end of the message.
    if (
      line.startsWith('>') &&
      lines.slice(index).every((rest) => rest.trim() === '' || rest.trim().startsWith('>'))
    ) {
      cut = index;
      break;
    }
  }
  const kept = lines.slice(0, cut).join('\n').trim();
  return kept || text.trim();
}

function headerLookup(mail: ParsedMail) {
  const lines = new Map<string, string>();
  for (const { key, line } of mail.headerLines) {
    if (lines.has(key)) continue;
    lines.set(
      key,
      line
        .slice(line.indexOf(':') + 1)
        .replace(/\r?\n[ \t]+/g, ' ')
        .trim(),
    );
  }
  return (name: string) => lines.get(name.toLowerCase());
}

function contentTypeOf(mail: ParsedMail): string {
  const value = mail.headers.get('content-type') as
    { value?: string; params?: Record<string, string> } | undefined;
  if (!value?.value) return 'text/plain';
  const params = Object.entries(value.params ?? {}).map(([key, param]) => `; ${key}=${param}`);
  return value.value + params.join('');
}

function addresses(field: AddressObject | AddressObject[] | undefined): { address: string; name: string }[] {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list
    .flatMap((object) => object.value)
    .flatMap((entry) => (entry.address ? [{ address: entry.address.toLowerCase(), name: entry.name }] : []));
}

function normaliseId(id: string): string {
  const trimmed = id.trim();
  return trimmed.startsWith('<') ? trimmed : `<${trimmed}>`;
}

/** Parses a raw RFC 822 message and classifies it. */
export async function parseEmail(raw: string | Buffer): Promise<ParsedEmail> {
  const mail = await simpleParser(raw, { skipTextToHtml: true, skipImageLinks: true });
  const header = headerLookup(mail);
  const from = addresses(mail.from)[0] ?? { address: '', name: '' };
  const source = typeof raw === 'string' ? raw : raw.toString('latin1');
  const hasPlainPart = /content-type:\s*text\/plain/i.test(source) || !/content-type:/i.test(source);
  const plain = mail.html && !hasPlainPart ? htmlToSafeText(mail.html) : (mail.text ?? '').trim();
  const references =
    mail.references === undefined ? [] : Array.isArray(mail.references) ? mail.references : [mail.references];
  const kind = classifyMessage({ header, fromAddress: from.address, contentType: contentTypeOf(mail) });
  return {
    messageId: mail.messageId ? normaliseId(mail.messageId) : hashMessageId(raw),
    inReplyTo: mail.inReplyTo ? normaliseId(mail.inReplyTo.split(/\s+/)[0]!) : null,
    references: references
      .flatMap((value) => value.split(/\s+/))
      .filter(Boolean)
      .map(normaliseId),
    subject: (mail.subject ?? '').trim(),
    from: { address: from.address, name: from.name || null },
    to: addresses(mail.to).map((entry) => entry.address),
    date: mail.date ?? null,
    kind,
    text: stripQuotedReply(plain),
    fullText: plain,
    // Automatic mail keeps no attachments (a bounce's are the returned message and its report).
    attachments: (kind === 'normal' || kind === 'list' ? mail.attachments : [])
      .filter((attachment) => !attachment.contentType.startsWith('message/delivery-status'))
      .map((attachment, index) => ({
        filename: attachment.filename ?? `attachment-${index + 1}`,
        contentType: attachment.contentType || 'application/octet-stream',
        content: attachment.content,
      })),
  };
}
