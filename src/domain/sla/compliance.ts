import { createZonedClock } from '../calendar/zoned-time';
import { PRIORITIES, type Priority } from './sla-policy';
import type { SlaClock, TicketSla } from './ticket-sla';

/**
 * SLA compliance of one month.
 *
 * Definition: a clock belongs to the month whose local calendar (in the report's time zone) contains its
 * `dueAt` — so a report judges every deadline that fell in the month, whenever the ticket was opened.
 * Of those clocks:
 * - met: stopped on or before its due (status 'met');
 * - breached: status 'breached', or still running with its due before `now` (the SLA may have been derived
 *   earlier than the report; a running clock past its due cannot be met any more);
 * - open: not decided yet (running with the due ahead, or paused);
 * - compliancePercent = met / (met + breached) × 100, rounded to one decimal; null when nothing was decided.
 * Open clocks are left out of the percentage rather than counted either way.
 */
export interface ClockCompliance {
  due: number;
  met: number;
  breached: number;
  open: number;
  compliancePercent: number | null;
}

export interface TierCompliance {
  priority: Priority;
  response: ClockCompliance;
  resolution: ClockCompliance;
}

export interface ComplianceReport {
  month: string;
  timeZone: string;
  /** The month as instants: [from, to). */
  from: number;
  to: number;
  /** All four tiers, most urgent first. */
  tiers: TierCompliance[];
  total: { response: ClockCompliance; resolution: ClockCompliance };
}

export interface ComplianceTicket {
  id: string;
  /** The tier the ticket is reported under (its current priority). */
  priority: Priority;
  sla: TicketSla;
}

type Verdict = 'met' | 'breached' | 'open';
type Counts = Omit<ClockCompliance, 'compliancePercent'>;

export function computeCompliance(
  tickets: readonly ComplianceTicket[],
  month: string,
  timeZone: string,
  now: number,
): ComplianceReport {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!match) throw new RangeError(`month must be "YYYY-MM", got ${JSON.stringify(month)}`);
  const [year, monthNumber] = [Number(match[1]), Number(match[2])];
  // Local midnight as an instant; a midnight skipped by DST resolves to the first instant after the gap.
  const zone = createZonedClock(timeZone);
  const from = zone.wallToInstant(Date.UTC(year, monthNumber - 1, 1));
  const to = zone.wallToInstant(Date.UTC(year, monthNumber, 1));
  // A clock with no due yet (a maintenance-window target not planned) belongs to no month.
  const inMonth = (clock: SlaClock) => clock.dueAt !== null && clock.dueAt >= from && clock.dueAt < to;

  const tiers = PRIORITIES.map((priority) => {
    const own = tickets.filter((t) => t.priority === priority);
    const tally = (pick: (sla: TicketSla) => SlaClock) =>
      countClocks(own.map((t) => pick(t.sla)).filter(inMonth), now);
    return { priority, response: tally((s) => s.response), resolution: tally((s) => s.resolution) };
  });
  return {
    month,
    timeZone,
    from,
    to,
    tiers: tiers.map((t) => ({
      priority: t.priority,
      response: finish(t.response),
      resolution: finish(t.resolution),
    })),
    total: {
      response: finish(addCounts(tiers.map((t) => t.response))),
      resolution: finish(addCounts(tiers.map((t) => t.resolution))),
    },
  };
}

function judge(clock: SlaClock, now: number): Verdict {
  if (clock.status === 'met') return 'met';
  if (clock.status === 'breached') return 'breached';
  return clock.phase === 'running' && clock.dueAt !== null && clock.dueAt < now ? 'breached' : 'open';
}

function countClocks(clocks: readonly SlaClock[], now: number): Counts {
  const counts: Counts = { due: clocks.length, met: 0, breached: 0, open: 0 };
  for (const clock of clocks) counts[judge(clock, now)] += 1;
  return counts;
}

function addCounts(all: readonly Counts[]): Counts {
  return all.reduce(
    (a, b) => ({
      due: a.due + b.due,
      met: a.met + b.met,
      breached: a.breached + b.breached,
      open: a.open + b.open,
    }),
    { due: 0, met: 0, breached: 0, open: 0 },
  );
}

function finish(counts: Counts): ClockCompliance {
  const decided = counts.met + counts.breached;
  const compliancePercent = decided === 0 ? null : Math.round((counts.met / decided) * 1000) / 10;
  return { ...counts, compliancePercent };
}
