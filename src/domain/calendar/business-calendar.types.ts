/** An interval of instants, [start, end) in epoch milliseconds. */
export type Interval = readonly [start: number, end: number];

/**
 * A business calendar compiled for fast queries. All instants are epoch milliseconds (UTC);
 * "business time" is real elapsed time inside the calendar's open spans (a 23-hour DST day has 23 hours).
 */
export interface BusinessCalendar {
  readonly name: string;
  readonly timeZone: string;
  /** True when the instant lies inside an open span (start inclusive, end exclusive). */
  isOpen(atMs: number): boolean;
  /**
   * The earliest instant at which `minutes` of business time have elapsed since `startMs`, not counting
   * time inside `pauses` (sorted or not, possibly overlapping). A deadline that lands exactly on a
   * closing time is that closing time. `minutes` = 0 returns the first open instant at or after start
   * that is not paused.
   */
  addBusinessMinutes(startMs: number, minutes: number, pauses?: readonly Interval[]): number;
  /** Business milliseconds inside [fromMs, toMs), not counting `pauses`. 0 when toMs <= fromMs. */
  businessMsBetween(fromMs: number, toMs: number, pauses?: readonly Interval[]): number;
  /**
   * "End of the same business day": the closing instant of the last span of the local day on which the
   * first open instant at or after `atMs` falls. So a ticket created during hours (or in a lunch break)
   * gets today's close; one created after close, at night, on a weekend or holiday gets the close of the
   * next business day. Spans ending at "24:00" that continue into the next day's "00:00" span are one
   * business day only if they are on the same local date (each local date is its own business day).
   */
  endOfBusinessDay(atMs: number): number;
}
