/** Helpers for calendar months written 'YYYY-MM' (plain strings compare in chronological order). */

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(text: string): boolean {
  return MONTH_PATTERN.test(text);
}

function toIndex(month: string): number {
  const match = MONTH_PATTERN.exec(month);
  if (!match) throw new RangeError(`month must be "YYYY-MM", got ${JSON.stringify(month)}`);
  return Number(match[1]) * 12 + Number(match[2]) - 1;
}

function fromIndex(index: number): string {
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** The month `count` months after `month` (negative counts go back). */
export function addMonths(month: string, count: number): string {
  if (!Number.isInteger(count)) throw new RangeError(`count must be an integer, got ${count}`);
  return fromIndex(toIndex(month) + count);
}

/** Every month from `from` to `to`, both included; [] when `to` is before `from`. */
export function monthsBetween(from: string, to: string): string[] {
  const first = toIndex(from);
  const last = toIndex(to);
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => fromIndex(first + i));
}

/** The month of a 'YYYY-MM-DD' date. */
export function monthOfDate(date: string): string {
  const month = date.slice(0, 7);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !isMonth(month)) {
    throw new RangeError(`date must be "YYYY-MM-DD", got ${JSON.stringify(date)}`);
  }
  return month;
}

/** Every date of a month, 'YYYY-MM-DD', in order. */
export function datesOfMonth(month: string): string[] {
  const index = toIndex(month);
  const year = Math.floor(index / 12);
  const length = new Date(Date.UTC(year, index - year * 12 + 1, 0)).getUTCDate();
  return Array.from({ length }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}
