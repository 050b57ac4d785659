import { expect } from 'vitest';
import type { ApiResponse, TestApp } from '../support/test-app';
import type { World } from '../support/world';

/*
 * Client A's history for the report figure tests (Europe/Berlin; the Berlin office calendar, Mon–Fri
 * 09:00–17:00, Good Friday 3 April and Easter Monday 6 April closed; the default SLA tiers). Client A has its
 * 10-hour retainer (600 min a month from January, rollover 1 month, overage 100.00/h, projects 120.00/h)
 * and a pay-as-you-go agreement at 90.00/h without an SLA. Times are UTC; Berlin is UTC+1 until 29 March,
 * UTC+2 after.
 *
 * Tickets (retainer unless said otherwise):
 *   Z high     created Mon 02-02 08:00, acknowledged 08:30, resolved 14:00.
 *   R low      maintenance, created Mon 02-16 08:00, acknowledged 08:30, never resolved. Resolution 9600
 *              business min = 20 days: 16–20, 23–27 Feb, 2–6, 9–13 Mar → due Fri 03-13 16:00: breached then.
 *   A medium   created Thu 02-26 08:00, acknowledged 09:00 (response due 3 days on: Mon 03-02 16:00, met),
 *              resolved Mon 03-02 09:00 (resolution due Wed 03-04 16:00, met). Received in February,
 *              resolved in March. Resolution clock: Thu 480 + Fri 480 + Mon 60 = 1020 min.
 *   B high     created Mon 03-02 08:00, acknowledged 08:30 (met). Resolution 1440 = 3 days: due Wed 03-04
 *              16:00, still open: breached. Waits on the client Thu 03-05 08:00, the client answers Mon 03-09
 *              08:00, resolved 11:00. Clock: 480 × 3 + 180 = 1620 min (Thursday to Monday paused).
 *   H low      pay-as-you-go, created Wed 03-04 09:00, 90 min billable + 30 non-billable on 03-05,
 *              resolved Fri 03-06 10:00: billed 90 min = 1.5 h × 90.00 = 135.00.
 *   D critical created Tue 03-10 08:00, acknowledged 08:15 (due 10:00, met), resolved 13:00 (end of the
 *              business day 16:00, met). Clock: 300 min. Reopened on 04-01.
 *   E medium→low maintenance, created Wed 03-11 08:00, acknowledged 09:00 (response due Fri 03-13 16:00,
 *              met), lowered to low on 03-12 08:00 (resolution re-targeted to 20 days: due Thu 04-09),
 *              resolved in window W1 on Tue 03-17 18:00. Clock: 5 × 480 = 2400 min. Raised to high 04-01.
 *   G medium   pay-as-you-go, created Mon 03-16 08:00; estimate of 120 min (2 h × 90.00 = 180.00) requested
 *              09:00, approved only on 04-01.
 *   F low      request type new_feature: change work. Created Wed 03-18 08:00, acknowledged 09:00 (response
 *              due Tue 03-24 16:00, met). A proposal "Customer export" (900 min at 120.00/h = 1,800.00) is sent
 *              Thu 03-19 10:00 and approved on 04-02 (its project then logs 180 min on 04-03).
 *   C low      created Tue 03-31 07:00, acknowledged 08:00, resolved Thu 04-02 08:00: received in March, resolved
 *              in April. Response due Wed 04-08 (not March).
 *   N low      maintenance, created Tue 04-07 08:00 (April).
 *
 * Retainer time (work dates):
 *   e1 01-12 bugfix 240 · e2 02-04 enhancement 100 · e3 02-18 advisory 60 non-billable
 *   e4 03-03 bugfix 500 (B) · e5 03-10 advisory 400 (D) · e6 03-17 maintenance 90 (E, in window W1)
 *   e7 03-20 enhancement 120 (F: change work) · e8 03-24 bugfix 360 · e9 03-25 advisory 60 non-billable
 *   e10 04-02 bugfix 90 (April)
 *
 * Maintenance (rows written directly): W1 "March maintenance" Tue 03-17 17:00–21:00, closed 21:00 — E done,
 * R rolled. W2 "Late March window" Tue 03-31 19:30–23:30, started 19:30 and closed only at 23:00 (after the
 * month's end at 22:00) — R rolled again. Scheduled: W3 May 12, W4 June 9, W5 July 14, W6 August 11, and
 * W-cancelled May 5 (cancelled). Plan: R in W3 (rolled once), G in W4; N joins W3 in April.
 */

