import type { Services } from '..';
import { createServices } from '..';
import { occurrences, type RecurrenceRule } from '../../domain/maintenance/recurrence';
import type { DemoPeople } from './demo-seed';
import { SimulatedClock } from './sim-clock';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/**
 * Hallam's retainer gets a monthly maintenance window (second Tuesday, 18:00–22:00 in the agreement's zone,
 * 4 hours) and three chores. The last window before now is replayed as it would have happened: planned two
 * weeks ahead, started, its chores done, closed with outcomes and release notes; the contract test that did
 * not get done rolls on. Then the backlog is planned as of now.
 *
 * No time is added (the demo ledger's figures stay as demo-time.ts sets them): the retainer's maintenance
 * time already logged in that window's month is moved into the window.
 */
export async function seedDemoMaintenance(
  services: Services,
  people: DemoPeople,
  retainer: { id: string },
  now: Date,
): Promise<void> {
  const { admin, mara } = people;
  const agreement = await services.agreements.get(admin, retainer.id);
  const clock = new SimulatedClock(now);
  const sim = createServices({ ...services.deps, clock });
  const rule: RecurrenceRule = {
    frequency: 'monthly',
    on: { kind: 'nth_weekday', nth: 2, weekday: 'TU' },
    startTime: '18:00',
    durationMinutes: 240,
    firstMonth: agreement.startsOn.slice(0, 7),
  };
  const past = occurrences(rule, agreement.timeZone, now.getTime() - 70 * DAY_MS, now.getTime())
    .filter((window) => window.endsAt < now.getTime())
    .at(-1);
  if (!past) throw new Error('the demo expects a maintenance window in the last ten weeks');

  // Two weeks before that window: the schedule and the chores are set up, and the window is planned.
  clock.set(new Date(past.startsAt - 14 * DAY_MS));
  await sim.maintenance.schedules.create(admin, retainer.id, {
    name: 'Monthly maintenance',
    rule,
    capacityMinutes: 240,
  });
  const chore = (title: string, description: string, cadenceMonths: number, estimateMinutes: number) => ({
    title,
    description,
    cadenceMonths,
    estimateMinutes,
    priority: cadenceMonths === 1 ? ('low' as const) : ('medium' as const),
  });
  const due = past.localDate;
  const deps = await sim.maintenance.chores.create(admin, retainer.id, {
    ...chore(
      'Update dependencies',
      'Patch and minor releases of the shop’s packages; majors get a ticket.',
      1,
      90,
    ),
    nextDueOn: shiftDays(due, -3),
  });
  const scan = await sim.maintenance.chores.create(admin, retainer.id, {
    ...chore('Run the security scan', 'Dependency audit and the OWASP ZAP baseline scan of the shop.', 1, 45),
    nextDueOn: shiftDays(due, -2),
  });
  await sim.maintenance.chores.create(admin, retainer.id, {
    ...chore(
      'Rotate secrets',
      'Payment, mail and storage API keys; the inventory lists where each lives.',
      3,
      60,
    ),
    nextDueOn: shiftDays(due, 20),
  });
  const [window] = await sim.maintenance.queries.listWindows(admin, {
    agreementId: retainer.id,
    from: new Date(past.startsAt).toISOString(),
    to: new Date(past.startsAt + MINUTE_MS).toISOString(),
  });
  if (!window || !deps.createdTicketId || !scan.createdTicketId)
    throw new Error('the demo window or its chore tickets are missing');

  // The window itself: started on time, the chores done, the contract test not reached.
  clock.set(new Date(past.startsAt + 5 * MINUTE_MS));
  await sim.maintenance.windows.start(mara, window.id);
  clock.set(new Date(past.startsAt + 95 * MINUTE_MS));
  await sim.ticketCommands.transition(mara, deps.createdTicketId, {
    status: 'resolved',
    comment: '14 packages updated (no majors); the test suite and a checkout on staging pass.',
  });
  clock.set(new Date(past.startsAt + 150 * MINUTE_MS));
  await sim.ticketCommands.transition(mara, scan.createdTicketId, {
    status: 'resolved',
    comment: 'No new findings; the two advisories from last month are fixed by the updates.',
  });
  await moveMaintenanceTimeIntoWindow(sim, admin, retainer.id, window.id, past.localDate);
  clock.set(new Date(past.endsAt));
  await sim.maintenance.windows.close(mara, window.id);

  // Today: the backlog (the rolled contract test, this month's chores, the open maintenance) planned.
  clock.set(now);
  await sim.maintenance.planning.refresh(admin, retainer.id);
}

/** The retainer's maintenance entries of the window's month become time logged in the window, on its date. */
async function moveMaintenanceTimeIntoWindow(
  sim: Services,
  admin: DemoPeople['admin'],
  agreementId: string,
  windowId: string,
  date: string,
): Promise<void> {
  const { items } = await sim.timeEntries.list(admin, {
    agreementId,
    month: date.slice(0, 7),
    limit: 500,
  });
  for (const entry of items.filter((e) => e.category === 'maintenance'))
    await sim.timeEntries.update(admin, entry.id, { date, windowId });
}

function shiftDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
