import type { SlaTarget } from '../sla/sla-policy';
import type { TicketSla } from '../sla/ticket-sla';

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** A duration in minutes as a client reads it: whole hours as hours, else minutes. */
function describeMinutes(minutes: number, qualifier: string): string {
  const words = qualifier ? `${qualifier} ` : '';
  return minutes % 60 === 0
    ? plural(minutes / 60, `${words}hour`, `${words}hours`)
    : plural(minutes, `${words}minute`, `${words}minutes`);
}

/** A target in words for the report, e.g. "8 business hours", "by the end of the business day". */
export function describeTargetInWords(target: SlaTarget): string {
  switch (target.kind) {
    case 'business_minutes':
      return describeMinutes(target.minutes, 'business');
    case 'clock_minutes':
      return `${describeMinutes(target.minutes, '')}, around the clock`;
    case 'end_of_business_day':
      return 'by the end of the business day';
    case 'next_maintenance_window':
      return target.movesWhenRolled
        ? 'by the end of the maintenance window it is planned into (moves with it when rolled)'
        : 'by the end of the maintenance window it is planned into';
  }
}

export interface BreachSource<T> {
  ticket: T;
  sla: TicketSla;
}

export interface BreachFound<T> {
  ticket: T;
  clock: 'response' | 'resolution';
  dueAt: string;
  breachedAt: string;
  explanation: string[];
}

/**
 * Every breached clock the month's compliance counts (its due fell in [from, to), as in computeCompliance),
 * oldest breach first, with the ticket's explanation. Derive the SLAs as of the month's end so that
 * nothing later shows.
 */
export function listBreaches<T extends { number: number }>(
  tickets: ReadonlyArray<BreachSource<T>>,
  from: number,
  to: number,
): BreachFound<T>[] {
  const found = tickets.flatMap(({ ticket, sla }) =>
    (['response', 'resolution'] as const).flatMap((name) => {
      const clock = sla[name];
      const { dueAt, breachedAt } = clock;
      if (breachedAt === null || dueAt === null || dueAt < from || dueAt >= to) return [];
      return [{ ticket, clock: name, dueMs: dueAt, breachedMs: breachedAt, sla }];
    }),
  );
  found.sort(
    (a, b) =>
      a.breachedMs - b.breachedMs || a.ticket.number - b.ticket.number || a.clock.localeCompare(b.clock),
  );
  return found.map((b) => ({
    ticket: b.ticket,
    clock: b.clock,
    dueAt: new Date(b.dueMs).toISOString(),
    breachedAt: new Date(b.breachedMs).toISOString(),
    explanation: [...b.sla.explanation],
  }));
}
