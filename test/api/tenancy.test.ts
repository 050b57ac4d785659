/**
 * The house rule: a client user sees only its own organisation's data, through every route. Another
 * client's record answers exactly like a missing one (404 not_found, never 403), changes nothing and leaks
 * nothing; role-based refusals (403) are reserved for the client's own records.
 *
 * The routes are tables: a route added later is one more row in FOREIGN_ROUTES (and, if clients may not
 * use it, in ROLE_REFUSALS).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSlaTiers } from '../../src/domain/sla/sla-policy';
import { ENGINES } from '../support/databases';
import {
  createTestApp,
  type ApiClient,
  type ApiResponse,
  type TestApp,
  type TestUser,
} from '../support/test-app';
import { BERLIN_OFFICE, buildWorld, type TestClient, type World } from '../support/world';

/** The records of one client organisation a route may be pointed at. */
interface OrgIds {
  client: string;
  /** Acknowledged, with a public reply, an internal note, a client comment, a time entry and a link. */
  ticket: string;
  /** Waiting on the client for `estimate`. */
  ticket2: string;
  estimate: string;
  agreement: string;
  timeEntry: string;
  calendar: string;
  policy: string;
  /** The organisation's member. */
  user: string;
  /** The id of the organisation admin's API token. */
  token: string;
  /** A change proposal sent to the client and waiting for its decision (on a third, change ticket). */
  proposal: string;
  /** The project an earlier proposal on that ticket became. */
  project: string;
  /** A monthly maintenance schedule of the retainer, its first window, and a chore not due yet. */
  maintenanceSchedule: string;
  maintenanceWindow: string;
  maintenanceChore: string;
}

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

interface RouteCase {
  name: string;
  method: Method;
  url: (ids: OrgIds) => string;
  body?: (ids: OrgIds) => unknown;
}

type ClientRole = 'admin' | 'member';

interface RoleCase extends RouteCase {
  /** Which client users the refusal is checked for (default: both). */
  who?: readonly ClientRole[];
}

const V1 = '/api/v1';
const MONTH = '2026-03';
const ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//tend//test//EN',
  'BEGIN:VEVENT',
  'UID:labour-day@tend.test',
  'DTSTART;VALUE=DATE:20260501',
  'DTEND;VALUE=DATE:20260502',
  'SUMMARY:Labour Day',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

const policyBody = (ids: OrgIds) => ({ name: 'Renamed', calendarId: ids.calendar, tiers: defaultSlaTiers() });
const retainerBody = (ids: OrgIds) => ({
  clientId: ids.client,
  kind: 'retainer',
  name: 'Sneaky retainer',
  startsOn: '2026-03-01',
  terms: { monthlyHours: 100, overageRateCents: 0 },
});
const proposalBody = { title: 'Sneaky proposal', scope: 'Everything', estimateMinutes: 60 };
const userBody = (ids: OrgIds) => ({
  organizationId: ids.client,
  email: `intruder-${randomUUID()}@example.test`,
  name: 'Intruder',
  role: 'client_admin',
  password: 'long enough password',
});

const SECOND_TUESDAY = {
  frequency: 'monthly',
  on: { kind: 'nth_weekday', nth: 2, weekday: 'TU' },
  startTime: '18:00',
  durationMinutes: 240,
  firstMonth: '2026-01',
};

/** Maintenance routes that are agency work: another client's ids → 404, the client's own → 403. */
function maintenanceRoutes(): RouteCase[] {
  const schedule = (ids: OrgIds) => `${V1}/maintenance-schedules/${ids.maintenanceSchedule}`;
  const chore = (ids: OrgIds) => `${V1}/maintenance-chores/${ids.maintenanceChore}`;
  const window = (ids: OrgIds) => `${V1}/maintenance-windows/${ids.maintenanceWindow}`;
  return [
    {
      name: 'list maintenance schedules',
      method: 'get',
      url: (ids) => `${V1}/agreements/${ids.agreement}/maintenance-schedules`,
    },
    {
      name: 'add maintenance schedule',
      method: 'post',
      url: (ids) => `${V1}/agreements/${ids.agreement}/maintenance-schedules`,
      body: () => ({ name: 'Sneaky windows', rule: SECOND_TUESDAY, capacityMinutes: 60 }),
    },
    {
      name: 'change maintenance schedule',
      method: 'patch',
      url: schedule,
      body: () => ({ capacityMinutes: 1 }),
    },
    { name: 'stop maintenance schedule', method: 'delete', url: schedule },
    {
      name: 'list maintenance chores',
      method: 'get',
      url: (ids) => `${V1}/agreements/${ids.agreement}/maintenance-chores`,
    },
    {
      name: 'add maintenance chore',
      method: 'post',
      url: (ids) => `${V1}/agreements/${ids.agreement}/maintenance-chores`,
      body: () => ({ title: 'Sneaky chore', cadenceMonths: 1, estimateMinutes: 30, nextDueOn: '2026-03-01' }),
    },
    { name: 'change maintenance chore', method: 'patch', url: chore, body: () => ({ title: 'Renamed' }) },
    { name: 'stop maintenance chore', method: 'delete', url: chore },
    {
      name: 'add one-off maintenance window',
      method: 'post',
      url: (ids) => `${V1}/agreements/${ids.agreement}/maintenance-windows`,
      body: () => ({
        title: 'Sneaky window',
        startsAt: '2026-03-20T18:00:00Z',
        endsAt: '2026-03-20T20:00:00Z',
        capacityMinutes: 60,
      }),
    },
    {
      name: 'plan maintenance',
      method: 'post',
      url: (ids) => `${V1}/agreements/${ids.agreement}/maintenance-plan`,
    },
    { name: 'change maintenance window', method: 'patch', url: window, body: () => ({ capacityMinutes: 1 }) },
    { name: 'start maintenance window', method: 'post', url: (ids) => `${window(ids)}/start` },
    { name: 'cancel maintenance window', method: 'post', url: (ids) => `${window(ids)}/cancel` },
    { name: 'close maintenance window', method: 'post', url: (ids) => `${window(ids)}/close` },
  ];
}

