/** SLA targets and business hours in words a client reads. */
import type { Calendar, SlaPolicy } from '../api/types';

type Target = SlaPolicy['tiers']['critical']['response'];

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const DAY_NAMES: Record<(typeof DAYS)[number], string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};

function minutesOf(time: string): number {
  const [h = '0', m = '0'] = time.split(':');
  return Number(h) * 60 + Number(m);
}

/** Open minutes of a usual working day of the calendar (the most common non-zero day length). */
export function businessDayMinutes(calendar: Calendar | undefined): number | null {
  if (!calendar) return null;
  const counts = new Map<number, number>();
  for (const day of DAYS) {
    const spans = calendar.weekly[day] as [string, string][];
    const total = spans.reduce((sum, [from, to]) => sum + minutesOf(to) - minutesOf(from), 0);
    if (total > 0) counts.set(total, (counts.get(total) ?? 0) + 1);
  }
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0];
  return best ? best[0] : null;
}

/** "Mon–Fri 09:00–17:00 (Europe/Berlin)"; "around the clock" for a 24×7 calendar. */
export function describeBusinessHours(calendar: Calendar): string {
  const labels = DAYS.map((day) => {
    const spans = calendar.weekly[day] as [string, string][];
    return spans.map(([from, to]) => `${from}–${to}`).join(', ');
  });
  if (labels.every((label) => label === '00:00–24:00')) return `around the clock (${calendar.timeZone})`;
  const groups: { from: number; to: number; label: string }[] = [];
  labels.forEach((label, index) => {
    const last = groups.at(-1);
    if (last && last.label === label && last.to === index - 1) last.to = index;
    else groups.push({ from: index, to: index, label });
  });
  const parts = groups
    .filter((group) => group.label !== '')
    .map((group) => {
      const days =
        group.from === group.to
          ? DAY_NAMES[DAYS[group.from]!]
          : `${DAY_NAMES[DAYS[group.from]!]}–${DAY_NAMES[DAYS[group.to]!]}`;
      return `${days} ${group.label}`;
    });
  const holidays = (calendar.holidays?.length ?? 0) > 0 ? ', except public holidays' : '';
  return `${parts.join('; ')} (${calendar.timeZone})${holidays}`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** 120 business minutes → "2 business hours"; 1440 with an 8-hour day → "3 business days". */
export function describeTarget(target: Target, dayMinutes: number | null): string {
  switch (target.kind) {
    case 'end_of_business_day':
      return 'by the end of the business day (the next one, if raised outside business hours)';
    case 'clock_minutes':
      return `within ${durationWords(target.minutes, null, '')}, around the clock`;
    case 'business_minutes':
      return `within ${durationWords(target.minutes, dayMinutes, 'business ')}`;
    case 'next_maintenance_window':
      return 'by the end of the maintenance window it is planned into';
  }
}

function durationWords(minutes: number, dayMinutes: number | null, prefix: string): string {
  if (dayMinutes && minutes >= dayMinutes && minutes % dayMinutes === 0)
    return plural(minutes / dayMinutes, `${prefix}day`);
  if (minutes % 60 === 0) return plural(minutes / 60, `${prefix}hour`);
  if (minutes < 60) return plural(minutes, `${prefix}minute`);
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min of ${prefix}time`;
}
