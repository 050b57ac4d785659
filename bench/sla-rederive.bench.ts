// Re-derives the SLA state of 100,000 synthetic tickets, as a full recompute after a policy or calendar edit
// would. Run: node bin/run-ts.js bench/sla-rederive.bench.ts
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { compileCalendar } from '../src/domain/calendar/business-calendar';
import { PRIORITIES, defaultSlaPolicyRules, type Priority } from '../src/domain/sla/sla-policy';
import { deriveTicketSla, type TicketSlaEvent, type TicketStatus } from '../src/domain/sla/ticket-sla';

const MINUTE = 60_000;
const YEAR_START = Date.UTC(2026, 0, 1);
const NOW = Date.UTC(2027, 0, 15);

/** mulberry32: tiny, fast, and the same sequence on every machine. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x ^= x + Math.imul(x ^ (x >>> 7), 61 | x);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const berlinOffice = () =>
  compileCalendar({
    name: 'Berlin office',
    timeZone: 'Europe/Berlin',
    weekly: {
      mon: [
        ['09:00', '12:30'],
        ['13:30', '17:30'],
      ],
      tue: [
        ['09:00', '12:30'],
        ['13:30', '17:30'],
      ],
      wed: [
        ['09:00', '12:30'],
        ['13:30', '17:30'],
      ],
      thu: [
        ['09:00', '12:30'],
        ['13:30', '17:30'],
      ],
      fri: [['09:00', '15:00']],
      sat: [],
      sun: [],
    },
    holidays: [
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-01',
      '2026-05-14',
      '2026-05-25',
      '2026-10-03',
      '2026-12-24',
      '2026-12-25',
      '2026-12-26',
      '2026-12-31',
      '2027-01-01',
    ],
  });

/** The status moves a ticket in `status` may make next (reopen included). */
const NEXT_STATUS: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['in_progress', 'waiting_on_client', 'resolved'],
  acknowledged: ['in_progress', 'waiting_on_client'],
  in_progress: ['waiting_on_client', 'resolved', 'resolved', 'closed'],
  waiting_on_client: ['in_progress', 'in_progress', 'resolved'],
  resolved: ['closed', 'closed', 'in_progress'],
  closed: ['in_progress'],
};

function buildHistory(random: () => number): TicketSlaEvent[] {
  const pickOf = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  let at = YEAR_START + Math.floor(random() * 330 * 24 * 60) * MINUTE;
  let status: TicketStatus = 'new';
  let acknowledged = false;
  const events: TicketSlaEvent[] = [{ type: 'created', at, priority: pickOf(PRIORITIES) }];
  const length = 3 + Math.floor(random() * 10);
  while (events.length < length) {
    // Mostly minutes to hours apart, sometimes days (a client answering after a weekend).
    at += Math.floor((random() < 0.8 ? random() * 8 * 60 : random() * 4 * 24 * 60) + 1) * MINUTE;
    const roll = random();
    if (!acknowledged && roll < 0.4) {
      acknowledged = true;
      events.push({ type: 'acknowledged', at });
    } else if (roll < 0.55) {
      events.push({ type: 'priority_changed', at, priority: pickOf<Priority>(PRIORITIES) });
    } else {
      const to: TicketStatus = pickOf(NEXT_STATUS[status]);
      events.push({ type: 'status_changed', at, from: status, to });
      status = to;
    }
  }
  return events;
}

export async function benchSlaRederive(
  options: { tickets?: number; seed?: number } = {},
): Promise<Record<string, unknown>> {
  const ticketCount = options.tickets ?? 100_000;
  const random = createRandom(options.seed ?? 20_260_302);
  const histories = Array.from({ length: ticketCount }, () => buildHistory(random));
  const eventCount = histories.reduce((sum, h) => sum + h.length, 0);
  const calendar = berlinOffice();
  const rules = defaultSlaPolicyRules();

  const started = performance.now();
  const statuses: Record<string, number> = {};
  for (const events of histories) {
    const sla = deriveTicketSla({ events, rules, calendar, now: NOW });
    for (const key of [`response.${sla.response.status}`, `resolution.${sla.resolution.status}`]) {
      statuses[key] = (statuses[key] ?? 0) + 1;
    }
  }
  const elapsedMs = performance.now() - started;
  return {
    tickets: ticketCount,
    events: eventCount,
    elapsedMs: Math.round(elapsedMs),
    ticketsPerSecond: Math.round(ticketCount / (elapsedMs / 1000)),
    // Counts double as a determinism check: the same seed gives the same figures on every run.
    statuses: Object.fromEntries(Object.entries(statuses).sort(([a], [b]) => a.localeCompare(b))),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await benchSlaRederive();
  console.log(`sla-rederive: ${String(result.ticketsPerSecond)} tickets/s`);
  console.log(JSON.stringify(result, null, 2));
}
