import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyMessage, isUnanswerableAddress } from '../../src/integrations/email/classify';
import {
  hashMessageId,
  htmlToSafeText,
  parseEmail,
  stripQuotedReply,
} from '../../src/integrations/email/parse';
import {
  cleanSubject,
  findThreadReference,
  ourMessageIdsIn,
  ticketSubject,
} from '../../src/integrations/email/threading';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/email/${name}`, import.meta.url));
const TICKET = '00000000-0000-4000-8000-000000000000';
const OUR_ID = `<ticket-${TICKET}.a1b2c3d4e5f6@tend.test>`;

describe('parsing real-world messages', () => {
  it.each([
    {
      file: 'multipart-alternative.eml',
      kind: 'normal',
      from: 'priya@clienta.test',
      subject: 'Checkout page shows a blank screen',
      messageId: '<CAF4x9k2Lq8mE7@mail.clienta.test>',
      text: 'Hi team,\n\nsince this morning the checkout page shows a blank screen after “Pay now”.\nCustomers cannot order.\n\nPriya',
      attachments: [],
    },
    {
      file: 'non-ascii-subject.eml',
      kind: 'normal',
      from: 'jonas@clienta.test',
      subject: 'Überweisung schlägt fehl – Fehler 500 ✓',
      messageId: '<20260303101200.1234@mail.clienta.test>',
      text: 'Grüße aus München: seit heute früh schlägt jede Überweisung fehl.',
      attachments: [],
    },
    {
      file: 'attachment-rfc2231.eml',
      kind: 'normal',
      from: 'priya@clienta.test',
      subject: 'Invoice export is wrong',
      messageId: '<att-7731@mail.clienta.test>',
      text: 'The March overview has the wrong totals, see the attached export.',
      attachments: [['Rechnungsübersicht März.pdf', 'application/pdf', 45]],
    },
    {
      file: 'forwarded.eml',
      kind: 'normal',
      from: 'priya@clienta.test',
      subject: 'Fwd: Your certificate for shop.clienta.test expires in 7 days',
      messageId: '<fwd-5521@mail.clienta.test>',
      text:
        'Can you take care of this?\n\n---------- Forwarded message ---------\nFrom: Certificate Authority <noreply@ca.example>\n' +
        'Date: Tue, 3 Mar 2026 at 07:00\nSubject: Your certificate for shop.clienta.test expires in 7 days\nTo: <it@clienta.test>\n\n' +
        'The TLS certificate for shop.clienta.test expires on 11 March 2026.\nRenew it to avoid interruptions.',
      attachments: [],
    },
    {
      file: 'auto-reply.eml',
      kind: 'auto_reply',
      from: 'priya@clienta.test',
      subject: 'Automatic reply: [#1] Checkout page shows a blank screen',
      messageId: '<ooo-998877@mail.clienta.test>',
      text: 'I am out of the office until 9 March with limited access to email.',
      attachments: [],
    },
    {
      file: 'bounce.eml',
      kind: 'bounce',
      from: 'mailer-daemon@mx.clienta.test',
      subject: 'Undelivered Mail Returned to Sender',
      messageId: '<20260302090100.AB12C3@mx.clienta.test>',
      text: null,
      attachments: [],
    },
    {
      file: 'html-only.eml',
      kind: 'normal',
      from: 'priya@clienta.test',
      subject: 'Newsletter sign-up broken',
      messageId: '<html-only-3141@mail.clienta.test>',
      text: 'The sign-up form on the news page [https://clienta.test/news] returns an error.\n\nThanks & regards,\nPriya',
      attachments: [],
    },
    {
      file: 'client-reply.eml',
      kind: 'normal',
      from: 'priya@clienta.test',
      subject: 'Re: [#1] Checkout page shows a blank screen',
      messageId: '<CAF4x9k2Reply@mail.clienta.test>',
      text: 'Thanks, it works again after your fix.',
      attachments: [],
    },
    {
      file: 'mailing-list.eml',
      kind: 'list',
      from: 'announce@lists.example',
      subject: '[announce] Framework 4.2.1 security release',
      messageId: '<list-77@lists.example>',
      text: 'A security release is out.',
      attachments: [],
    },
  ])('$file', async ({ file, kind, from, subject, messageId, text, attachments }) => {
    const parsed = await parseEmail(fixture(file));
    expect(parsed.kind).toBe(kind);
    expect(parsed.from.address).toBe(from);
    expect(parsed.subject).toBe(subject);
    expect(parsed.messageId).toBe(messageId);
    if (text !== null) expect(parsed.text).toBe(text);
    expect(parsed.attachments.map((a) => [a.filename, a.contentType, a.content.length])).toEqual(attachments);
  });

  it('turns HTML-only mail into text without markup, scripts or styles', async () => {
    const parsed = await parseEmail(fixture('html-only.eml'));
    expect(parsed.text).not.toContain('<');
    expect(parsed.text).not.toContain('alert');
    expect(parsed.text).not.toContain('color: red');
    expect(htmlToSafeText('<p onclick="x()">a<script>evil()</script> &lt;b&gt;</p>')).toBe('a <b>');
  });

  it('threads replies by our Message-ID, then by known Message-IDs, then by the subject', async () => {
    const reply = await parseEmail(fixture('client-reply.eml'));
    expect(reply.inReplyTo).toBe(OUR_ID);
    expect(reply.references).toEqual(['<CAF4x9k2Lq8mE7@mail.clienta.test>', OUR_ID]);
    expect(findThreadReference(reply)).toEqual({
      ticketIds: [TICKET],
      messageIds: [OUR_ID, '<CAF4x9k2Lq8mE7@mail.clienta.test>'],
      ticketNumber: 1,
    });
    expect(
      findThreadReference({ inReplyTo: null, references: [], subject: 'AW: [Tend #4711] Login' }),
    ).toEqual({
      ticketIds: [],
      messageIds: [],
      ticketNumber: 4711,
    });
    expect(
      findThreadReference({ inReplyTo: '<x@y>', references: ['<w@y>', '<x@y>'], subject: 'Hi' }),
    ).toEqual({
      ticketIds: [],
      messageIds: ['<x@y>', '<w@y>'],
      ticketNumber: null,
    });
  });

  it('finds the message a bounce returns', async () => {
    expect(ourMessageIdsIn(fixture('bounce.eml').toString())).toEqual([OUR_ID]);
  });

  it('names messages without a Message-ID by their hash', async () => {
    const raw = 'From: a@b.test\r\nSubject: x\r\n\r\nbody\r\n';
    expect((await parseEmail(raw)).messageId).toBe(hashMessageId(raw));
    expect(hashMessageId(raw)).toMatch(/^<sha256\.[0-9a-f]{64}@tend\.invalid>$/);
  });
});

describe('classification from headers', () => {
  const classify = (
    headers: Record<string, string>,
    from = 'person@client.test',
    contentType = 'text/plain',
  ) => classifyMessage({ header: (name) => headers[name], fromAddress: from, contentType });
  it.each([
    [{}, 'person@client.test', 'text/plain', 'normal'],
    [{ 'auto-submitted': 'no' }, 'person@client.test', 'text/plain', 'normal'],
    [{ 'auto-submitted': 'auto-replied' }, 'person@client.test', 'text/plain', 'auto_reply'],
    [{ 'auto-submitted': 'auto-generated' }, 'person@client.test', 'text/plain', 'auto_reply'],
    [{ 'x-autoreply': 'yes' }, 'person@client.test', 'text/plain', 'auto_reply'],
    [{ precedence: 'auto_reply' }, 'person@client.test', 'text/plain', 'auto_reply'],
    [{ 'return-path': '<>' }, 'person@client.test', 'text/plain', 'auto_reply'],
    [{ precedence: 'bulk' }, 'person@client.test', 'text/plain', 'list'],
    [{ 'list-id': '<dev.lists.test>' }, 'person@client.test', 'text/plain', 'list'],
    [{}, 'MAILER-DAEMON@mx.test', 'text/plain', 'bounce'],
    [{}, 'postmaster@mx.test', 'text/plain', 'bounce'],
    [{ 'x-failed-recipients': 'gone@client.test' }, 'person@client.test', 'text/plain', 'bounce'],
    [{}, 'person@client.test', 'multipart/report; report-type=delivery-status; boundary=x', 'bounce'],
  ] as const)('%j from %s (%s) is %s', (headers, from, contentType, kind) => {
    expect(classify(headers, from, contentType)).toBe(kind);
  });

  it.each([
    ['mailer-daemon@x.test', true],
    ['no-reply@x.test', true],
    ['noreply+abc@x.test', true],
    ['priya@x.test', false],
  ])('%s is unanswerable: %s', (address, expected) => {
    expect(isUnanswerableAddress(address)).toBe(expected);
  });
});

describe('subjects and quoted replies', () => {
  it.each([
    ['Re: AW: [#12] Login broken', 'Login broken', '[#12] Login broken'],
    ['Fwd: Server down', 'Server down', '[#12] Server down'],
    ['   ', '(no subject)', '[#12]'],
  ])('%j', (subject, clean, ours) => {
    expect(cleanSubject(subject)).toBe(clean);
    expect(ticketSubject(12, subject)).toBe(ours);
  });

  it('keeps what a person wrote above the quoted history', () => {
    expect(
      stripQuotedReply('Fixed, thanks!\n\nAm 2. März 2026 um 10:00 schrieb Tend <s@a.test>:\n> old'),
    ).toBe('Fixed, thanks!');
    expect(stripQuotedReply('Yes.\n\n> earlier\n> text\n')).toBe('Yes.');
    expect(stripQuotedReply('> only quotes')).toBe('> only quotes');
    expect(stripQuotedReply('Inline:\n> q\nanswer')).toBe('Inline:\n> q\nanswer');
  });
});