export type Name = 'Z' | 'R' | 'A' | 'B' | 'H' | 'D' | 'E' | 'G' | 'F' | 'C' | 'N';
export type Ref = { id: string; number: number; subject: string };

export interface History {
  tickets: Record<Name, Ref>;
  paygId: string;
  windows: Record<'W1' | 'W2' | 'W3' | 'W4' | 'W5' | 'W6' | 'Wx', string>;
  proposalId: string;
}

const V1 = '/api/v1';

export function ok(res: ApiResponse, status = 200): any {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}

export async function buildMarchHistory(app: TestApp, world: World): Promise<History> {
  const staff = app.as(world.admin);
  const db = app.tend.services.deps.db;
  const at = (instant: string) => app.clock.set(instant);
  const clientId = world.clientA.id;
  const tickets = {} as Record<Name, Ref>;

  at('2026-01-05T08:00:00Z');
  const payg = ok(
    await staff.post(`${V1}/agreements`, {
      clientId,
      kind: 'payg',
      name: 'Pay as you go',
      startsOn: '2026-01-01',
      terms: { hourlyRateCents: 9000 },
      coverage: { covered: ['bug'] },
    }),
    201,
  );
  const raise = async (name: Name, instant: string, body: Record<string, unknown> & { subject: string }) => {
    at(instant);
    const subject = `${name}: ${body.subject}`;
    const created = ok(
      await staff.post(`${V1}/tickets`, {
        clientId,
        agreementId: world.clientA.retainerId,
        requestType: 'bug',
        ...body,
        subject,
      }),
      201,
    );
    tickets[name] = { id: created.id, number: created.number, subject };
  };
  const move = async (name: Name, instant: string, status: string, as = staff) => {
    at(instant);
    const comment = status === 'acknowledged' ? 'Looking into it.' : undefined;
    ok(await as.post(`${V1}/tickets/${tickets[name].id}/transitions`, { status, comment }));
  };
  const log = async (instant: string, body: Record<string, unknown>) => {
    at(instant);
    return ok(await staff.post(`${V1}/time-entries`, { billable: true, ...body }), 201);
  };
  const retainer = world.clientA.retainerId;

  await log('2026-01-12T10:00:00Z', {
    agreementId: retainer,
    date: '2026-01-12',
    minutes: 240,
    category: 'bugfix',
  });

  await raise('Z', '2026-02-02T08:00:00Z', { priority: 'high', subject: 'Login fails' });
  await move('Z', '2026-02-02T08:30:00Z', 'acknowledged');
  await move('Z', '2026-02-02T14:00:00Z', 'resolved');
  await log('2026-02-04T10:00:00Z', {
    agreementId: retainer,
    date: '2026-02-04',
    minutes: 100,
    category: 'enhancement',
  });
  await raise('R', '2026-02-16T08:00:00Z', {
    priority: 'low',
    kind: 'maintenance',
    subject: 'Rotate secrets',
  });
  await move('R', '2026-02-16T08:30:00Z', 'acknowledged');
  await log('2026-02-18T10:00:00Z', {
    agreementId: retainer,
    date: '2026-02-18',
    minutes: 60,
    category: 'advisory',
    billable: false,
  });
  await raise('A', '2026-02-26T08:00:00Z', { priority: 'medium', subject: 'Slow search' });
  await move('A', '2026-02-26T09:00:00Z', 'acknowledged');

  await raise('B', '2026-03-02T08:00:00Z', { priority: 'high', subject: 'Checkout broken' });
  await move('B', '2026-03-02T08:30:00Z', 'acknowledged');
  await move('A', '2026-03-02T09:00:00Z', 'resolved');
  await log('2026-03-03T10:00:00Z', {
    ticketId: tickets.B.id,
    date: '2026-03-03',
    minutes: 500,
    category: 'bugfix',
  });
  await raise('H', '2026-03-04T09:00:00Z', {
    agreementId: payg.id,
    priority: 'low',
    subject: 'Typo in footer',
  });
  await move('B', '2026-03-05T08:00:00Z', 'waiting_on_client');
  await log('2026-03-05T12:00:00Z', {
    ticketId: tickets.H.id,
    date: '2026-03-05',
    minutes: 90,
    category: 'bugfix',
  });
  await log('2026-03-05T12:30:00Z', {
    ticketId: tickets.H.id,
    date: '2026-03-05',
    minutes: 30,
    category: 'advisory',
    billable: false,
  });
  await move('H', '2026-03-06T10:00:00Z', 'resolved');
  await move('B', '2026-03-09T08:00:00Z', 'in_progress', app.as(world.clientA.member));
  await move('B', '2026-03-09T11:00:00Z', 'resolved');
  await raise('D', '2026-03-10T08:00:00Z', {
    priority: 'critical',
    requestType: 'incident',
    subject: 'Site down',
  });
  await move('D', '2026-03-10T08:15:00Z', 'acknowledged');
  await move('D', '2026-03-10T13:00:00Z', 'resolved');
  await log('2026-03-10T14:00:00Z', {
    ticketId: tickets.D.id,
    date: '2026-03-10',
    minutes: 400,
    category: 'advisory',
  });
  await raise('E', '2026-03-11T08:00:00Z', {
    priority: 'medium',
    kind: 'maintenance',
    subject: 'Upgrade PHP',
  });
  await move('E', '2026-03-11T09:00:00Z', 'acknowledged');
  at('2026-03-12T08:00:00Z');
  ok(
    await staff.patch(`${V1}/tickets/${tickets.E.id}`, {
      priority: 'low',
      reason: 'Can wait for the window',
    }),
  );
  await raise('G', '2026-03-16T08:00:00Z', {
    agreementId: payg.id,
    priority: 'medium',
    subject: 'New PDF invoice',
  });
  at('2026-03-16T09:00:00Z');
  ok(await staff.post(`${V1}/tickets/${tickets.G.id}/estimates`, { minutes: 120, note: 'Two hours.' }), 201);

  const windows = await insertWindows(app, world.clientA.retainerId);
  await move('E', '2026-03-17T18:00:00Z', 'resolved');
  const e6 = await log('2026-03-17T20:00:00Z', {
    ticketId: tickets.E.id,
    date: '2026-03-17',
    minutes: 90,
    category: 'maintenance',
  });
  await db.updateTable('time_entries').set({ window_id: windows.W1 }).where('id', '=', e6.id).execute();
  await db
    .insertInto('window_outcomes')
    .values([
      { window_id: windows.W1, ticket_id: tickets.E.id, outcome: 'done', minutes: 90 },
      { window_id: windows.W1, ticket_id: tickets.R.id, outcome: 'rolled', minutes: 0 },
    ])
    .execute();

  await raise('F', '2026-03-18T08:00:00Z', {
    priority: 'low',
    requestType: 'new_feature',
    subject: 'Customer export',
  });
  await move('F', '2026-03-18T09:00:00Z', 'acknowledged');
  const proposalId = await insertProposal(app, world, tickets);
  await log('2026-03-20T10:00:00Z', {
    ticketId: tickets.F.id,
    date: '2026-03-20',
    minutes: 120,
    category: 'enhancement',
  });
  await log('2026-03-24T10:00:00Z', {
    agreementId: retainer,
    date: '2026-03-24',
    minutes: 360,
    category: 'bugfix',
  });
  await log('2026-03-25T10:00:00Z', {
    agreementId: retainer,
    date: '2026-03-25',
    minutes: 60,
    category: 'advisory',
    billable: false,
  });
  await raise('C', '2026-03-31T07:00:00Z', { priority: 'low', subject: 'Broken link' });
  await move('C', '2026-03-31T08:00:00Z', 'acknowledged');
  at('2026-03-31T19:30:00Z');
  await db
    .updateTable('maintenance_windows')
    .set({ status: 'in_progress', started_at: new Date('2026-03-31T19:30:00Z') })
    .where('id', '=', windows.W2)
    .execute();

  await setPlan(app, world, [
    { ticket: tickets.R.id, window: windows.W3, position: 0, rollCount: 1, firstWindow: windows.W1 },
    { ticket: tickets.G.id, window: windows.W4, position: 0, rollCount: 0, firstWindow: windows.W4 },
  ]);
  return { tickets, paygId: payg.id, windows, proposalId };
}

