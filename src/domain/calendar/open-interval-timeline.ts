import { DAY_MS, HOUR_MS } from './zoned-time';

/** Open spans of one local day as flat UTC instants [start0, end0, start1, end1, ...], ascending. */
export type DayMaterializer = (dayIndex: number) => readonly number[];

/** Days materialised at once when the cache has to grow; amortises Intl calls and array copies. */
const GROWTH_DAYS = 92;
/** Beyond this many cached days a query far away starts a fresh cache instead (bounded memory). */
const MAX_CACHED_DAYS = 30 * 366;
/** Local offsets stay within −12h..+14h, so an instant's local day lies within this margin of its UTC day. */
const OFFSET_MARGIN_MS = 15 * HOUR_MS;

/**
 * Open intervals in epoch ms for a contiguous range of local days [loDay, hiDay), materialised lazily, with
 * a running total of business ms. Totals are relative (they may be negative after growing backwards); only
 * differences taken within one query are meaningful, so the cache never rewrites existing entries.
 */
export class OpenIntervalTimeline {
  // Growing backwards replaces these arrays, so read them again after prepare(); appends keep them.
  starts: number[] = [];
  ends: number[] = [];
  /** Business ms accumulated before interval i starts. */
  cumStarts: number[] = [];
  /** Local day index (wall ms / DAY_MS) whose span produced interval i. */
  days: number[] = [];
  loDay = 0;
  hiDay = 0;
  private baseCum = 0;
  private topCum = 0;

  constructor(private readonly materializeDay: DayMaterializer) {}

  get count(): number {
    return this.starts.length;
  }

  /** Makes sure every interval that could touch [fromMs, toMs] is cached. Call at the start of each query. */
  prepare(fromMs: number, toMs: number): void {
    const needLo = Math.floor((fromMs - OFFSET_MARGIN_MS) / DAY_MS) - 1;
    const needHi = Math.floor((toMs + OFFSET_MARGIN_MS) / DAY_MS) + 2;
    if (needLo >= this.loDay && needHi <= this.hiDay) return;
    if (needHi - needLo > MAX_CACHED_DAYS) {
      throw new RangeError(`time range too long: more than ${Math.floor(MAX_CACHED_DAYS / 366)} years`);
    }
    const empty = this.loDay === this.hiDay;
    if (empty || Math.max(needHi, this.hiDay) - Math.min(needLo, this.loDay) > MAX_CACHED_DAYS) {
      this.reset(needLo);
    }
    if (needLo < this.loDay) this.growBackward(Math.min(needLo, this.loDay - GROWTH_DAYS));
    if (needHi > this.hiDay) this.growForward(Math.max(needHi, this.hiDay + GROWTH_DAYS));
  }

  /** Appends more days during a forward search; never resets, so indices and totals stay valid. */
  extendForward(horizonDay: number, describeStart: () => string): void {
    if (this.hiDay > horizonDay) {
      throw new Error(
        `no answer within 10 years after ${describeStart()}: too many minutes or too few open hours`,
      );
    }
    this.growForward(this.hiDay + GROWTH_DAYS);
  }

  /** Index of the first interval ending after the instant (count when none is cached). */
  indexOfFirstEndAfter(atMs: number): number {
    const ends = this.ends;
    let low = 0;
    let high = ends.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (ends[middle]! > atMs) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  /** Index of the first interval whose running total at its end reaches `total` (count when none). */
  indexOfFirstTotalReaching(total: number): number {
    const { starts, ends, cumStarts } = this;
    let low = 0;
    let high = ends.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (cumStarts[middle]! + ends[middle]! - starts[middle]! >= total) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  /** Running total of business ms at an instant inside the prepared range. */
  totalAt(atMs: number): number {
    const index = this.indexOfFirstEndAfter(atMs);
    if (index === this.count) return this.topCum;
    const start = this.starts[index]!;
    return this.cumStarts[index]! + (atMs > start ? atMs - start : 0);
  }

  /** Running total at the end of the last cached interval. */
  get lastTotal(): number {
    return this.topCum;
  }

  private reset(day: number): void {
    this.starts = [];
    this.ends = [];
    this.cumStarts = [];
    this.days = [];
    this.loDay = this.hiDay = day;
    this.baseCum = this.topCum = 0;
  }

  private growForward(toDay: number): void {
    const run = this.materializeRun(this.hiDay, toDay, this.ends.at(-1) ?? -Infinity, Infinity);
    let total = this.topCum;
    for (let i = 0; i < run.starts.length; i += 1) {
      this.starts.push(run.starts[i]!);
      this.ends.push(run.ends[i]!);
      this.cumStarts.push(total);
      this.days.push(run.days[i]!);
      total += run.ends[i]! - run.starts[i]!;
    }
    this.topCum = total;
    this.hiDay = toDay;
  }

  private growBackward(toDay: number): void {
    const run = this.materializeRun(toDay, this.loDay, -Infinity, this.starts[0] ?? Infinity);
    const runTotal = run.starts.reduce((sum, start, i) => sum + run.ends[i]! - start, 0);
    // Totals of the new, earlier intervals count up to the old base, so existing totals stay untouched.
    let total = this.baseCum - runTotal;
    const cumStarts = run.starts.map((start, i) => {
      const before = total;
      total += run.ends[i]! - start;
      return before;
    });
    this.starts = run.starts.concat(this.starts);
    this.ends = run.ends.concat(this.ends);
    this.cumStarts = cumStarts.concat(this.cumStarts);
    this.days = run.days.concat(this.days);
    this.baseCum -= runTotal;
    this.loDay = toDay;
  }

  /** Intervals for days [fromDay, toDay), clipped so they never overlap their neighbours or each other. */
  private materializeRun(fromDay: number, toDay: number, previousEnd: number, nextStart: number) {
    const run = { starts: [] as number[], ends: [] as number[], days: [] as number[] };
    let floor = previousEnd;
    for (let day = fromDay; day < toDay; day += 1) {
      const instants = this.materializeDay(day);
      for (let i = 0; i + 1 < instants.length; i += 2) {
        const start = Math.max(instants[i]!, floor);
        const end = Math.min(instants[i + 1]!, nextStart);
        if (end <= start) continue; // e.g. a span lying entirely inside a spring-forward gap
        run.starts.push(start);
        run.ends.push(end);
        run.days.push(day);
        floor = end;
      }
    }
    return run;
  }
}
