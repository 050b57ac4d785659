import { addMonths, isMonth, monthOfDate, monthsBetween } from './months';

export { addMonths, monthsBetween } from './months';

export const LEDGER_CATEGORIES = ['bugfix', 'enhancement', 'advisory', 'maintenance'] as const;
export type LedgerCategory = (typeof LEDGER_CATEGORIES)[number];

export interface LedgerAgreement {
  monthlyMinutes: number;
  /** How many months after its own a month's allocation stays usable (default 1; 0 = no rollover). */
  rolloverMonths?: number;
  startMonth: string;
  endMonth?: string | null;
  /** Per hour of overage. */
  overageRateCents: number;
}

export interface LedgerEntry {
  id: string;
  /** 'YYYY-MM-DD' in the agreement's time zone. */
  date: string;
  minutes: number;
  billable: boolean;
  changeWork: boolean;
  category: LedgerCategory;
  createdAt: number;
}

export type NoDrawReason = 'non_billable' | 'change_work' | 'outside_agreement';

/**
 * Whether time is change work, which never draws from a retainer: time on a change ticket (whoever logged it
 * against which agreement), or time on an approved change project.
 */
export function isChangeWork(entry: { ticketKind: string | null; projectId: string | null }): boolean {
  return entry.ticketKind === 'change' || entry.projectId !== null;
}

export interface LedgerBucket {
  /** The month whose allocation this is. */
  month: string;
  allocated: number;
  /** Drawn so far, up to the end of the month being reported. */
  used: number;
  /** Last month in which the bucket can be drawn. */
  expiresAfter: string;
  remaining: number;
}

export interface LedgerMonth {
  month: string;
  allocationMinutes: number;
  /** Unused minutes of earlier buckets still valid at the start of the month. */
  rolledInMinutes: number;
  /** Minutes drawn from buckets by the month's entries. */
  usedMinutes: number;
  /** Drawn minutes by category (overage, non-billable and change work are not included). */
  usedByCategory: Record<LedgerCategory, number>;
  nonBillableMinutes: number;
  changeWorkMinutes: number;
  overageMinutes: number;
  overageCents: number;
  /** Available at the month's end across all buckets still valid in the month. */
  remainingMinutes: number;
  /** Part of `remainingMinutes` that cannot be used after this month. */
  expiringMinutes: number;
  /** What did expire at the month's end: `expiringMinutes` for closed months, 0 for the open (through) month. */
  expiredMinutes: number;
  /** Buckets valid in the month, oldest first, as of the month's end. */
  buckets: LedgerBucket[];
}

export interface LedgerEntryResult {
  entryId: string;
  draws: { bucketMonth: string; minutes: number }[];
  overageMinutes: number;
  reason?: NoDrawReason;
}

export interface HourLedger {
  months: LedgerMonth[];
  /** Entries up to the through month, in drawing order (date, createdAt, id). */
  entries: LedgerEntryResult[];
  /** Entries dated outside the agreement's months. */
  flaggedEntryIds: string[];
  totals: {
    usedMinutes: number;
    overageMinutes: number;
    overageCents: number;
    nonBillableMinutes: number;
    changeWorkMinutes: number;
  };
}

interface Bucket {
  month: string;
  allocated: number;
  used: number;
  expiresAfter: string;
}

interface Terms {
  monthlyMinutes: number;
  rolloverMonths: number;
  startMonth: string;
  endMonth: string | null;
  overageRateCents: number;
  throughMonth: string;
}

/**
 * Derives the retainer's hour ledger from the agreement and the full entry list, through `throughMonth`
 * (treated as the current, still open month). A pure function: editing or deleting a past entry is handled
 * by deriving again, which re-flows every later month.
 */
export function deriveLedger(
  agreement: LedgerAgreement,
  entries: readonly LedgerEntry[],
  throughMonth: string,
): HourLedger {
  const terms = normalizeTerms(agreement, throughMonth);
  const lastMonth = terms.endMonth !== null && terms.endMonth < throughMonth ? terms.endMonth : throughMonth;
  const ordered = orderEntries(entries);
  const byMonth = new Map<string, LedgerEntry[]>();
  const results = new Map<string, LedgerEntryResult>();
  for (const entry of ordered) {
    const month = monthOfDate(entry.date);
    if (isOutsideAgreement(month, terms)) {
      results.set(entry.id, { entryId: entry.id, draws: [], overageMinutes: 0, reason: 'outside_agreement' });
    } else {
      const list = byMonth.get(month);
      if (list) list.push(entry);
      else byMonth.set(month, [entry]);
    }
  }
  const buckets: Bucket[] = [];
  const months = monthsBetween(terms.startMonth, lastMonth).map((month) =>
    deriveMonth(month, byMonth.get(month) ?? [], buckets, results, terms),
  );
  return {
    months,
    entries: ordered.flatMap((e) => results.get(e.id) ?? []),
    flaggedEntryIds: ordered
      .filter((e) => results.get(e.id)?.reason === 'outside_agreement')
      .map((e) => e.id),
    totals: sumTotals(months),
  };
}

