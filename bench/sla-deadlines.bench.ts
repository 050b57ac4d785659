// Deadline computations per second on a Berlin office calendar, against the JavaScript peer
// moment-business-time on a sample of the same cases. Run: node bin/run-ts.js bench/sla-deadlines.bench.ts
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import moment from 'moment-timezone';
import 'moment-business-time';
import { compileCalendar } from '../src/domain/calendar/business-calendar';
import type { BusinessCalendar, Interval } from '../src/domain/calendar/business-calendar.types';
import type { CalendarSpecInput } from '../src/domain/calendar/calendar-spec';

const MINUTE = 60_000;
const DAY = 86_400_000;
const CASES = 100_000;
const PEER_SAMPLE = 2_000;
const ZONE = 'Europe/Berlin';
/** Zammad's Ruby `biz` gem, measured earlier on these machines; a reference, not measured here. */
const BIZ_REFERENCE_PER_SEC = 1_700;

// Nationwide German public holidays 2026–2027, plus Christmas Eve and New Year's Eve as office closures.
const HOLIDAYS = [
  '2026-01-01',
  '2026-04-03',
  '2026-04-06',
  '2026-05-01',
  '2026-05-14',
  '2026-05-25',
  '2026-10-03',
  '2026-12-24',
  '2026-12-25',
  '2026-12-26',
  '2026-12-31',
  '2027-01-01',
  '2027-03-26',
  '2027-03-29',
  '2027-05-01',
  '2027-05-06',
  '2027-05-17',
  '2027-10-03',
  '2027-12-24',
  '2027-12-25',
  '2027-12-26',
  '2027-12-31',
  '2028-01-01',
];
const OFFICE_HOURS: [string, string][] = [['09:00', '17:00']];
const SPEC: CalendarSpecInput = {
  name: 'Berlin office',
  timeZone: ZONE,
  weekly: {
    mon: OFFICE_HOURS,
    tue: OFFICE_HOURS,
    wed: OFFICE_HOURS,
    thu: OFFICE_HOURS,
    fri: OFFICE_HOURS,
    sat: [],
    sun: [],
  },
  holidays: HOLIDAYS,
};

interface DeadlineCase {
  startMs: number;
  minutes: number;
  pauses: Interval[] | undefined;
}

/** mulberry32: tiny, fast, and the same sequence on every machine. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x ^= x + Math.imul(x ^ (x >>> 7), 61 | x);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** Whole-minute starts anywhere in 2026–2027 (so ~3/4 fall in nights, weekends or holidays). */
function generateCases(count: number, seed: number): DeadlineCase[] {
  const random = createRandom(seed);
  const from = Date.UTC(2026, 0, 1);
  const minutesInRange = (Date.UTC(2028, 0, 1) - from) / MINUTE;
  const typicalTargets = [15, 30, 60, 120, 240, 480, 960, 1440, 2400];
  const pick = (n: number) => Math.floor(random() * n);
  return Array.from({ length: count }, () => {
    const startMs = from + pick(minutesInRange) * MINUTE;
    // Half the cases use common SLA targets, the rest any value from 15 minutes to 5 business days.
    const minutes = random() < 0.5 ? typicalTargets[pick(typicalTargets.length)]! : 15 + pick(2400 - 15 + 1);
    const pauses = random() < 0.2 ? generatePauses(startMs, 1 + pick(3), pick) : undefined;
    return { startMs, minutes, pauses };
  });
}

function generatePauses(startMs: number, count: number, pick: (n: number) => number): Interval[] {
  return Array.from({ length: count }, () => {
    const pauseStart = startMs + pick((3 * DAY) / MINUTE) * MINUTE;
    return [pauseStart, pauseStart + (5 + pick(2 * 24 * 60)) * MINUTE] as const;
  });
}

/** Runs `fn` over all cases `rounds` times and returns the median rate in calls per second. */
function measureRate(
  cases: readonly DeadlineCase[],
  rounds: number,
  fn: (c: DeadlineCase) => number,
): number {
  const rates: number[] = [];
  let sink = 0;
  for (let round = 0; round < rounds; round += 1) {
    const began = process.hrtime.bigint();
    for (const deadlineCase of cases) sink += fn(deadlineCase) % 7;
    const seconds = Number(process.hrtime.bigint() - began) / 1e9;
    rates.push(cases.length / seconds);
  }
  if (sink === -1) console.log(sink); // keeps the results observable so no work is optimised away
  return rates.sort((a, b) => a - b)[Math.floor(rates.length / 2)]!;
}