/** Every route under /api/v1 that takes a record id (in the path, the query or the body). */
const FOREIGN_ROUTES: RouteCase[] = [
  // tickets
  { name: 'get ticket', method: 'get', url: (ids) => `${V1}/tickets/${ids.ticket}` },
  { name: 'ticket events', method: 'get', url: (ids) => `${V1}/tickets/${ids.ticket}/events` },
  // Refused before a byte of the upload is read.
  { name: 'attach a file', method: 'post', url: (ids) => `${V1}/tickets/${ids.ticket}/attachments` },
  {
    name: 'change ticket priority',
    method: 'patch',
    url: (ids) => `${V1}/tickets/${ids.ticket}`,
    body: () => ({ priority: 'low' }),
  },
  {
    name: 'comment on ticket',
    method: 'post',
    url: (ids) => `${V1}/tickets/${ids.ticket}/comments`,
    body: () => ({ body: 'Hello from the other client' }),
  },
  {
    name: 'internal note on ticket',
    method: 'post',
    url: (ids) => `${V1}/tickets/${ids.ticket}/comments`,
    body: () => ({ body: 'Psst', visibility: 'internal' }),
  },
  {
    name: 'close ticket',
    method: 'post',
    url: (ids) => `${V1}/tickets/${ids.ticket}/transitions`,
    body: () => ({ status: 'closed' }),
  },
  {
    name: 'reopen waiting ticket',
    method: 'post',
    url: (ids) => `${V1}/tickets/${ids.ticket2}/transitions`,
    body: () => ({ status: 'in_progress' }),
  },
  {
    name: 'acknowledge ticket',
    method: 'post',
    url: (ids) => `${V1}/tickets/${ids.ticket2}/transitions`,
    body: () => ({ status: 'acknowledged', comment: 'On it' }),
  },
  {
    name: 'link tickets',
    method: 'post',
    url: (ids) => `${V1}/tickets/${ids.ticket2}/links`,
    body: (ids) => ({ ticketId: ids.ticket, kind: 'duplicate' }),
  },
  {
    name: 'request estimate',
    method: 'post',
    url: (ids) => `${V1}/tickets/${ids.ticket}/estimates`,
    body: () => ({ minutes: 60, note: 'cheap' }),
  },
  {
    name: 'create ticket for the client',
    method: 'post',
    url: () => `${V1}/tickets`,
    body: (ids) => ({ clientId: ids.client, subject: 'Planted ticket', requestType: 'bug' }),
  },
  // estimates
  {
    name: 'approve estimate',
    method: 'post',
    url: (ids) => `${V1}/estimates/${ids.estimate}/approve`,
    body: () => ({}),
  },
  {
    name: 'decline estimate',
    method: 'post',
    url: (ids) => `${V1}/estimates/${ids.estimate}/decline`,
    body: () => ({ note: 'too expensive' }),
  },
  // proposals and projects
  {
    name: 'draft proposal',
    method: 'post',
    url: (ids) => `${V1}/tickets/${ids.ticket}/proposals`,
    body: () => proposalBody,
  },
  { name: 'get proposal', method: 'get', url: (ids) => `${V1}/proposals/${ids.proposal}` },
  {
    name: 'update proposal',
    method: 'patch',
    url: (ids) => `${V1}/proposals/${ids.proposal}`,
    body: () => ({ title: 'Renamed' }),
  },
  { name: 'send proposal', method: 'post', url: (ids) => `${V1}/proposals/${ids.proposal}/send` },
  { name: 'withdraw proposal', method: 'post', url: (ids) => `${V1}/proposals/${ids.proposal}/withdraw` },
  { name: 'approve proposal', method: 'post', url: (ids) => `${V1}/proposals/${ids.proposal}/approve` },
  {
    name: 'decline proposal',
    method: 'post',
    url: (ids) => `${V1}/proposals/${ids.proposal}/decline`,
    body: () => ({ note: 'no' }),
  },
  { name: 'get project', method: 'get', url: (ids) => `${V1}/projects/${ids.project}` },
  { name: 'complete project', method: 'post', url: (ids) => `${V1}/projects/${ids.project}/complete` },
  { name: 'cancel project', method: 'post', url: (ids) => `${V1}/projects/${ids.project}/cancel` },
  // maintenance windows
  ...maintenanceRoutes(),
  {
    name: 'get maintenance window',
    method: 'get',
    url: (ids) => `${V1}/maintenance-windows/${ids.maintenanceWindow}`,
  },
  // agreements
  { name: 'get agreement', method: 'get', url: (ids) => `${V1}/agreements/${ids.agreement}` },
  {
    name: 'update agreement',
    method: 'patch',
    url: (ids) => `${V1}/agreements/${ids.agreement}`,
    body: () => ({ name: 'Renamed' }),
  },
  {
    name: 'agreement ledger',
    method: 'get',
    url: (ids) => `${V1}/agreements/${ids.agreement}/ledger?month=${MONTH}`,
  },
  // time entries
  {
    name: 'update time entry',
    method: 'patch',
    url: (ids) => `${V1}/time-entries/${ids.timeEntry}`,
    body: () => ({ minutes: 1 }),
  },
  { name: 'delete time entry', method: 'delete', url: (ids) => `${V1}/time-entries/${ids.timeEntry}` },
  // clients
  { name: 'get client', method: 'get', url: (ids) => `${V1}/clients/${ids.client}` },
  {
    name: 'update client',
    method: 'patch',
    url: (ids) => `${V1}/clients/${ids.client}`,
    body: () => ({ name: 'Renamed' }),
  },
  // calendars
  { name: 'get calendar', method: 'get', url: (ids) => `${V1}/calendars/${ids.calendar}` },
  {
    name: 'replace calendar',
    method: 'put',
    url: (ids) => `${V1}/calendars/${ids.calendar}`,
    body: () => ({ ...BERLIN_OFFICE, name: 'Renamed' }),
  },
  { name: 'delete calendar', method: 'delete', url: (ids) => `${V1}/calendars/${ids.calendar}` },
  {
    name: 'import calendar holidays',
    method: 'post',
    url: (ids) => `${V1}/calendars/${ids.calendar}/holidays/import`,
    body: () => ({ ics: ICS }),
  },
  // SLA policies
  { name: 'get SLA policy', method: 'get', url: (ids) => `${V1}/sla-policies/${ids.policy}` },
  {
    name: 'replace SLA policy',
    method: 'put',
    url: (ids) => `${V1}/sla-policies/${ids.policy}`,
    body: policyBody,
  },
  { name: 'delete SLA policy', method: 'delete', url: (ids) => `${V1}/sla-policies/${ids.policy}` },
  // users, invitations, tokens
  {
    name: 'rename user',
    method: 'patch',
    url: (ids) => `${V1}/users/${ids.user}`,
    body: () => ({ name: 'Renamed' }),
  },
  {
    name: 'disable user',
    method: 'patch',
    url: (ids) => `${V1}/users/${ids.user}`,
    body: () => ({ disabled: true }),
  },
  { name: 'create user in the client', method: 'post', url: () => `${V1}/users`, body: userBody },
  {
    name: 'invite into the client',
    method: 'post',
    url: () => `${V1}/invitations`,
    body: (ids) => ({
      organizationId: ids.client,
      email: `invitee-${randomUUID()}@example.test`,
      role: 'client_member',
    }),
  },
  { name: 'revoke API token', method: 'delete', url: (ids) => `${V1}/tokens/${ids.token}` },
  // reports
  {
    name: 'SLA report',
    method: 'get',
    url: (ids) => `${V1}/reports/sla?clientId=${ids.client}&month=${MONTH}`,
  },
];

