import { describe, expect, it } from 'vitest';
import { compileCalendar } from '../../../src/domain/calendar/business-calendar';
import { describeTargetInWords, listBreaches } from '../../../src/domain/report/sla-figures';
import { defaultSlaPolicyRules, type SlaTarget } from '../../../src/domain/sla/sla-policy';
import { deriveTicketSla, type TicketSlaEvent } from '../../../src/domain/sla/ticket-sla';
import { berlinOffice } from '../calendar-fixtures';

const t = Date.parse;

describe('describeTargetInWords', () => {
  it.each<[SlaTarget, string]>([
    [{ kind: 'business_minutes', minutes: 60 }, '1 business hour'],
    [{ kind: 'business_minutes', minutes: 480 }, '8 business hours'],
    [{ kind: 'business_minutes', minutes: 90 }, '90 business minutes'],
    [{ kind: 'clock_minutes', minutes: 240 }, '4 hours, around the clock'],
    [{ kind: 'clock_minutes', minutes: 1 }, '1 minute, around the clock'],
    [{ kind: 'end_of_business_day' }, 'by the end of the business day'],
    [
      { kind: 'next_maintenance_window', movesWhenRolled: false },
      'by the end of the maintenance window it is planned into',
    ],
    [
      { kind: 'next_maintenance_window', movesWhenRolled: true },
      'by the end of the maintenance window it is planned into (moves with it when rolled)',
    ],
  ])('%o reads "%s"', (target, words) => {
    expect(describeTargetInWords(target)).toBe(words);
  });
});

describe('listBreaches', () => {
  const calendar = compileCalendar(berlinOffice);
  const rules = defaultSlaPolicyRules();
  // March 2026 in Berlin.
  const from = t('2026-02-28T23:00:00Z');
  const to = t('2026-03-31T22:00:00Z');

  /*
   * B, high, created Mon 2 March 09:00 CET. Response 480 business min: due 17:00 (16:00Z), acknowledged
   * 09:30: met. Resolution 1440 business min = three 8-hour days: due Wed 4 March 17:00 CET (16:00Z), still
   * open then: breached. On Thursday it waits on the client (paused) until Monday 9 March 09:00, resolved
   * at 12:00.
   */
  const b: TicketSlaEvent[] = [
    { type: 'created', at: t('2026-03-02T08:00:00Z'), priority: 'high' },
    { type: 'acknowledged', at: t('2026-03-02T08:30:00Z') },
    { type: 'status_changed', at: t('2026-03-02T08:30:00Z'), from: 'new', to: 'acknowledged' },
    { type: 'status_changed', at: t('2026-03-05T08:00:00Z'), from: 'acknowledged', to: 'waiting_on_client' },
    { type: 'status_changed', at: t('2026-03-09T08:00:00Z'), from: 'waiting_on_client', to: 'in_progress' },
    { type: 'status_changed', at: t('2026-03-09T11:00:00Z'), from: 'in_progress', to: 'resolved' },
  ];
  /*
   * L, low, created Tue 31 March 09:00 CEST, never answered. Response 2400 business min = five days (Good
   * Friday and Easter Monday closed): 31 March, 1, 2, 7, 8 April, due Wed 8 April 17:00 CEST (15:00Z).
   * Resolution 9600 = twenty days: due Wed 29 April 15:00Z.
   */
  const l: TicketSlaEvent[] = [{ type: 'created', at: t('2026-03-31T07:00:00Z'), priority: 'low' }];

  const derive = (events: TicketSlaEvent[], now: string) =>
    deriveTicketSla({ events, rules, calendar, now: t(now) });

  it('lists a breach that then waited on the client, with the explanation up to the cutoff', () => {
    const tickets = [
      { ticket: { number: 2 }, sla: derive(b, '2026-03-31T21:59:59.999Z') },
      { ticket: { number: 7 }, sla: derive(l, '2026-04-20T00:00:00Z') },
    ];
    expect(listBreaches(tickets, from, to)).toEqual([
      {
        ticket: { number: 2 },
        clock: 'resolution',
        dueAt: '2026-03-04T16:00:00.000Z',
        breachedAt: '2026-03-04T16:00:00.000Z',
        explanation: [
          '2026-03-02T08:00:00Z created: priority high; response 480 business min, due 2026-03-02T16:00:00Z; resolution 1440 business min, due 2026-03-04T16:00:00Z',
          '2026-03-02T08:30:00Z response met: acknowledged',
          '2026-03-04T16:00:00Z resolution breached (due 2026-03-04T16:00:00Z)',
          '2026-03-05T08:00:00Z resolution paused: waiting on client',
          '2026-03-09T08:00:00Z resolution resumed: client answered (in progress)',
          '2026-03-09T11:00:00Z resolution stopped after breach: resolved',
        ],
      },
    ]);
  });

  it('knows nothing after the cutoff', () => {
    const early = [{ ticket: { number: 2 }, sla: derive(b, '2026-03-04T12:00:00Z') }];
    expect(listBreaches(early, from, to)).toEqual([]);
    // L's response (due Wed 8 April) breached in April: April lists it, March does not.
    const late = [{ ticket: { number: 7 }, sla: derive(l, '2026-04-20T00:00:00Z') }];
    expect(listBreaches(late, from, to)).toEqual([]);
    expect(listBreaches(late, to, t('2026-04-30T22:00:00Z')).map((x) => [x.clock, x.dueAt])).toEqual([
      ['response', '2026-04-08T15:00:00.000Z'],
    ]);
  });
});