function normalizeTerms(agreement: LedgerAgreement, throughMonth: string): Terms {
  const rolloverMonths = agreement.rolloverMonths ?? 1;
  if (!Number.isInteger(rolloverMonths) || rolloverMonths < 0) {
    throw new RangeError(`rolloverMonths must be a non-negative integer, got ${rolloverMonths}`);
  }
  if (!Number.isFinite(agreement.monthlyMinutes) || agreement.monthlyMinutes < 0) {
    throw new RangeError(`monthlyMinutes must be a non-negative number, got ${agreement.monthlyMinutes}`);
  }
  for (const month of [agreement.startMonth, agreement.endMonth ?? agreement.startMonth, throughMonth]) {
    if (!isMonth(month)) throw new RangeError(`month must be "YYYY-MM", got ${JSON.stringify(month)}`);
  }
  return { ...agreement, rolloverMonths, endMonth: agreement.endMonth ?? null, throughMonth };
}

/** Drawing order: date, then creation instant, then id — total, so input order never matters. */
function orderEntries(entries: readonly LedgerEntry[]): LedgerEntry[] {
  const ids = new Set<string>();
  for (const entry of entries) {
    if (ids.has(entry.id)) throw new Error(`deriveLedger: duplicate entry id ${JSON.stringify(entry.id)}`);
    if (!Number.isFinite(entry.minutes) || entry.minutes < 0) {
      throw new RangeError(`deriveLedger: entry ${entry.id} has invalid minutes ${entry.minutes}`);
    }
    ids.add(entry.id);
  }
  const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...entries].sort(
    (a, b) => compareText(a.date, b.date) || a.createdAt - b.createdAt || compareText(a.id, b.id),
  );
}

function isOutsideAgreement(month: string, terms: Terms): boolean {
  return month < terms.startMonth || (terms.endMonth !== null && month > terms.endMonth);
}

const isValidIn = (bucket: Bucket, month: string) => bucket.month <= month && month <= bucket.expiresAfter;
const remainingOf = (bucket: Bucket) => bucket.allocated - bucket.used;
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

function deriveMonth(
  month: string,
  entries: readonly LedgerEntry[],
  buckets: Bucket[],
  results: Map<string, LedgerEntryResult>,
  terms: Terms,
): LedgerMonth {
  const rolledInMinutes = sum(buckets.filter((b) => isValidIn(b, month)).map(remainingOf));
  const expiresAfter = addMonths(month, terms.rolloverMonths);
  buckets.push({ month, allocated: terms.monthlyMinutes, used: 0, expiresAfter });
  const valid = buckets.filter((b) => isValidIn(b, month));
  const view = {
    month,
    allocationMinutes: terms.monthlyMinutes,
    rolledInMinutes,
    usedMinutes: 0,
    usedByCategory: Object.fromEntries(LEDGER_CATEGORIES.map((c) => [c, 0])) as Record<
      LedgerCategory,
      number
    >,
    nonBillableMinutes: 0,
    changeWorkMinutes: 0,
    overageMinutes: 0,
  };
  for (const entry of entries) results.set(entry.id, bookEntry(entry, valid, view));
  // The agreement's last month ends every bucket: nothing can draw from them afterwards.
  const isFinal = month === terms.endMonth;
  const expiringMinutes = sum(valid.filter((b) => isFinal || b.expiresAfter === month).map(remainingOf));
  return {
    ...view,
    overageCents: Math.round((view.overageMinutes * terms.overageRateCents) / 60),
    remainingMinutes: sum(valid.map(remainingOf)),
    expiringMinutes,
    expiredMinutes: month < terms.throughMonth ? expiringMinutes : 0,
    buckets: valid.map((b) => ({ ...b, remaining: remainingOf(b) })),
  };
}

type MonthTally = Pick<
  LedgerMonth,
  'usedMinutes' | 'usedByCategory' | 'nonBillableMinutes' | 'changeWorkMinutes' | 'overageMinutes'
>;

/**
 * Books one entry of the month. Non-billable time and change work (billed as a separate project) never
 * touch the retainer. Billable time draws from the valid buckets oldest first — with one rollover length
 * for all buckets, creation order is also expiry order, so rolled-over minutes go before the month's own.
 */
function bookEntry(entry: LedgerEntry, valid: readonly Bucket[], tally: MonthTally): LedgerEntryResult {
  if (!entry.billable) {
    tally.nonBillableMinutes += entry.minutes;
    return { entryId: entry.id, draws: [], overageMinutes: 0, reason: 'non_billable' };
  }
  if (entry.changeWork) {
    tally.changeWorkMinutes += entry.minutes;
    return { entryId: entry.id, draws: [], overageMinutes: 0, reason: 'change_work' };
  }
  let left = entry.minutes;
  const draws: LedgerEntryResult['draws'] = [];
  for (const bucket of valid) {
    const take = Math.min(left, remainingOf(bucket));
    if (take <= 0) continue;
    bucket.used += take;
    left -= take;
    draws.push({ bucketMonth: bucket.month, minutes: take });
  }
  const drawn = entry.minutes - left;
  tally.usedMinutes += drawn;
  tally.usedByCategory[entry.category] += drawn;
  tally.overageMinutes += left;
  return { entryId: entry.id, draws, overageMinutes: left };
}

function sumTotals(months: readonly LedgerMonth[]): HourLedger['totals'] {
  const total = (pick: (m: LedgerMonth) => number) => sum(months.map(pick));
  return {
    usedMinutes: total((m) => m.usedMinutes),
    overageMinutes: total((m) => m.overageMinutes),
    overageCents: total((m) => m.overageCents),
    nonBillableMinutes: total((m) => m.nonBillableMinutes),
    changeWorkMinutes: total((m) => m.changeWorkMinutes),
  };
}