async function insertWindows(app: TestApp, retainerId: string): Promise<History['windows']> {
  const db = app.tend.services.deps.db;
  const created = new Date('2026-03-01T00:00:00Z');
  const window = async (
    title: string,
    startsAt: string,
    endsAt: string,
    extra: Record<string, unknown> = {},
  ): Promise<string> => {
    const row = await db
      .insertInto('maintenance_windows')
      .values({
        agreement_id: retainerId,
        title,
        starts_at: startsAt,
        ends_at: endsAt,
        capacity_minutes: 240,
        created_at: created,
        updated_at: created,
        ...extra,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  };
  return {
    W1: await window('March maintenance', '2026-03-17T17:00:00Z', '2026-03-17T21:00:00Z', {
      status: 'closed',
      started_at: '2026-03-17T17:00:00Z',
      closed_at: '2026-03-17T21:00:00Z',
    }),
    W2: await window('Late March window', '2026-03-31T19:30:00Z', '2026-03-31T23:30:00Z'),
    W3: await window('May maintenance', '2026-05-12T16:00:00Z', '2026-05-12T20:00:00Z'),
    W4: await window('June maintenance', '2026-06-09T16:00:00Z', '2026-06-09T20:00:00Z'),
    W5: await window('July maintenance', '2026-07-14T16:00:00Z', '2026-07-14T20:00:00Z'),
    W6: await window('August maintenance', '2026-08-11T16:00:00Z', '2026-08-11T20:00:00Z'),
    Wx: await window('Cancelled May window', '2026-05-05T16:00:00Z', '2026-05-05T20:00:00Z', {
      status: 'cancelled',
    }),
  };
}

/** The proposal for F, sent on 03-19 (and a draft that was never sent, on E). */
async function insertProposal(app: TestApp, world: World, tickets: Record<Name, Ref>): Promise<string> {
  const db = app.tend.services.deps.db;
  const base = {
    agreement_id: world.clientA.retainerId,
    client_id: world.clientA.id,
    scope: 'Export customers as CSV.',
    estimate_minutes: 900,
    rate_cents: 12_000,
    amount_cents: 180_000,
    created_by: world.admin.actor.userId,
    created_at: new Date('2026-03-19T09:00:00Z'),
    updated_at: new Date('2026-03-19T10:00:00Z'),
  };
  const sent = await db
    .insertInto('proposals')
    .values({
      ...base,
      ticket_id: tickets.F.id,
      title: 'Customer export',
      status: 'sent',
      sent_at: new Date('2026-03-19T10:00:00Z'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('proposals')
    .values({ ...base, ticket_id: tickets.E.id, title: 'PHP 9 migration', status: 'draft' })
    .execute();
  return sent.id;
}

/** April: decisions, reopenings and work that must not change March's figures. */
export async function addAprilActivity(app: TestApp, world: World, history: History): Promise<void> {
  const staff = app.as(world.admin);
  const db = app.tend.services.deps.db;
  const at = (instant: string) => app.clock.set(instant);
  const { tickets } = history;

  // W2 closed at 01:00 Berlin on 1 April: after March's end. R rolled a second time (see setPlan below).
  await db
    .updateTable('maintenance_windows')
    .set({ status: 'closed', closed_at: new Date('2026-03-31T23:00:00Z') })
    .where('id', '=', history.windows.W2)
    .execute();
  await db
    .insertInto('window_outcomes')
    .values({ window_id: history.windows.W2, ticket_id: tickets.R.id, outcome: 'rolled', minutes: 0 })
    .execute();

  at('2026-04-01T07:00:00Z');
  const [estimate] = ok(await staff.get(`${V1}/estimates?ticketId=${tickets.G.id}`)).items;
  ok(await app.as(world.clientA.admin).post(`${V1}/estimates/${estimate.id}/approve`, {}));
  at('2026-04-01T08:00:00Z');
  ok(
    await staff.post(`${V1}/tickets/${tickets.D.id}/transitions`, {
      status: 'in_progress',
      reason: 'Back again',
    }),
  );
  at('2026-04-01T09:00:00Z');
  ok(await staff.patch(`${V1}/tickets/${tickets.E.id}`, { priority: 'high' }));
  at('2026-04-02T08:00:00Z');
  ok(await staff.post(`${V1}/tickets/${tickets.C.id}/transitions`, { status: 'resolved' }));

  at('2026-04-02T09:00:00Z');
  await db
    .updateTable('proposals')
    .set({
      status: 'approved',
      decided_at: new Date('2026-04-02T09:00:00Z'),
      decided_by: world.clientA.admin.actor.userId,
      updated_at: new Date('2026-04-02T09:00:00Z'),
    })
    .where('id', '=', history.proposalId)
    .execute();
  const project = await db
    .insertInto('projects')
    .values({
      proposal_id: history.proposalId,
      client_id: world.clientA.id,
      name: 'Customer export',
      budget_minutes: 900,
      amount_cents: 180_000,
      created_at: new Date('2026-04-02T09:00:00Z'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  at('2026-04-02T10:00:00Z');
  ok(
    await staff.post(`${V1}/time-entries`, {
      agreementId: world.clientA.retainerId,
      date: '2026-04-02',
      minutes: 90,
      category: 'bugfix',
    }),
    201,
  );
  at('2026-04-03T10:00:00Z');
  ok(
    await staff.post(`${V1}/time-entries`, {
      projectId: project.id,
      date: '2026-04-03',
      minutes: 180,
      category: 'enhancement',
    }),
    201,
  );

  at('2026-04-07T08:00:00Z');
  const n = ok(
    await staff.post(`${V1}/tickets`, {
      clientId: world.clientA.id,
      agreementId: world.clientA.retainerId,
      requestType: 'bug',
      priority: 'low',
      kind: 'maintenance',
      subject: 'N: Renew certificate',
    }),
    201,
  );
  tickets.N = { id: n.id, number: n.number, subject: 'N: Renew certificate' };
  await db.updateTable('tickets').set({ estimate_minutes: 45 }).where('id', '=', tickets.R.id).execute();
  await setPlan(app, world, [
    {
      ticket: tickets.R.id,
      window: history.windows.W3,
      position: 0,
      rollCount: 2,
      firstWindow: history.windows.W1,
    },
    { ticket: n.id, window: history.windows.W3, position: 1, rollCount: 0, firstWindow: history.windows.W3 },
    {
      ticket: tickets.G.id,
      window: history.windows.W4,
      position: 0,
      rollCount: 0,
      firstWindow: history.windows.W4,
    },
  ]);
}

/**
 * Sets client A's maintenance plan as given. Tend's planner also writes the plan whenever a backlog ticket
 * changes; the figures only read it, so the test states it outright, after the last ticket change.
 */
async function setPlan(
  app: TestApp,
  world: World,
  items: Array<{ ticket: string; window: string; position: number; rollCount: number; firstWindow: string }>,
): Promise<void> {
  const db = app.tend.services.deps.db;
  await db
    .deleteFrom('window_plan')
    .where('ticket_id', 'in', db.selectFrom('tickets').select('id').where('client_id', '=', world.clientA.id))
    .execute();
  await db
    .insertInto('window_plan')
    .values(
      items.map((item) => ({
        ticket_id: item.ticket,
        window_id: item.window,
        position: item.position,
        roll_count: item.rollCount,
        first_window_id: item.firstWindow,
        planned_at: app.clock.now(),
      })),
    )
    .execute();
}