/** Agency-only actions on the client's OWN records: refused by role, so 403 (the record is visible). */
const ROLE_REFUSALS: RoleCase[] = [
  ...maintenanceRoutes(),
  {
    name: 'send ticket to the next window',
    method: 'patch',
    url: (ids) => `${V1}/tickets/${ids.ticket}`,
    body: () => ({ nextWindow: true, estimateMinutes: 30 }),
  },
  {
    name: 'change ticket priority',
    method: 'patch',
    url: (ids) => `${V1}/tickets/${ids.ticket}`,
    body: () => ({ priority: 'critical' }),
  },
  {
    name: 'internal note',
    method: 'post',
    url: (ids) => `${V1}/tickets/${ids.ticket}/comments`,
    body: () => ({ body: 'Psst', visibility: 'internal' }),
  },
  {
    name: 'assessment reply',
    method: 'post',
    url: (ids) => `${V1}/tickets/${ids.ticket2}/comments`,
    body: () => ({ body: 'We assess ourselves', assessment: true }),
  },
  {
    name: 'acknowledge ticket',
    method: 'post',
    url: (ids) => `${V1}/tickets/${ids.ticket2}/transitions`,
    body: () => ({ status: 'acknowledged', comment: 'We acknowledge ourselves' }),
  },
  {
    name: 'link tickets',
    method: 'post',
    url: (ids) => `${V1}/tickets/${ids.ticket2}/links`,
    body: (ids) => ({ ticketId: ids.ticket, kind: 'duplicate' }),
  },
  {
    name: 'request estimate',
    method: 'post',
    url: (ids) => `${V1}/tickets/${ids.ticket}/estimates`,
    body: () => ({ minutes: 60, note: 'cheap' }),
  },
  {
    name: 'log time',
    method: 'post',
    url: () => `${V1}/time-entries`,
    body: (ids) => ({ ticketId: ids.ticket, date: '2026-03-02', minutes: 30, category: 'bugfix' }),
  },
  {
    name: 'update time entry',
    method: 'patch',
    url: (ids) => `${V1}/time-entries/${ids.timeEntry}`,
    body: () => ({ minutes: 1 }),
  },
  { name: 'delete time entry', method: 'delete', url: (ids) => `${V1}/time-entries/${ids.timeEntry}` },
  { name: 'create agreement', method: 'post', url: () => `${V1}/agreements`, body: retainerBody },
  {
    name: 'update agreement',
    method: 'patch',
    url: (ids) => `${V1}/agreements/${ids.agreement}`,
    body: () => ({ terms: { monthlyHours: 100, overageRateCents: 0 } }),
  },
  {
    name: 'create client',
    method: 'post',
    url: () => `${V1}/clients`,
    body: () => ({ name: 'Shadow', slug: 'shadow', timeZone: 'Europe/Berlin' }),
  },
  {
    name: 'update own client',
    method: 'patch',
    url: (ids) => `${V1}/clients/${ids.client}`,
    body: () => ({ name: 'Renamed' }),
  },
  { name: 'create calendar', method: 'post', url: () => `${V1}/calendars`, body: () => BERLIN_OFFICE },
  {
    name: 'replace calendar',
    method: 'put',
    url: (ids) => `${V1}/calendars/${ids.calendar}`,
    body: () => ({ ...BERLIN_OFFICE, name: 'Renamed' }),
  },
  { name: 'delete calendar', method: 'delete', url: (ids) => `${V1}/calendars/${ids.calendar}` },
  {
    name: 'import calendar holidays',
    method: 'post',
    url: (ids) => `${V1}/calendars/${ids.calendar}/holidays/import`,
    body: () => ({ ics: ICS }),
  },
  { name: 'create SLA policy', method: 'post', url: () => `${V1}/sla-policies`, body: policyBody },
  {
    name: 'replace SLA policy',
    method: 'put',
    url: (ids) => `${V1}/sla-policies/${ids.policy}`,
    body: policyBody,
  },
  { name: 'delete SLA policy', method: 'delete', url: (ids) => `${V1}/sla-policies/${ids.policy}` },
  {
    name: 'approve estimate',
    method: 'post',
    url: (ids) => `${V1}/estimates/${ids.estimate}/approve`,
    body: () => ({}),
    who: ['member'],
  },
  {
    name: 'decline estimate',
    method: 'post',
    url: (ids) => `${V1}/estimates/${ids.estimate}/decline`,
    body: () => ({}),
    who: ['member'],
  },
  {
    name: 'draft proposal',
    method: 'post',
    url: (ids) => `${V1}/tickets/${ids.ticket}/proposals`,
    body: () => proposalBody,
  },
  {
    name: 'update proposal',
    method: 'patch',
    url: (ids) => `${V1}/proposals/${ids.proposal}`,
    body: () => ({ title: 'Renamed' }),
  },
  { name: 'send proposal', method: 'post', url: (ids) => `${V1}/proposals/${ids.proposal}/send` },
  { name: 'withdraw proposal', method: 'post', url: (ids) => `${V1}/proposals/${ids.proposal}/withdraw` },
  {
    name: 'approve proposal',
    method: 'post',
    url: (ids) => `${V1}/proposals/${ids.proposal}/approve`,
    who: ['member'],
  },
  {
    name: 'decline proposal',
    method: 'post',
    url: (ids) => `${V1}/proposals/${ids.proposal}/decline`,
    who: ['member'],
  },
  { name: 'complete project', method: 'post', url: (ids) => `${V1}/projects/${ids.project}/complete` },
  { name: 'cancel project', method: 'post', url: (ids) => `${V1}/projects/${ids.project}/cancel` },
  { name: 'list invitations', method: 'get', url: () => `${V1}/invitations`, who: ['member'] },
  {
    name: 'invite a colleague',
    method: 'post',
    url: () => `${V1}/invitations`,
    body: (ids) => ({
      organizationId: ids.client,
      email: `colleague-${randomUUID()}@example.test`,
      role: 'client_member',
    }),
    who: ['member'],
  },
  { name: 'create user', method: 'post', url: () => `${V1}/users`, body: userBody, who: ['member'] },
  {
    name: 'disable a colleague',
    method: 'patch',
    url: (ids) => `${V1}/users/${ids.user}`,
    body: () => ({ disabled: true }),
    who: ['member'],
  },
];

