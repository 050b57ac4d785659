/**
 * How the report writes its figures: British English, times in the client's time zone (stated on the
 * cover and beside every table of times), durations in hours and minutes, money in the agreement's currency.
 */
const LOCALE = 'en-GB';

export function formatMinutes(minutes: number): string {
  const sign = minutes < 0 ? '−' : '';
  const total = Math.abs(Math.round(minutes));
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  if (hours === 0) return `${sign}${rest} min`;
  return rest === 0 ? `${sign}${hours} h` : `${sign}${hours} h ${rest} min`;
}

/** Hours with one decimal, for chart axes and labels. */
export function formatHours(minutes: number): string {
  return `${(minutes / 60).toLocaleString(LOCALE, { maximumFractionDigits: 1 })} h`;
}

export function formatMoney(cents: number, currency: string): string {
  return new Intl.NumberFormat(LOCALE, { style: 'currency', currency }).format(cents / 100);
}

export function formatPercent(percent: number | null): string {
  if (percent === null) return '—';
  return `${percent.toLocaleString(LOCALE, { maximumFractionDigits: 1 })} %`;
}

export function formatMonth(month: string): string {
  return new Intl.DateTimeFormat(LOCALE, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-01T12:00:00Z`),
  );
}

export function formatShortMonth(month: string): string {
  return new Intl.DateTimeFormat(LOCALE, { month: 'short', year: '2-digit', timeZone: 'UTC' }).format(
    new Date(`${month}-01T12:00:00Z`),
  );
}

/** "2 March 2026" in the zone. */
export function formatDate(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALE, { dateStyle: 'long', timeZone }).format(new Date(instant));
}

/** "2 Mar 2026, 08:00" in the zone. */
export function formatDateTime(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALE, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(new Date(instant));
}

/** "10 Mar 2026, 18:00–22:00", or both ends in full when the span crosses midnight. */
export function formatSpan(from: string, to: string, timeZone: string): string {
  const sameDay =
    new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(from)) ===
    new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(to));
  if (!sameDay) return `${formatDateTime(from, timeZone)} – ${formatDateTime(to, timeZone)}`;
  const time = new Intl.DateTimeFormat(LOCALE, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(new Date(to));
  return `${formatDateTime(from, timeZone)}–${time}`;
}

/** "CET" / "GMT+1": the zone's short name at that instant, so a reader knows which offset a time has. */
export function zoneAbbreviation(instant: string, timeZone: string): string {
  const part = new Intl.DateTimeFormat(LOCALE, { timeZone, timeZoneName: 'short' })
    .formatToParts(new Date(instant))
    .find((entry) => entry.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/** The zone's short names over a period: "CET", or "BST, then GMT" when the clocks change within it. */
export function zoneAbbreviations(from: string, to: string, timeZone: string): string {
  const first = zoneAbbreviation(from, timeZone);
  const last = zoneAbbreviation(new Date(new Date(to).getTime() - 1).toISOString(), timeZone);
  return first === last ? first : `${first}, then ${last}`;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString(LOCALE)} ${count === 1 ? one : many}`;
}
