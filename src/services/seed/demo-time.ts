import type { Services } from '..';
import { createServices } from '..';
import { addMonths } from '../../domain/ledger/months';
import type { DemoPeople } from './demo-seed';
import type { DemoTicketIds } from './demo-tickets';
import { SimulatedClock } from './sim-clock';

type Category = 'bugfix' | 'enhancement' | 'advisory' | 'maintenance';
interface Agreements {
  retainer: { id: string };
  payg: { id: string };
  onboarding: { id: string };
  cover: { id: string };
}

/** [month offset from now, day of month, minutes, category, billable, ticket key or null, who] */
type Row = [number | null, number, number, Category, boolean, string | null, 'mara' | 'tomas'];

// Hallam's retainer (12 h a month, one month of rollover): a quiet month whose hours roll over, a busy
// month that uses them and runs into overage, a month with hours left to expire, and the month so far.
const RETAINER: Row[] = [
  [-3, 6, 120, 'maintenance', true, null, 'mara'],
  [-3, 13, 180, 'bugfix', true, null, 'tomas'],
  [-3, 20, 150, 'enhancement', true, null, 'mara'],
  [-3, 27, 60, 'advisory', false, null, 'mara'],
  [-2, 3, 240, 'bugfix', true, 'invoice-pdf', 'tomas'],
  [-2, 9, 300, 'maintenance', true, null, 'mara'],
  [-2, 16, 180, 'enhancement', true, null, 'tomas'],
  [-2, 22, 270, 'bugfix', true, 'newsletter', 'mara'],
  [-2, 27, 210, 'bugfix', true, 'umlauts', 'tomas'],
  [-1, 5, 90, 'maintenance', true, 'newsletter-rca', 'mara'],
  [-1, 12, 150, 'bugfix', true, 'umlauts', 'tomas'],
  [-1, 19, 120, 'advisory', true, null, 'mara'],
  [0, 2, 60, 'bugfix', true, 'typo', 'tomas'],
  [0, 4, 180, 'enhancement', true, 'loyalty', 'mara'],
  [0, 6, 90, 'maintenance', true, 'deps', 'mara'],
];

export async function seedDemoTime(
  services: Services,
  people: DemoPeople,
  agreements: Agreements,
  tickets: DemoTicketIds,
  now: Date,
): Promise<void> {
  const clock = new SimulatedClock(now);
  const sim = createServices({ ...services.deps, clock });
  const thisMonth = now.toISOString().slice(0, 7);
  const today = now.toISOString().slice(0, 10);
  const log = async (agreementId: string, row: Row) => {
    const [offset, day, minutes, category, billable, ticketKey, who] = row;
    // Offset null: `day` counts days back from today (work on the recent tickets).
    const date =
      offset === null
        ? new Date(now.getTime() - day * 86_400_000).toISOString().slice(0, 10)
        : `${addMonths(thisMonth, offset)}-${String(day).padStart(2, '0')}`;
    if (date > today) return;
    clock.set(new Date(`${date}T16:30:00Z`));
    const ticketId = ticketKey ? tickets[ticketKey]?.id : undefined;
    await sim.timeEntries.create(people[who], {
      agreementId,
      ...(ticketId ? { ticketId } : {}),
      date,
      minutes,
      category,
      billable,
      description: describe(category, ticketKey),
    });
  };
  for (const row of RETAINER) await log(agreements.retainer.id, row);
  await log(agreements.payg.id, [null, 11, 105, 'bugfix', true, 'booking', 'tomas']);
  for (const row of [
    [-3, 10, 480, 'advisory', true, null, 'mara'],
    [-2, 14, 360, 'advisory', true, null, 'tomas'],
    [-1, 8, 240, 'maintenance', true, null, 'mara'],
  ] as Row[]) {
    await log(agreements.onboarding.id, row);
  }
  await log(agreements.cover.id, [null, 1, 270, 'bugfix', true, 'tracking', 'tomas']);
}

function describe(category: Category, ticketKey: string | null): string {
  const what = {
    bugfix: 'Bug fix',
    enhancement: 'Enhancement',
    advisory: 'Advisory call',
    maintenance: 'Maintenance',
  }[category];
  return ticketKey ? `${what} (${ticketKey})` : what;
}
