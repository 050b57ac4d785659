import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { parseIsoInstant, runSlaDue } from '../../src/cli/sla-due';
import { berlinOffice } from './calendar-fixtures';

async function run(calendarJson: string, chunks: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runSlaDue({
    calendarJson,
    input: Readable.from(chunks.map((chunk) => Buffer.from(chunk, 'utf8'))),
    write: (line) => out.push(line),
    writeError: (line) => err.push(line),
  });
  return { code, out, err };
}

const calendarJson = JSON.stringify(berlinOffice);

describe('runSlaDue (tend sla due --calendar FILE)', () => {
  it('answers each line in order, across chunk boundaries, skipping empty lines', async () => {
    const lines = [
      '{"start": "2026-03-02T16:00:00+01:00", "minutes": 90}\n',
      '\n',
      '{"start": "2026-03-06T16:00:00+01:00", "minutes": 120, "pauses": [["2026-03-06T16:30:00+01:00", "2026-03-09T09:30:00+01:00"]]}\r\n',
      '{"start": "2026-04-02T16:00:00Z", "minutes": 0}',
    ];
    const chunks = [lines.join('').slice(0, 30), lines.join('').slice(30, 95), lines.join('').slice(95)];
    const result = await run(calendarJson, chunks);
    expect(result).toEqual({
      code: 0,
      out: [
        '{"due":"2026-03-03T08:30:00.000Z"}',
        '{"due":"2026-03-09T10:00:00.000Z"}',
        '{"due":"2026-04-07T07:00:00.000Z"}',
      ],
      err: [],
    });
  });

  it('reports bad lines with their line number, continues, and exits with 1', async () => {
    const result = await run(calendarJson, [
      '{"start": "2026-03-02T10:00:00+01:00", "minutes": 60}\n',
      '{"start": "2026-03-02T10:00:00+01:00", "minutes": -5}\n',
      '{"start": "2026-03-02T10:00:00", "minutes": 5}\n',
      'not json\n',
      '{"start": "2026-02-30T10:00:00Z", "minutes": 5, "pauses": [["2026-03-02T11:00:00Z", "2026-03-02T10:00:00Z"]]}\n',
      '{"start": "2026-03-02T11:00:00+01:00", "minutes": 30}\n',
    ]);
    expect(result.code).toBe(1);
    expect(result.out).toHaveLength(6);
    expect(result.out[0]).toBe('{"due":"2026-03-02T10:00:00.000Z"}');
    expect(result.out.slice(1, 5).map((line) => Object.keys(JSON.parse(line) as object))).toEqual([
      ['error'],
      ['error'],
      ['error'],
      ['error'],
    ]);
    expect(JSON.parse(result.out[1]!)).toEqual({ error: 'line 2: "minutes" must be a non-negative number' });
    expect(result.out[5]).toBe('{"due":"2026-03-02T10:30:00.000Z"}');
    expect(result.err).toHaveLength(4);
    expect(result.err[0]).toBe('line 2: "minutes" must be a non-negative number');
    expect(result.err[1]).toBe(
      'line 3: "start" must be an ISO-8601 instant with offset (e.g. "2026-03-02T09:00:00+01:00"), got "2026-03-02T10:00:00"',
    );
    expect(result.err[2]).toMatch(/^line 4: invalid JSON: /);
    expect(result.err[3]).toMatch(
      /^line 5: "start" must be an ISO-8601 instant .*got "2026-02-30T10:00:00Z"; "pauses\[0\]" ends before it starts$/,
    );
  });

  it('rejects an invalid calendar with every problem and exit code 2, reading no input', async () => {
    const broken = {
      ...berlinOffice,
      timeZone: 'Mars/Olympus',
      weekly: { ...berlinOffice.weekly, mon: [['13:00', '12:00']] },
    };
    const result = await run(JSON.stringify(broken), ['{"start": "2026-03-02T10:00:00Z", "minutes": 5}\n']);
    expect(result).toEqual({
      code: 2,
      out: [],
      err: [
        'calendar: invalid calendar:',
        '  timeZone: unknown IANA time zone "Mars/Olympus"',
        '  weekly.mon.0: span 13:00–12:00 ends before it starts',
      ],
    });
  });

  it('streams: answers a line before the input has ended', async () => {
    const input = new PassThrough();
    const out: string[] = [];
    const done = runSlaDue({ calendarJson, input, write: (line) => out.push(line), writeError: () => {} });
    input.write('{"start": "2026-03-02T10:00:00+01:00", "minutes": 60}\n');
    await vi.waitFor(() => expect(out).toEqual(['{"due":"2026-03-02T10:00:00.000Z"}']));
    input.end('{"start": "2026-03-02T10:00:00+01:00", "minutes": 480}\n');
    expect(await done).toBe(0);
    expect(out[1]).toBe('{"due":"2026-03-03T09:00:00.000Z"}');
  });

  it('rejects calendar text that is not JSON', async () => {
    const result = await run('{"name": ', []);
    expect(result.code).toBe(2);
    expect(result.err[0]).toMatch(/^calendar: invalid JSON: /);
  });
});

describe('parseIsoInstant', () => {
  it.each([
    ['2026-03-02T10:00:00+01:00', Date.UTC(2026, 2, 2, 9)],
    ['2026-03-02T10:00:00.250Z', Date.UTC(2026, 2, 2, 10, 0, 0, 250)],
    ['2026-03-02T10:00-0530', Date.UTC(2026, 2, 2, 15, 30)],
    ['2026-03-02 10:00:00z', Date.UTC(2026, 2, 2, 10)],
  ])('parses %s', (text, expected) => {
    expect(parseIsoInstant(text)).toBe(expected);
  });

  it.each(['2026-03-02T10:00:00', '2026-02-29T10:00:00Z', '2026-03-02T24:00:00Z', '2026-03-02', 'yesterday'])(
    'rejects %s',
    (text) => {
      expect(parseIsoInstant(text)).toBeUndefined();
    },
  );
});
