// One formatter per style and zone: building an Intl.DateTimeFormat costs far more than using one (long lists).
const formatters = new Map<Intl.DateTimeFormatOptions, Map<string, Intl.DateTimeFormat>>();

/** The en-GB formatter for a style (a module constant, so it can key the cache) in a zone. */
export function zonedFormatter(timeZone: string, style: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let byZone = formatters.get(style);
  if (!byZone) {
    byZone = new Map();
    formatters.set(style, byZone);
  }
  let format = byZone.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { ...style, timeZone });
    byZone.set(timeZone, format);
  }
  return format;
}

/** "Tue, 8 Dec 2026". */
export const DAY_STYLE: Intl.DateTimeFormatOptions = {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
};

const INSTANT_STYLE: Intl.DateTimeFormatOptions = {
  ...DAY_STYLE,
  hour: '2-digit',
  minute: '2-digit',
  timeZoneName: 'short',
};

/** Every time shown to a person carries its zone. */
export function formatInstant(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '—';
  return zonedFormatter(timeZone, INSTANT_STYLE).format(new Date(iso));
}

export function formatDate(isoDate: string): string {
  return zonedFormatter('UTC', DAY_STYLE).format(new Date(`${isoDate}T00:00:00Z`));
}

/** The viewer's own zone, from the browser. */
export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** 90 → "1 h 30 min", 45 → "45 min". */
export function formatMinutes(minutes: number): string {
  const sign = minutes < 0 ? '−' : '';
  const total = Math.round(Math.abs(minutes));
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  if (hours === 0) return `${sign}${rest} min`;
  return rest === 0 ? `${sign}${hours} h` : `${sign}${hours} h ${rest} min`;
}

/** A countdown to an instant: "2 h 05 min left", "overdue by 35 min". */
export function formatCountdown(dueIso: string, nowMs: number): string {
  const diff = new Date(dueIso).getTime() - nowMs;
  const minutes = Math.floor(Math.abs(diff) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const text =
    days > 0
      ? `${days} d ${hours} h`
      : hours > 0
        ? `${hours} h ${String(mins).padStart(2, '0')} min`
        : `${mins} min`;
  return diff >= 0 ? `${text} left` : `overdue by ${text}`;
}

export function formatMoney(cents: number, currency = 'EUR'): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(cents / 100);
}

export const PRIORITY_COLOR = { critical: 'red', high: 'orange', medium: 'yellow', low: 'gray' } as const;

export function humanize(value: string): string {
  return value.replaceAll('_', ' ');
}
