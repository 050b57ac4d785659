import { defaultSlaTiers } from '../../src/domain/sla/sla-policy';
import { createAgencyAdmin, createUser, type TestApp, type TestUser } from './test-app';

export const BERLIN_OFFICE = {
  name: 'Berlin office',
  timeZone: 'Europe/Berlin',
  weekly: {
    mon: [['09:00', '17:00']],
    tue: [['09:00', '17:00']],
    wed: [['09:00', '17:00']],
    thu: [['09:00', '17:00']],
    fri: [['09:00', '17:00']],
    sat: [],
    sun: [],
  },
  holidays: ['2026-04-03', '2026-04-06', { date: '2026-12-25', name: 'Christmas Day' }],
} as const;

export interface TestClient {
  id: string;
  admin: TestUser;
  member: TestUser;
  retainerId: string;
}

export interface World {
  admin: TestUser;
  engineer: TestUser;
  calendarId: string;
  policyId: string;
  clientA: TestClient;
  clientB: TestClient;
}

/**
 * An agency with an admin and an engineer, a Berlin office calendar, the default SLA policy, and two
 * clients (each with an admin, a member and a 10-hour retainer from January 2026) — built through the API.
 */
export async function buildWorld(app: TestApp): Promise<World> {
  const admin = await createAgencyAdmin(app);
  const api = app.as(admin);
  const engineer = await createUser(app, admin, {
    organizationId: admin.actor.organizationId,
    email: 'eng@agency.test',
    role: 'agency_engineer',
  });
  const calendar = await api.post('/api/v1/calendars', BERLIN_OFFICE);
  if (calendar.status !== 201) throw new Error(`calendar: ${JSON.stringify(calendar.body)}`);
  const policy = await api.post('/api/v1/sla-policies', {
    name: 'Standard',
    calendarId: calendar.body.id,
    tiers: defaultSlaTiers(),
  });
  if (policy.status !== 201) throw new Error(`policy: ${JSON.stringify(policy.body)}`);
  const makeClient = async (slug: string): Promise<TestClient> => {
    const client = await api.post('/api/v1/clients', {
      name: `Client ${slug}`,
      slug,
      timeZone: 'Europe/Berlin',
    });
    if (client.status !== 201) throw new Error(`client: ${JSON.stringify(client.body)}`);
    const retainer = await api.post('/api/v1/agreements', {
      clientId: client.body.id,
      kind: 'retainer',
      name: 'Retainer',
      startsOn: '2026-01-01',
      slaPolicyId: policy.body.id,
      terms: { monthlyHours: 10, rolloverMonths: 1, overageRateCents: 10000, projectRateCents: 12000 },
      coverage: {
        covered: ['bug', 'incident'],
        estimateRequired: ['medium_enhancement'],
        changeWork: ['new_feature'],
      },
    });
    if (retainer.status !== 201) throw new Error(`retainer: ${JSON.stringify(retainer.body)}`);
    return {
      id: client.body.id,
      admin: await createUser(app, admin, {
        organizationId: client.body.id,
        email: `admin@${slug}.test`,
        role: 'client_admin',
      }),
      member: await createUser(app, admin, {
        organizationId: client.body.id,
        email: `member@${slug}.test`,
        role: 'client_member',
      }),
      retainerId: retainer.body.id,
    };
  };
  return {
    admin,
    engineer,
    calendarId: calendar.body.id,
    policyId: policy.body.id,
    clientA: await makeClient('client-a'),
    clientB: await makeClient('client-b'),
  };
}
