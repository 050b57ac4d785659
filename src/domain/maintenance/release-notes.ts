/**
 * Release notes of a closed maintenance window, in Markdown that reads as plain text too (email, Slack).
 * Written once when the window closes and stored with it; never regenerated.
 */

export interface ReleaseNoteItem {
  number: number;
  subject: string;
  /** Minutes logged on the item in the window. */
  minutes: number;
}

export interface RolledNoteItem extends ReleaseNoteItem {
  /** Start of the window the item is planned into now; null when no window has room for it yet. */
  nextWindowStartsAt: number | null;
}

export interface ReleaseNotesInput {
  clientName: string;
  windowTitle: string;
  startsAt: number;
  endsAt: number;
  /** The client's zone: every time in the notes is shown in it, and named. */
  timeZone: string;
  done: readonly ReleaseNoteItem[];
  rolled: readonly RolledNoteItem[];
  /** Everything logged against the window, on its items or not. */
  totalMinutes: number;
}

export function writeReleaseNotes(input: ReleaseNotesInput): string {
  const lines = [
    `# ${input.windowTitle}`,
    '',
    `${input.clientName} · ${formatWindow(input.startsAt, input.endsAt, input.timeZone)}`,
    '',
    '## Done',
    '',
    ...(input.done.length === 0
      ? ['Nothing was completed in this window.']
      : input.done.map((item) => `- #${item.number} ${item.subject}${minutesSuffix(item.minutes)}`)),
    '',
    '## Time spent',
    '',
    `${formatDuration(input.totalMinutes)} logged in this window.`,
  ];
  if (input.rolled.length > 0) {
    lines.push(
      '',
      '## Rolled to the next window',
      '',
      ...input.rolled.map((item) => {
        const where =
          item.nextWindowStartsAt === null
            ? 'not planned yet: no window has room'
            : formatDay(item.nextWindowStartsAt, input.timeZone);
        return `- #${item.number} ${item.subject}${minutesSuffix(item.minutes)} → ${where}`;
      }),
    );
  }
  return `${lines.join('\n')}\n`;
}

function minutesSuffix(minutes: number): string {
  return minutes > 0 ? ` (${formatDuration(minutes)})` : '';
}

/** "2 h 30 min", "45 min", "0 min". */
export function formatDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** "Tuesday 10 November 2026, 18:00–22:00 (Europe/London)"; the end carries its date when it differs. */
export function formatWindow(startsAt: number, endsAt: number, timeZone: string): string {
  const startDay = formatDay(startsAt, timeZone);
  const endDay = formatDay(endsAt, timeZone);
  const end =
    endDay === startDay ? formatTime(endsAt, timeZone) : `${endDay} ${formatTime(endsAt, timeZone)}`;
  return `${startDay}, ${formatTime(startsAt, timeZone)}–${end} (${timeZone})`;
}

function formatDay(instant: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  })
    .format(instant)
    .replace(',', '');
}

function formatTime(instant: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
}
