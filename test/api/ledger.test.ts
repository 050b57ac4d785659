import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../support/databases';
import { createTestApp, type ApiResponse, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';

/*
 * Client A's retainer (world fixture): 10 h = 600 min a month from January 2026, unused minutes roll over
 * one month, overage at 100.00 an hour. Every figure below is worked out by hand from the entries:
 *
 *   e1 2026-01-10 bugfix      240  billable
 *   e2 2026-01-20 advisory     60  billable
 *   e3 2026-01-22 maintenance 120  non-billable
 *   e4 2026-02-05 enhancement 200  billable
 *   e5 2026-02-12 bugfix      180  billable, on a change ticket
 *   e6 2026-03-03 bugfix      900  billable
 *   e7 2026-03-25 bugfix      400  billable
 *   e8 2026-04-02 advisory     90  billable
 *
 * The clock stands in April 2026 (the current month) until the last test moves it to May.
 */

const V1 = '/api/v1';

function ok(res: ApiResponse, status = 200): any {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}

const categories = (
  used: Partial<Record<'bugfix' | 'enhancement' | 'advisory' | 'maintenance', number>>,
) => ({
  bugfix: 0,
  enhancement: 0,
  advisory: 0,
  maintenance: 0,
  ...used,
});

const bucket = (month: string, used: number, expiresAfter: string) => ({
  month,
  allocated: 600,
  used,
  expiresAfter,
  remaining: 600 - used,
});

describe.each(ENGINES)('hour ledger on %s', (engine) => {
  let app: TestApp;
  let world: World;
  const entry: Record<string, string> = {};
  let changeTicketId: string;

  beforeAll(async () => {
    app = await createTestApp(engine, { now: '2026-04-20T10:00:00Z' }); // Monday 12:00 Berlin, April
    world = await buildWorld(app);
  });
  afterAll(async () => app.close());

  const staff = () => app.as(world.engineer);
  const ledgerOf = async (month: string, as = staff()) =>
    ok(await as.get(`${V1}/agreements/${world.clientA.retainerId}/ledger?month=${month}`));
  /** The month's entries by name (e1…), each with its draws. */
  const drawsOf = (ledger: any) =>
    Object.fromEntries(
      ledger.entries.map((e: any) => [
        Object.keys(entry).find((name) => entry[name] === e.id) ?? e.id,
        { draws: e.draws, overageMinutes: e.overageMinutes, noDrawReason: e.noDrawReason },
      ]),
    );
  const drew = (draws: [string, number][], overageMinutes = 0) => ({
    draws: draws.map(([bucketMonth, minutes]) => ({ bucketMonth, minutes })),
    overageMinutes,
    noDrawReason: null,
  });
  const noDraw = (noDrawReason: string) => ({ draws: [], overageMinutes: 0, noDrawReason });

  it('only agency staff log time', async () => {
    const res = await app.as(world.clientA.member).post(`${V1}/time-entries`, {
      agreementId: world.clientA.retainerId,
      date: '2026-01-05',
      minutes: 30,
      category: 'bugfix',
    });
    expect(res.status).toBe(403);
    const without = await staff().post(`${V1}/time-entries`, {
      date: '2026-01-05',
      minutes: 30,
      category: 'bugfix',
    });
    expect(without.status).toBe(400);
  });

  it('derives allocation, rollover, usage, expiry and overage month by month', async () => {
    const change = ok(
      await app.as(world.admin).post(`${V1}/tickets`, {
        clientId: world.clientA.id,
        subject: 'New loyalty programme',
        requestType: 'new_feature',
      }),
      201,
    );
    expect(change.kind).toBe('change');
    changeTicketId = change.id;

    const log = async (name: string, body: Record<string, unknown>) => {
      const created = ok(
        await staff().post(`${V1}/time-entries`, { agreementId: world.clientA.retainerId, ...body }),
        201,
      );
      entry[name] = created.id;
      return created;
    };
    await log('e1', { date: '2026-01-10', minutes: 240, category: 'bugfix', description: 'Checkout fix' });
    await log('e2', { date: '2026-01-20', minutes: 60, category: 'advisory' });
    await log('e3', { date: '2026-01-22', minutes: 120, category: 'maintenance', billable: false });
    await log('e4', { date: '2026-02-05', minutes: 200, category: 'enhancement' });
    const onChange = ok(
      await staff().post(`${V1}/time-entries`, {
        ticketId: changeTicketId, // the agreement comes from the ticket
        date: '2026-02-12',
        minutes: 180,
        category: 'bugfix',
      }),
      201,
    );
    expect(onChange.agreementId).toBe(world.clientA.retainerId);
    entry.e5 = onChange.id;
    await log('e6', { date: '2026-03-03', minutes: 900, category: 'bugfix' });
    await log('e7', { date: '2026-03-25', minutes: 400, category: 'bugfix' });
    await log('e8', { date: '2026-04-02', minutes: 90, category: 'advisory' });

    // January: 300 billable minutes drawn; the non-billable 120 draw nothing; 300 roll into February.
    const january = await ledgerOf('2026-01');
    expect(january).toMatchObject({
      agreementId: world.clientA.retainerId,
      kind: 'retainer',
      month: '2026-01',
      timeZone: 'Europe/Berlin',
      isCurrentMonth: false,
    });
    expect(january.ledger).toEqual({
      month: '2026-01',
      allocationMinutes: 600,
      rolledInMinutes: 0,
      usedMinutes: 300,
      usedByCategory: categories({ bugfix: 240, advisory: 60 }),
      nonBillableMinutes: 120,
      changeWorkMinutes: 0,
      overageMinutes: 0,
      overageCents: 0,
      remainingMinutes: 300,
      expiringMinutes: 0, // January's hours are good through February
      expiredMinutes: 0,
      buckets: [bucket('2026-01', 300, '2026-02')],
    });
    expect(drawsOf(january)).toEqual({
      e1: drew([['2026-01', 240]]),
      e2: drew([['2026-01', 60]]),
      e3: noDraw('non_billable'),
    });

    // February: the rolled-over January minutes go first; change work draws nothing; the 100 January
    // minutes left expire at the end of February (a closed month: they did expire).
    const february = await ledgerOf('2026-02');
    expect(february.ledger).toEqual({
      month: '2026-02',
      allocationMinutes: 600,
      rolledInMinutes: 300,
      usedMinutes: 200,
      usedByCategory: categories({ enhancement: 200 }),
      nonBillableMinutes: 0,
      changeWorkMinutes: 180,
      overageMinutes: 0,
      overageCents: 0,
      remainingMinutes: 700,
      expiringMinutes: 100,
      expiredMinutes: 100,
      buckets: [bucket('2026-01', 500, '2026-02'), bucket('2026-02', 0, '2026-03')],
    });
    expect(drawsOf(february)).toEqual({
      e4: drew([['2026-01', 200]]),
      e5: noDraw('change_work'),
    });
    expect(february.entries.find((e: any) => e.id === entry.e5)).toMatchObject({
      changeWork: true,
      ticketId: changeTicketId,
      minutes: 180,
    });

    // March: 600 rolled in from February (January's are gone); 1300 billable minutes against 1200
    // available: 100 minutes of overage at 100.00/h = 166.67.
    const march = await ledgerOf('2026-03');
    expect(march.ledger).toEqual({
      month: '2026-03',
      allocationMinutes: 600,
      rolledInMinutes: 600,
      usedMinutes: 1200,
      usedByCategory: categories({ bugfix: 1200 }),
      nonBillableMinutes: 0,
      changeWorkMinutes: 0,
      overageMinutes: 100,
      overageCents: 16667,
      remainingMinutes: 0,
      expiringMinutes: 0,
      expiredMinutes: 0,
      buckets: [bucket('2026-02', 600, '2026-03'), bucket('2026-03', 600, '2026-04')],
    });
    expect(drawsOf(march)).toEqual({
      e6: drew([
        ['2026-02', 600],
        ['2026-03', 300],
      ]),
      e7: drew([['2026-03', 300]], 100),
    });

    // April, the current month: nothing rolled in, 90 drawn from April's own hours.
    const april = await ledgerOf('2026-04');
    expect(april.isCurrentMonth).toBe(true);
    expect(april.ledger).toEqual({
      month: '2026-04',
      allocationMinutes: 600,
      rolledInMinutes: 0,
      usedMinutes: 90,
      usedByCategory: categories({ advisory: 90 }),
      nonBillableMinutes: 0,
      changeWorkMinutes: 0,
      overageMinutes: 0,
      overageCents: 0,
      remainingMinutes: 510,
      expiringMinutes: 0,
      expiredMinutes: 0,
      buckets: [bucket('2026-03', 600, '2026-04'), bucket('2026-04', 90, '2026-05')],
    });
    expect(drawsOf(april)).toEqual({ e8: drew([['2026-04', 90]]) });

    // The month's entry list.
    const listed = ok(
      await staff().get(`${V1}/time-entries?agreementId=${world.clientA.retainerId}&month=2026-02`),
    );
    expect(listed.items.map((e: any) => e.id)).toEqual([entry.e5, entry.e4]); // newest work date first
  });

  it('editing a past entry re-derives the later months', async () => {
    // e7 400 → 150: March keeps 150 of its own hours, which roll into April and are drawn first there.
    const empty = await staff().patch(`${V1}/time-entries/${entry.e7}`, {});
    expect(empty.status).toBe(400);
    const patched = ok(await staff().patch(`${V1}/time-entries/${entry.e7}`, { minutes: 150 }));
    expect(patched.minutes).toBe(150);

    const march = await ledgerOf('2026-03');
    expect(march.ledger).toMatchObject({
      rolledInMinutes: 600,
      usedMinutes: 1050,
      usedByCategory: categories({ bugfix: 1050 }),
      overageMinutes: 0,
      overageCents: 0,
      remainingMinutes: 150,
      expiringMinutes: 0,
      expiredMinutes: 0,
      buckets: [bucket('2026-02', 600, '2026-03'), bucket('2026-03', 450, '2026-04')],
    });
    expect(drawsOf(march).e7).toEqual(drew([['2026-03', 150]]));

    const april = await ledgerOf('2026-04');
    expect(april.ledger).toEqual({
      month: '2026-04',
      allocationMinutes: 600,
      rolledInMinutes: 150,
      usedMinutes: 90,
      usedByCategory: categories({ advisory: 90 }),
      nonBillableMinutes: 0,
      changeWorkMinutes: 0,
      overageMinutes: 0,
      overageCents: 0,
      remainingMinutes: 660,
      expiringMinutes: 60, // what is left of March, usable until the end of April
      expiredMinutes: 0, // the current month: nothing has expired yet
      buckets: [bucket('2026-03', 540, '2026-04'), bucket('2026-04', 0, '2026-05')],
    });
    expect(drawsOf(april)).toEqual({ e8: drew([['2026-03', 90]]) });

    // The earlier months did not move.
    expect((await ledgerOf('2026-02')).ledger).toMatchObject({ rolledInMinutes: 300, expiredMinutes: 100 });
  });

  it('deleting a past entry re-derives the later months', async () => {
    const res = await staff().delete(`${V1}/time-entries/${entry.e2}`);
    expect(res.status).toBe(204);

    const january = await ledgerOf('2026-01');
    expect(january.ledger).toMatchObject({
      usedMinutes: 240,
      usedByCategory: categories({ bugfix: 240 }),
      nonBillableMinutes: 120,
      remainingMinutes: 360,
    });
    expect(Object.keys(drawsOf(january)).sort()).toEqual(['e1', 'e3']);

    // February now starts with 360 rolled in; 200 drawn from it leaves 160 to expire.
    const february = await ledgerOf('2026-02');
    expect(february.ledger).toEqual({
      month: '2026-02',
      allocationMinutes: 600,
      rolledInMinutes: 360,
      usedMinutes: 200,
      usedByCategory: categories({ enhancement: 200 }),
      nonBillableMinutes: 0,
      changeWorkMinutes: 180,
      overageMinutes: 0,
      overageCents: 0,
      remainingMinutes: 760,
      expiringMinutes: 160,
      expiredMinutes: 160,
      buckets: [bucket('2026-01', 440, '2026-02'), bucket('2026-02', 0, '2026-03')],
    });
    // January's leftovers expire in February whatever their size: March and April are unchanged.
    expect((await ledgerOf('2026-03')).ledger).toMatchObject({ rolledInMinutes: 600, remainingMinutes: 150 });
    expect((await ledgerOf('2026-04')).ledger).toMatchObject({ rolledInMinutes: 150, remainingMinutes: 660 });
  });

  it('reclassifying a ticket as change work takes its time off the retainer', async () => {
    const ticket = ok(
      await app.as(world.admin).post(`${V1}/tickets`, {
        clientId: world.clientA.id,
        subject: 'Export to the ERP',
        requestType: 'bug',
      }),
      201,
    );
    entry.e9 = ok(
      await staff().post(`${V1}/time-entries`, {
        ticketId: ticket.id,
        date: '2026-04-10',
        minutes: 100,
        category: 'bugfix',
      }),
      201,
    ).id;
    // After e8 took 90 of March's 150, e9 takes March's last 60, then 40 of April's own.
    const before = await ledgerOf('2026-04');
    expect(before.ledger).toMatchObject({
      usedMinutes: 190,
      usedByCategory: categories({ advisory: 90, bugfix: 100 }),
      remainingMinutes: 560,
      expiringMinutes: 0,
    });
    expect(drawsOf(before).e9).toEqual(
      drew([
        ['2026-03', 60],
        ['2026-04', 40],
      ]),
    );

    ok(
      await staff().patch(`${V1}/tickets/${ticket.id}`, {
        kind: 'change',
        reason: 'It is a new integration',
      }),
    );
    const after = await ledgerOf('2026-04');
    expect(after.ledger).toMatchObject({
      usedMinutes: 90,
      usedByCategory: categories({ advisory: 90 }),
      changeWorkMinutes: 100,
      remainingMinutes: 660,
      expiringMinutes: 60,
    });
    expect(drawsOf(after).e9).toEqual(noDraw('change_work'));
  });

  it('clients read their own ledger only', async () => {
    const own = await ledgerOf('2026-04', app.as(world.clientA.member));
    expect(own.ledger.remainingMinutes).toBe(660);
    const other = await app
      .as(world.clientB.member)
      .get(`${V1}/agreements/${world.clientA.retainerId}/ledger?month=2026-04`);
    expect(other.status).toBe(404);
    expect(
      (await staff().get(`${V1}/agreements/${world.clientA.retainerId}/ledger?month=2026-13`)).status,
    ).toBe(400);
    // Before the agreement started there is no ledger month.
    expect(await ledgerOf('2025-12')).toMatchObject({ ledger: null, entries: [] });
  });

  it('once April is closed its leftovers have expired, and May is the current month', async () => {
    app.clock.set('2026-05-04T08:00:00Z'); // Monday 10:00 Berlin, May
    const april = await ledgerOf('2026-04');
    expect(april.isCurrentMonth).toBe(false);
    expect(april.ledger).toMatchObject({ remainingMinutes: 660, expiringMinutes: 60, expiredMinutes: 60 });

    const may = await ledgerOf('2026-05');
    expect(may.isCurrentMonth).toBe(true);
    expect(may.ledger).toEqual({
      month: '2026-05',
      allocationMinutes: 600,
      rolledInMinutes: 600, // April's own hours; March's 60 expired
      usedMinutes: 0,
      usedByCategory: categories({}),
      nonBillableMinutes: 0,
      changeWorkMinutes: 0,
      overageMinutes: 0,
      overageCents: 0,
      remainingMinutes: 1200,
      expiringMinutes: 600, // April's hours end with May
      expiredMinutes: 0,
      buckets: [bucket('2026-04', 0, '2026-05'), bucket('2026-05', 0, '2026-06')],
    });
  });
});
