import type { DatabaseHandle } from '../../db/database';
import { defaultSlaTiers } from '../../domain/sla/sla-policy';
import type { Services } from '..';
import type { Actor } from '../context';
import { toActor } from '../auth-service';
import { bootstrapAgency } from './bootstrap';
import { seedDemoTickets } from './demo-tickets';
import { seedDemoTime } from './demo-time';
import { seedDemoMaintenance } from './demo-maintenance';
import { seedDemoProposals } from './demo-proposals';
import { DEMO_AGENCY_LOGO_SVG } from './demo-logo';

export const DEMO_ADMIN = { email: 'admin@tidewater.example', password: 'tend-demo-admin' } as const;
export const DEMO_CLIENT_ADMIN = { email: 'priya@hallam.example', password: 'tend-demo-client' } as const;

const BERLIN_HOLIDAYS = [
  { date: '2026-01-01', name: 'Neujahr' },
  { date: '2026-04-03', name: 'Karfreitag' },
  { date: '2026-04-06', name: 'Ostermontag' },
  { date: '2026-05-01', name: 'Tag der Arbeit' },
  { date: '2026-05-14', name: 'Christi Himmelfahrt' },
  { date: '2026-05-25', name: 'Pfingstmontag' },
  { date: '2026-10-03', name: 'Tag der Deutschen Einheit' },
  { date: '2026-12-24', name: 'Heiligabend' },
  { date: '2026-12-25', name: '1. Weihnachtstag' },
  { date: '2026-12-26', name: '2. Weihnachtstag' },
  { date: '2026-12-31', name: 'Silvester' },
  { date: '2027-01-01', name: 'Neujahr' },
  { date: '2027-03-26', name: 'Karfreitag' },
  { date: '2027-03-29', name: 'Ostermontag' },
  { date: '2027-05-01', name: 'Tag der Arbeit' },
];

/**
 * Loads the demo agency on a first start (an empty database), under the cross-process lock so that
 * several instances starting together seed once. Returns the demo login, or null when data existed.
 */
export async function seedDemoIfEmpty(
  database: DatabaseHandle,
  services: Services,
): Promise<typeof DEMO_ADMIN | null> {
  return database.withExclusiveSession(async (run) => {
    const rows = await run('select count(*)::int as n from organizations');
    if (Number(rows[0]?.n ?? 0) > 0) return null;
    await seedDemo(services);
    return DEMO_ADMIN;
  });
}