async function call(api: ApiClient, route: RouteCase, ids: OrgIds): Promise<ApiResponse> {
  const url = route.url(ids);
  if (route.method === 'get' || route.method === 'delete') return api[route.method](url);
  return api[route.method](url, route.body?.(ids) ?? {});
}

function randomIds(): OrgIds {
  return {
    client: randomUUID(),
    ticket: randomUUID(),
    ticket2: randomUUID(),
    estimate: randomUUID(),
    agreement: randomUUID(),
    timeEntry: randomUUID(),
    calendar: randomUUID(),
    policy: randomUUID(),
    user: randomUUID(),
    token: randomUUID(),
    proposal: randomUUID(),
    project: randomUUID(),
    maintenanceSchedule: randomUUID(),
    maintenanceWindow: randomUUID(),
    maintenanceChore: randomUUID(),
  };
}

function expectOk<T = any>(response: ApiResponse<T>, status = 200): T {
  if (response.status !== status) {
    throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

function expectError(response: ApiResponse, status: number, code: string): void {
  expect(
    { status: response.status, code: response.body?.error?.code },
    JSON.stringify(response.body),
  ).toEqual({
    status,
    code,
  });
  expect(typeof response.body.error.message).toBe('string');
  expect(response.body.error.message.length).toBeGreaterThan(0);
}

const idsOf = (items: { id: string }[]) => items.map((item) => item.id);

describe.each(ENGINES)('tenancy on %s', (engine) => {
  let app: TestApp;
  let world: World;
  let A: OrgIds;
  let B: OrgIds;
  /** B's payg agreement, the one that makes B's own calendar and policy visible to B. */
  let bPaygAgreement: string;
  let aInvitation: string;
  let bInvitation: string;
  /** Strings no response to a client-A user may contain: B's ids, B's texts, B's people, internal notes. */
  let forbiddenInA: string[];

  const userOf = (who: ClientRole): TestUser => world.clientA[who];
  const apiOf = (who: ClientRole): ApiClient => app.as(userOf(who));

  /** A client-A response must carry nothing of B and no internal note. */
  function expectNoLeak(response: ApiResponse): void {
    const text = JSON.stringify(response.body) ?? '';
    for (const secret of forbiddenInA) expect(text, `response leaks "${secret}"`).not.toContain(secret);
  }

  /** Everything of one client, as the agency admin (and the client's admin, for its tokens) sees it. */
  async function snapshot(client: TestClient, ids: OrgIds, extraAgreements: string[] = []) {
    const staff = app.as(world.admin);
    const read = async (url: string) => expectOk(await staff.get(url));
    return {
      tickets: await Promise.all(
        [ids.ticket, ids.ticket2].map(async (id) => ({
          ticket: await read(`${V1}/tickets/${id}`),
          events: await read(`${V1}/tickets/${id}/events`),
        })),
      ),
      ticketList: await read(`${V1}/tickets?clientId=${ids.client}&sort=newest`),
      estimates: await read(`${V1}/estimates?ticketId=${ids.ticket2}`),
      agreements: await read(`${V1}/agreements?clientId=${ids.client}`),
      ledgers: await Promise.all(
        [ids.agreement, ...extraAgreements].map((id) => read(`${V1}/agreements/${id}/ledger?month=${MONTH}`)),
      ),
      timeEntries: await read(`${V1}/time-entries?agreementId=${ids.agreement}`),
      client: await read(`${V1}/clients/${ids.client}`),
      clients: await read(`${V1}/clients`),
      users: await read(`${V1}/users?organizationId=${ids.client}`),
      calendars: await read(`${V1}/calendars`),
      policies: await read(`${V1}/sla-policies`),
      invitations: await read(`${V1}/invitations`),
      report: await read(`${V1}/reports/sla?clientId=${ids.client}&month=${MONTH}`),
      adminTokens: expectOk(await app.as(client.admin).get(`${V1}/tokens`)),
      proposals: await read(`${V1}/proposals?clientId=${ids.client}`),
      projects: await read(`${V1}/projects?clientId=${ids.client}`),
      maintenanceWindows: await read(`${V1}/maintenance-windows?clientId=${ids.client}`),
      maintenanceWindow: await read(`${V1}/maintenance-windows/${ids.maintenanceWindow}`),
      maintenanceSchedules: await read(`${V1}/agreements/${ids.agreement}/maintenance-schedules`),
      maintenanceChores: await read(`${V1}/agreements/${ids.agreement}/maintenance-chores`),
      maintenanceBacklog: await read(`${V1}/maintenance/backlog?clientId=${ids.client}`),
    };
  }

  async function auditCount(): Promise<number> {
    const result = await sql<{ n: string | number }>`select count(*) as n from audit_log`.execute(
      app.tend.services.deps.db,
    );
    return Number(result.rows[0]!.n);
  }

  /** Two tickets with a full thread, an estimate, a time entry and a link, raised and worked through the API. */
  async function populate(
    client: TestClient,
    tag: string,
    calendar: string,
    policy: string,
  ): Promise<OrgIds> {
    const member = app.as(client.member);
    const engineer = app.as(world.engineer);
    // One minute per step: the thread is ordered by time, and a frozen clock would tie every comment.
    const tick = () => app.clock.advanceMinutes(1);
    const ticket = expectOk(
      await member.post(`${V1}/tickets`, {
        subject: `${tag} checkout broken`,
        body: `${tag} customers cannot pay`,
        priority: 'high',
        requestType: 'bug',
      }),
      201,
    );
    tick();
    const ticket2 = expectOk(
      await member.post(`${V1}/tickets`, {
        subject: `${tag} export to CSV`,
        body: `${tag} please add an export`,
        priority: 'medium',
        requestType: 'medium_enhancement',
      }),
      201,
    );
    tick();
    expectOk(
      await engineer.post(`${V1}/tickets/${ticket.id}/transitions`, {
        status: 'acknowledged',
        comment: `${tag} public assessment: the payment provider rejects our calls`,
      }),
    );
    tick();
    expectOk(
      await engineer.post(`${V1}/tickets/${ticket.id}/comments`, {
        body: `${tag} INTERNAL-NOTE: the API key leaked in the logs`,
        visibility: 'internal',
      }),
      201,
    );
    tick();
    expectOk(
      await engineer.post(`${V1}/tickets/${ticket.id}/comments`, { body: `${tag} public reply` }),
      201,
    );
    tick();
    expectOk(
      await member.post(`${V1}/tickets/${ticket.id}/comments`, { body: `${tag} client says thanks` }),
      201,
    );
    tick();
    expectOk(
      await engineer.post(`${V1}/tickets/${ticket.id}/links`, { ticketId: ticket2.id, kind: 'related' }),
      201,
    );
    tick();
    const estimate = expectOk(
      await engineer.post(`${V1}/tickets/${ticket2.id}/estimates`, {
        minutes: 90,
        note: `${tag} estimate note`,
      }),
      201,
    );
    tick();
    const entry = expectOk(
      await engineer.post(`${V1}/time-entries`, {
        ticketId: ticket.id,
        date: '2026-03-02',
        minutes: 45,
        category: 'bugfix',
        description: `${tag} rotated the key`,
      }),
      201,
    );
    tick();
    const { proposal, project } = await proposeChange(client, tag);
    tick();
    const maintenance = await scheduleMaintenance(client);
    const tokens = expectOk(await app.as(client.admin).get(`${V1}/tokens`));
    expect(tokens.items).toHaveLength(1);
    return {
      client: client.id,
      ticket: ticket.id,
      ticket2: ticket2.id,
      estimate: estimate.id,
      agreement: client.retainerId,
      timeEntry: entry.id,
      calendar,
      policy,
      user: client.member.actor.userId,
      token: tokens.items[0].id,
      proposal,
      project,
      ...maintenance,
    };
  }

  /** A monthly window schedule on the client's retainer and a chore that is not due yet (so no ticket). */
  async function scheduleMaintenance(client: TestClient) {
    const engineer = app.as(world.engineer);
    const schedule = expectOk(
      await engineer.post(`${V1}/agreements/${client.retainerId}/maintenance-schedules`, {
        name: 'Monthly maintenance',
        rule: SECOND_TUESDAY,
        capacityMinutes: 240,
      }),
      201,
    );
    const windows = expectOk(
      await engineer.get(`${V1}/maintenance-windows?agreementId=${client.retainerId}`),
    ).items;
    const chore = expectOk(
      await engineer.post(`${V1}/agreements/${client.retainerId}/maintenance-chores`, {
        title: 'Rotate secrets',
        cadenceMonths: 3,
        estimateMinutes: 30,
        nextDueOn: '2027-01-01',
      }),
      201,
    );
    return {
      maintenanceSchedule: schedule.id as string,
      maintenanceWindow: windows[0].id as string,
      maintenanceChore: chore.id as string,
    };
  }

  /** A change ticket whose first proposal the client's admin approved (a project) and whose second waits. */
  async function proposeChange(client: TestClient, tag: string) {
    const engineer = app.as(world.engineer);
    const change = expectOk(
      await app.as(client.member).post(`${V1}/tickets`, {
        subject: `${tag} loyalty programme`,
        requestType: 'new_feature',
      }),
      201,
    );
    const draft = async (title: string) => {
      const created = expectOk(
        await engineer.post(`${V1}/tickets/${change.id}/proposals`, {
          title: `${tag} ${title}`,
          scope: `${tag} scope`,
          estimateMinutes: 600,
        }),
        201,
      );
      expectOk(await engineer.post(`${V1}/proposals/${created.id}/send`));
      return created.id as string;
    };
    const approved = expectOk(
      await app.as(client.admin).post(`${V1}/proposals/${await draft('points')}/approve`),
    );
    return { proposal: await draft('rewards page'), project: approved.projectId as string };
  }

  beforeAll(async () => {
    app = await createTestApp(engine, { now: '2026-03-02T08:00:00Z' }); // Monday 09:00 Berlin
    world = await buildWorld(app);
    const staff = app.as(world.admin);

    // B alone has a 24×7 calendar and a policy on it, through a second (payg) agreement.
    const bCalendar = expectOk(
      await staff.post(`${V1}/calendars`, { ...BERLIN_OFFICE, name: 'Client B on-call' }),
      201,
    );
    const bPolicy = expectOk(
      await staff.post(`${V1}/sla-policies`, {
        name: 'Client B premium',
        calendarId: bCalendar.id,
        tiers: defaultSlaTiers(),
      }),
      201,
    );
    bPaygAgreement = expectOk(
      await staff.post(`${V1}/agreements`, {
        clientId: world.clientB.id,
        kind: 'payg',
        name: 'Client B project work',
        startsOn: '2026-06-01',
        slaPolicyId: bPolicy.id,
        terms: { hourlyRateCents: 15000 },
      }),
      201,
    ).id;

    A = await populate(world.clientA, 'client-a-visible', world.calendarId, world.policyId);
    B = await populate(world.clientB, 'CLIENT-B-SECRET', bCalendar.id, bPolicy.id);

    aInvitation = expectOk(
      await app.as(world.clientA.admin).post(`${V1}/invitations`, {
        organizationId: A.client,
        email: 'new-colleague@client-a.test',
        role: 'client_member',
      }),
      201,
    ).id;
    bInvitation = expectOk(
      await staff.post(`${V1}/invitations`, {
        organizationId: B.client,
        email: 'new-colleague@client-b.test',
        role: 'client_member',
      }),
      201,
    ).id;

    const shared = new Set([world.calendarId, world.policyId]);
    forbiddenInA = [
      'CLIENT-B-SECRET',
      'INTERNAL-NOTE',
      'client-b.test',
      bPaygAgreement,
      bInvitation,
      world.clientB.admin.actor.userId,
      ...Object.values(B).filter((id) => !shared.has(id)),
    ];
  });
  afterAll(async () => app?.close());

  it('the fixture gives B records A cannot reach and A records of its own', async () => {
    const bAdmin = app.as(world.clientB.admin);
    // B sees its own calendar and policy: a 404 for A below is tenancy, not a missing record.
    expectOk(await bAdmin.get(`${V1}/calendars/${B.calendar}`));
    expectOk(await bAdmin.get(`${V1}/sla-policies/${B.policy}`));
    expect(new Set(Object.values(A)).size).toBe(Object.keys(A).length);
    for (const who of ['admin', 'member'] as const) {
      const api = apiOf(who);
      for (const url of [
        `${V1}/tickets/${A.ticket}`,
        `${V1}/tickets/${A.ticket}/events`,
        `${V1}/agreements/${A.agreement}`,
        `${V1}/agreements/${A.agreement}/ledger?month=${MONTH}`,
        `${V1}/clients/${A.client}`,
        `${V1}/calendars/${A.calendar}`,
        `${V1}/sla-policies/${A.policy}`,
        `${V1}/reports/sla?clientId=${A.client}&month=${MONTH}`,
      ]) {
        const response = await api.get(url);
        expect(response.status, `${who} GET ${url}`).toBe(200);
        expectNoLeak(response);
      }
    }
  });

  describe.each(['admin', 'member'] as const)('as client A %s, every route with client B ids', (who) => {
    let before: Awaited<ReturnType<typeof snapshot>>;
    let auditBefore: number;

    beforeAll(async () => {
      before = await snapshot(world.clientB, B, [bPaygAgreement]);
      auditBefore = await auditCount();
    });

    it.each(FOREIGN_ROUTES)('$method $name → 404 not_found', async (route) => {
      const api = apiOf(who);
      const response = await call(api, route, B);
      expectError(response, 404, 'not_found');
      expectNoLeak(response);
      // The same answer as for ids that exist nowhere: no way to probe for another client's records.
      const unknown = await call(api, route, randomIds());
      expect(unknown.status).toBe(404);
      expect(response.body.error.message).toBe(unknown.body.error.message);
    });

    it('changed nothing of client B', async () => {
      expect(await snapshot(world.clientB, B, [bPaygAgreement])).toEqual(before);
      expect(await auditCount()).toBe(auditBefore);
      // B's admin still works with the token A tried to revoke; B's member is still enabled.
      const bUsers = expectOk(await app.as(world.clientB.admin).get(`${V1}/users`));
      expect(bUsers.items.find((user: { id: string }) => user.id === B.user)?.disabled).toBe(false);
      expectOk(await app.as(world.clientB.member).get(`${V1}/me`));
    });
  });

  describe.each(['admin', 'member'] as const)('as client A %s, lists', (who) => {
    const list = async (url: string) => {
      const response = await apiOf(who).get(url);
      expect(response.status, `GET ${url}: ${JSON.stringify(response.body)}`).toBe(200);
      expectNoLeak(response);
      return response.body.items as any[];
    };

    it('tickets: only A’s, and filtering for B yields nothing', async () => {
      for (const sort of ['queue', 'newest']) {
        const items = await list(`${V1}/tickets?sort=${sort}`);
        expect(idsOf(items)).toEqual(expect.arrayContaining([A.ticket, A.ticket2]));
        expect(idsOf(items)).not.toContain(B.ticket);
        expect(idsOf(items)).not.toContain(B.ticket2);
        expect(items.every((ticket) => ticket.clientId === A.client)).toBe(true);
      }
      expect(await list(`${V1}/tickets?clientId=${B.client}`)).toEqual([]);
    });

    it('agreements: only A’s', async () => {
      const items = await list(`${V1}/agreements`);
      expect(idsOf(items)).toEqual([A.agreement]);
      expect(await list(`${V1}/agreements?clientId=${B.client}`)).toEqual([]);
    });

    it('time entries: only A’s', async () => {
      const items = await list(`${V1}/time-entries`);
      expect(idsOf(items)).toEqual([A.timeEntry]);
      expect(await list(`${V1}/time-entries?agreementId=${B.agreement}`)).toEqual([]);
      expect(await list(`${V1}/time-entries?ticketId=${B.ticket}`)).toEqual([]);
    });

    it('estimates: only A’s', async () => {
      const items = await list(`${V1}/estimates`);
      expect(idsOf(items)).toEqual([A.estimate]);
      expect(await list(`${V1}/estimates?ticketId=${B.ticket2}`)).toEqual([]);
    });

    it('maintenance windows and backlog: only A’s', async () => {
      const windows = await list(`${V1}/maintenance-windows`);
      expect(idsOf(windows)).toContain(A.maintenanceWindow);
      expect(windows.every((window) => window.clientId === A.client)).toBe(true);
      expect(await list(`${V1}/maintenance-windows?clientId=${B.client}`)).toEqual([]);
      expect(await list(`${V1}/maintenance-windows?agreementId=${B.agreement}`)).toEqual([]);
      expect(await list(`${V1}/maintenance/backlog?clientId=${B.client}`)).toEqual([]);
    });

    it('proposals and projects: only A’s', async () => {
      const proposals = await list(`${V1}/proposals`);
      expect(idsOf(proposals)).toContain(A.proposal);
      expect(proposals.every((proposal) => proposal.clientId === A.client)).toBe(true);
      expect(await list(`${V1}/proposals?clientId=${B.client}`)).toEqual([]);
      expect(idsOf(await list(`${V1}/projects`))).toEqual([A.project]);
      expect(await list(`${V1}/projects?clientId=${B.client}`)).toEqual([]);
    });

    it('users: only A’s people', async () => {
      const items = await list(`${V1}/users`);
      expect(idsOf(items).sort()).toEqual([world.clientA.admin.actor.userId, A.user].sort());
      expect(await list(`${V1}/users?organizationId=${B.client}`)).toEqual([]);
      expect(await list(`${V1}/users?organizationId=${world.admin.actor.organizationId}`)).toEqual([]);
    });

    it('clients: only A', async () => {
      expect(idsOf(await list(`${V1}/clients`))).toEqual([A.client]);
    });

    it('calendars and SLA policies: those behind A’s agreements only', async () => {
      expect(idsOf(await list(`${V1}/calendars`))).toEqual([A.calendar]);
      expect(idsOf(await list(`${V1}/sla-policies`))).toEqual([A.policy]);
    });

    it('API tokens: only the caller’s own', async () => {
      const items = await list(`${V1}/tokens`);
      expect(items).toHaveLength(1);
      expect(idsOf(items)).not.toContain(B.token);
      // A.token is A's admin's: the admin sees it, the member does not.
      expect(idsOf(items).includes(A.token)).toBe(who === 'admin');
    });

    it('API tokens: a colleague’s token is not the caller’s to revoke', async () => {
      const colleague = who === 'admin' ? world.clientA.member : world.clientA.admin;
      const tokenId = expectOk(await app.as(colleague).get(`${V1}/tokens`)).items[0].id;
      expectError(await apiOf(who).delete(`${V1}/tokens/${tokenId}`), 404, 'not_found');
      expectOk(await app.as(colleague).get(`${V1}/me`));
    });

    if (who === 'admin') {
      it('invitations: only A’s', async () => {
        expect(idsOf(await list(`${V1}/invitations`))).toEqual([aInvitation]);
      });
    }
  });

  describe.each(['admin', 'member'] as const)('as client A %s, internal notes', (who) => {
    it('are not in the thread of A’s own ticket', async () => {
      const response = await apiOf(who).get(`${V1}/tickets/${A.ticket}`);
      const ticket = expectOk(response);
      expectNoLeak(response);
      expect(ticket.comments.map((comment: { body: string }) => comment.body)).toEqual([
        'client-a-visible public assessment: the payment provider rejects our calls',
        'client-a-visible public reply',
        'client-a-visible client says thanks',
      ]);
      expect(
        ticket.comments.every((comment: { visibility: string }) => comment.visibility === 'public'),
      ).toBe(true);
    });

    it('leave no trace in the events of A’s own ticket', async () => {
      const staffEvents = expectOk(await app.as(world.admin).get(`${V1}/tickets/${A.ticket}/events`)).items;
      const internal = staffEvents.filter(
        (event: any) => event.type === 'comment_added' && event.data.visibility === 'internal',
      );
      expect(internal).toHaveLength(1); // the agency does see it
      const response = await apiOf(who).get(`${V1}/tickets/${A.ticket}/events`);
      const events = expectOk(response).items;
      expectNoLeak(response);
      expect(idsOf(events)).not.toContain(internal[0].id);
      expect(JSON.stringify(events)).not.toContain(internal[0].data.commentId);
      const comments = events.filter((event: any) => event.type === 'comment_added');
      expect(comments).toHaveLength(3);
      expect(comments.every((event: any) => event.data.visibility === 'public')).toBe(true);
      expect(events).toHaveLength(staffEvents.length - 1);
    });
  });

  describe.each(['admin', 'member'] as const)(
    'as client A %s, agency-only actions on A’s own records',
    (who) => {
      let before: Awaited<ReturnType<typeof snapshot>>;
      let auditBefore: number;

      beforeAll(async () => {
        before = await snapshot(world.clientA, A);
        auditBefore = await auditCount();
      });

      it.each(ROLE_REFUSALS.filter((route) => !route.who || route.who.includes(who)))(
        '$method $name → 403 forbidden',
        async (route) => {
          const response = await call(apiOf(who), route, A);
          expectError(response, 403, 'forbidden');
          expectNoLeak(response);
        },
      );

      it('creating a ticket for client B creates nothing', async () => {
        const before = expectOk(await app.as(world.admin).get(`${V1}/tickets?sort=newest&limit=200`)).items
          .length;
        const response = await apiOf(who).post(`${V1}/tickets`, {
          clientId: B.client,
          subject: 'Planted in B',
          priority: 'critical',
        });
        expectError(response, 404, 'not_found');
        const after = expectOk(await app.as(world.admin).get(`${V1}/tickets?sort=newest&limit=200`)).items;
        expect(after).toHaveLength(before);
        expect(after.map((ticket: { subject: string }) => ticket.subject)).not.toContain('Planted in B');
      });

      it('changed nothing of client A', async () => {
        expect(await snapshot(world.clientA, A)).toEqual(before);
        expect(await auditCount()).toBe(auditBefore);
      });
    },
  );

  describe('controls: what client A may do, it can', () => {
    it('A’s admin approves A’s estimate; A’s member comments on A’s ticket', async () => {
      const approved = expectOk(await apiOf('admin').post(`${V1}/estimates/${A.estimate}/approve`, {}));
      expect(approved.status).toBe('approved');
      const commented = await apiOf('member').post(`${V1}/tickets/${A.ticket}/comments`, {
        body: 'Any news?',
      });
      expect(commented.status).toBe(201);
      expectNoLeak(commented);
      // B's estimate is still pending.
      const bEstimates = expectOk(await app.as(world.clientB.admin).get(`${V1}/estimates`)).items;
      expect(
        bEstimates.map((estimate: { id: string; status: string }) => [estimate.id, estimate.status]),
      ).toEqual([[B.estimate, 'pending']]);
    });
  });
});