function configurePeer(): (c: DeadlineCase) => number {
  const hours = ['09:00:00', '17:00:00'];
  // `workinghours` (0 = Sunday) and `holidays` are moment-business-time's locale extensions.
  moment.updateLocale('de', {
    workinghours: { 0: null, 1: hours, 2: hours, 3: hours, 4: hours, 5: hours, 6: null },
    holidays: HOLIDAYS,
  });
  moment.locale('de');
  type WithWorkingTime = moment.Moment & { addWorkingTime(amount: number, unit: string): moment.Moment };
  return ({ startMs, minutes }) =>
    (moment.tz(startMs, ZONE) as WithWorkingTime).addWorkingTime(minutes, 'minutes').valueOf();
}

const formatLocal = (ms: number) => moment.tz(ms, ZONE).format('ddd YYYY-MM-DD HH:mm Z');

/** Compares the two engines case by case and classifies the differences by their known causes. */
function compareWithPeer(
  calendar: BusinessCalendar,
  sample: readonly DeadlineCase[],
  peer: (c: DeadlineCase) => number,
) {
  const ours = (c: DeadlineCase) => calendar.addBusinessMinutes(c.startMs, c.minutes);
  const categories: Record<string, number> = {};
  const examples: Record<string, string>[] = [];
  let same = 0;
  for (const deadlineCase of sample) {
    const [mine, theirs] = [ours(deadlineCase), peer(deadlineCase)];
    if (mine === theirs) {
      same += 1;
      continue;
    }
    const category = classifyDifference(calendar, mine, theirs);
    categories[category] = (categories[category] ?? 0) + 1;
    if (examples.length < 5) {
      examples.push({
        start: formatLocal(deadlineCase.startMs),
        minutes: String(deadlineCase.minutes),
        ours: formatLocal(mine),
        peer: formatLocal(theirs),
        category,
      });
    }
  }
  return { sample: sample.length, same, different: sample.length - same, categories, examples };
}

function classifyDifference(calendar: BusinessCalendar, ours: number, peer: number): string {
  if (peer - ours === -60 * MINUTE) return 'peer 60 min early (repeated autumn hour)';
  if (!calendar.isOpen(ours) && calendar.isOpen(peer) && calendar.businessMsBetween(ours, peer) === 0) {
    return 'peer gives the next opening instead of the closing time';
  }
  return 'other';
}

export async function benchDeadlines(): Promise<Record<string, unknown>> {
  const cases = generateCases(CASES, 20260301);
  const coldCalendar = compileCalendar(SPEC);
  const coldRate = measureRate(cases, 1, (c) =>
    coldCalendar.addBusinessMinutes(c.startMs, c.minutes, c.pauses),
  );

  const calendar = compileCalendar(SPEC);
  const ours = (c: DeadlineCase) => calendar.addBusinessMinutes(c.startMs, c.minutes, c.pauses);
  measureRate(cases, 2, ours); // warm-up: JIT and the interval cache
  const oursRate = measureRate(cases, 5, ours);

  const peer = configurePeer();
  const sample = cases.filter((c) => !c.pauses).slice(0, PEER_SAMPLE);
  measureRate(sample.slice(0, 200), 1, peer); // warm-up
  const peerRate = measureRate(sample, 1, peer);
  const require = createRequire(import.meta.url);
  const peerVersion = (require('moment-business-time/package.json') as { version: string }).version;

  return {
    calendar: 'Europe/Berlin, Mon–Fri 09:00–17:00, German public holidays 2026–2027 + Dec 24/31',
    cases: cases.length,
    casesWithPauses: cases.filter((c) => c.pauses).length,
    oursDeadlinesPerSec: Math.round(oursRate),
    oursColdDeadlinesPerSec: Math.round(coldRate),
    peer: `moment-business-time ${peerVersion} (moment ${moment.version}, moment-timezone ${moment.tz.version})`,
    peerSample: sample.length,
    peerDeadlinesPerSec: Math.round(peerRate),
    oursOverPeer: Number((oursRate / peerRate).toFixed(1)),
    agreement: compareWithPeer(calendar, sample, peer),
    reference: {
      note: 'Zammad biz gem (Ruby) ~1,700/s, measured earlier on these machines: reference figure, not measured in this run',
      perSec: BIZ_REFERENCE_PER_SEC,
      oursOverReference: Number((oursRate / BIZ_REFERENCE_PER_SEC).toFixed(1)),
    },
    node: process.version,
  };
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  console.log(JSON.stringify(await benchDeadlines(), null, 2));
}