export async function seedDemo(services: Services): Promise<void> {
  const now = services.deps.clock.now();
  const admin = await bootstrapAgency(
    services.deps.db,
    {
      name: 'Tidewater Digital',
      slug: 'tidewater',
      timeZone: 'Europe/Berlin',
      admin: { ...DEMO_ADMIN, name: 'Alex Admin' },
    },
    now,
  );
  const agencyId = admin.organizationId;
  const mara = await createUser(services, admin, {
    organizationId: agencyId,
    email: 'mara@tidewater.example',
    name: 'Mara Engel',
    role: 'agency_engineer',
  });
  const tomas = await createUser(services, admin, {
    organizationId: agencyId,
    email: 'tomas@tidewater.example',
    name: 'Tomás Ruiz',
    role: 'agency_engineer',
  });

  const office = await services.calendars.create(admin, {
    name: 'Berlin office hours',
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
    holidays: BERLIN_HOLIDAYS,
  });
  const allHours = [['00:00', '24:00']] as [string, string][];
  const standbyCalendar = await services.calendars.create(admin, {
    name: '24×7 standby',
    timeZone: 'Europe/Berlin',
    weekly: {
      mon: allHours,
      tue: allHours,
      wed: allHours,
      thu: allHours,
      fri: allHours,
      sat: allHours,
      sun: allHours,
    },
    holidays: [],
  });
  const standard = await services.slaPolicies.create(admin, {
    name: 'Retainer standard',
    calendarId: office.id,
    rules: { tiers: defaultSlaTiers() },
  });
  const standbyTiers = defaultSlaTiers();
  standbyTiers.critical = {
    ...standbyTiers.critical,
    response: { kind: 'clock_minutes', minutes: 60 },
    resolution: { kind: 'clock_minutes', minutes: 480 },
  };
  const standby = await services.slaPolicies.create(admin, {
    name: 'Standby 24×7 critical',
    calendarId: office.id,
    rules: { tiers: standbyTiers },
  });

  const hallam = await services.clients.create(admin, {
    name: 'Hallam Outdoor',
    slug: 'hallam',
    timeZone: 'Europe/London',
  });
  const brightside = await services.clients.create(admin, {
    name: 'Brightside Dental',
    slug: 'brightside',
    timeZone: 'Europe/Berlin',
  });
  const kestrel = await services.clients.create(admin, {
    name: 'Kestrel Logistics',
    slug: 'kestrel',
    timeZone: 'America/New_York',
  });
  const priya = await createUser(services, admin, {
    organizationId: hallam.id,
    email: DEMO_CLIENT_ADMIN.email,
    name: 'Priya Shah',
    role: 'client_admin',
    password: DEMO_CLIENT_ADMIN.password,
  });
  const owen = await createUser(services, admin, {
    organizationId: hallam.id,
    email: 'owen@hallam.example',
    name: 'Owen Clarke',
    role: 'client_member',
  });
  const lena = await createUser(services, admin, {
    organizationId: brightside.id,
    email: 'lena@brightside.example',
    name: 'Lena Vogt',
    role: 'client_admin',
  });
  const dana = await createUser(services, admin, {
    organizationId: kestrel.id,
    email: 'dana@kestrel.example',
    name: 'Dana Brooks',
    role: 'client_admin',
  });

  const startOfSeason = monthsBefore(now, 3);
  const retainer = await services.agreements.create(admin, {
    clientId: hallam.id,
    kind: 'retainer',
    name: 'Monthly care retainer — 12 h',
    startsOn: `${startOfSeason}-01`,
    slaPolicyId: standard.id,
    terms: { monthlyHours: 12, rolloverMonths: 1, overageRateCents: 9500, projectRateCents: 11000 },
    coverage: {
      covered: ['bug', 'incident', 'dependency_update', 'small_enhancement', 'advisory'],
      estimateRequired: ['medium_enhancement'],
      changeWork: ['new_feature', 'redesign', 'integration_rebuild'],
    },
  });
  const payg = await services.agreements.create(admin, {
    clientId: brightside.id,
    kind: 'payg',
    name: 'Pay as you go',
    startsOn: `${startOfSeason}-01`,
    terms: { hourlyRateCents: 12000 },
    coverage: {
      covered: [],
      estimateRequired: ['bug', 'small_enhancement', 'advisory'],
      changeWork: ['new_feature', 'redesign'],
    },
  });
  const onboarding = await services.agreements.create(admin, {
    clientId: kestrel.id,
    kind: 'onboarding',
    name: 'Codebase onboarding',
    startsOn: `${startOfSeason}-01`,
    terms: {
      feeCents: 650000,
      deliverables: [
        { title: 'Architecture and data-model notes', done: true },
        { title: 'Local environment with seed data', done: true },
        { title: 'Staging and CI/CD access verified', done: true },
        { title: 'Runbooks for deploy and rollback', done: false },
        { title: 'Monitoring wired to the shared channel', done: false },
      ],
    },
    coverage: { covered: ['advisory'], estimateRequired: [], changeWork: ['new_feature'] },
  });
  const cover = await services.agreements.create(admin, {
    clientId: kestrel.id,
    kind: 'standby',
    name: 'Standby cover for critical incidents',
    startsOn: `${startOfSeason}-01`,
    slaPolicyId: standby.id,
    terms: { availabilityCalendarId: standbyCalendar.id, priorities: ['critical'], monthlyFeeCents: 90000 },
    coverage: {
      covered: ['incident', 'bug'],
      estimateRequired: ['small_enhancement'],
      changeWork: ['new_feature'],
    },
  });

  const people = { admin, mara, tomas, priya, owen, lena, dana };
  const tickets = await seedDemoTickets(
    services,
    people,
    { hallam: hallam.id, brightside: brightside.id, kestrel: kestrel.id },
    now,
  );
  await seedDemoTime(services, people, { retainer, payg, onboarding, cover }, tickets, now);
  await seedDemoMaintenance(services, people, retainer, now);
  await seedDemoProposals(services, people, tickets, now);
  await services.agencyLogo.set(admin, Buffer.from(DEMO_AGENCY_LOGO_SVG));
}

async function createUser(
  services: Services,
  admin: Actor,
  input: { organizationId: string; email: string; name: string; role: Actor['role']; password?: string },
): Promise<Actor> {
  const user = await services.users.create(admin, {
    ...input,
    password: input.password ?? 'tend-demo-password',
  });
  return toActor({
    id: user.id,
    organization_id: user.organizationId,
    role: user.role,
    email: user.email,
    name: user.name,
  });
}

function monthsBefore(now: Date, count: number): string {
  const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - count, 1));
  return date.toISOString().slice(0, 7);
}

export type DemoPeople = Record<'admin' | 'mara' | 'tomas' | 'priya' | 'owen' | 'lena' | 'dana', Actor>;
