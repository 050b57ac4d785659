/**
 * Monthly report generation for 200 clients × 12 months of demo-sized data (bench/report-data.ts):
 * - figures: every client × month through `reportFigures.computeFigures`, against a ceiling measured in the
 *   same run — the bare reads of the rows a report needs (tickets, events, time entries of the client), so
 *   the ratio says what the derivation costs on top of fetching;
 * - PDFs: a sample rendered to HTML and printed by chromium, against a ceiling measured in the same run —
 *   `page.pdf()` of a one-line page in the same browser (the cost of a print itself);
 * - peak memory: the process's maximum resident set (Node) and the browser's, read from /proc.
 * Run alone: node bin/run-ts.js bench/monthly-report.bench.ts [--clients N] [--months N] [--pdfs N]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import pino from 'pino';
import { createTend } from '../src/app';
import { loadConfig } from '../src/config';
import { bootstrapAgency } from '../src/services/seed/bootstrap';
import { ReportPdfRenderer } from '../src/report/pdf';
import { renderReportHtml } from '../src/report/render-report-html';
import { renderReportPdf } from '../src/report/render-report-pdf';
import type { MonthlyReportFigures } from '../src/domain/report/report-model';
import { buildReportBenchData } from './report-data';

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** Resident set of chromium's processes in MiB (the browser and its renderers), from /proc. */
function chromiumRssMiB(): number {
  try {
    const out = execFileSync('ps', ['-C', 'chromium', '-o', 'rss='], { encoding: 'utf8' });
    return Math.round(out.split('\n').reduce((sum, line) => sum + (Number(line.trim()) || 0), 0) / 1024);
  } catch {
    return 0;
  }
}

const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;

export async function benchMonthlyReports(
  databaseUrl?: string,
  options = { clients: argument('clients', 200), months: argument('months', 12), pdfs: argument('pdfs', 24) },
) {
  const dir = mkdtempSync(join(tmpdir(), 'tend-bench-report-'));
  const env: Record<string, string> = databaseUrl ? { DATABASE_URL: databaseUrl } : { DATA_DIR: dir };
  const config = loadConfig({ ...env, LOG_LEVEL: 'silent', SEED_DEMO: 'false', ATTACHMENTS_DIR: dir });
  const tend = await createTend(config, { log: pino({ level: 'silent' }) });
  const renderer = new ReportPdfRenderer(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
  try {
    const admin = await bootstrapAgency(
      tend.services.deps.db,
      {
        name: 'Tidewater Digital',
        slug: 'bench',
        timeZone: 'Europe/London',
        admin: { email: 'bench@bench.test', name: 'Bench', password: 'bench-password' },
      },
      new Date(),
    );
    const builtAt = performance.now();
    const data = await buildReportBenchData(tend.services, admin, { ...options, now: new Date() });
    const buildSeconds = (performance.now() - builtAt) / 1000;
    const db = tend.services.deps.db;

    // Ceiling: the bare reads of a client's rows, once per client × month as the reports do.
    const readStart = performance.now();
    for (const clientId of data.clientIds) {
      for (let m = 0; m < data.months.length; m += 1) {
        const tickets = await db
          .selectFrom('tickets')
          .select('id')
          .where('client_id', '=', clientId)
          .execute();
        const ids = tickets.map((t) => t.id);
        await db.selectFrom('ticket_events').selectAll().where('ticket_id', 'in', ids).execute();
        await db
          .selectFrom('time_entries')
          .innerJoin('agreements', 'agreements.id', 'time_entries.agreement_id')
          .selectAll('time_entries')
          .where('agreements.client_id', '=', clientId)
          .execute();
      }
    }
    const readSeconds = (performance.now() - readStart) / 1000;
    const reportCount = data.clientIds.length * data.months.length;

    const figuresStart = performance.now();
    const sample: MonthlyReportFigures[] = [];
    for (const clientId of data.clientIds) {
      for (const month of data.months) {
        const figures = await tend.services.reportFigures.computeFigures(clientId, month);
        if (sample.length < options.pdfs && month === data.months.at(-2)) sample.push(figures);
      }
    }
    const figuresSeconds = (performance.now() - figuresStart) / 1000;

    const htmlStart = performance.now();
    for (const figures of sample) renderReportHtml(figures);
    const htmlSeconds = (performance.now() - htmlStart) / 1000;

    // Warm the browser, then the ceiling: a one-line page printed the same way.
    await renderer.render('<p>x</p>', { footerLabel: 'x' });
    const trivialStart = performance.now();
    for (let i = 0; i < sample.length; i += 1) await renderer.render('<p>x</p>', { footerLabel: 'x' });
    const trivialSeconds = (performance.now() - trivialStart) / 1000;

    let pages = 0;
    let chromiumPeak = 0;
    const pdfStart = performance.now();
    for (const figures of sample) {
      const pdf = await renderReportPdf(renderer, figures);
      pages += (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      chromiumPeak = Math.max(chromiumPeak, chromiumRssMiB());
    }
    const pdfSeconds = (performance.now() - pdfStart) / 1000;

    const figuresPerSecond = reportCount / figuresSeconds;
    const readsPerSecond = reportCount / readSeconds;
    const pdfsPerSecond = sample.length / pdfSeconds;
    const trivialPerSecond = sample.length / trivialSeconds;
    return {
      engine: databaseUrl ? 'postgresql' : 'pglite',
      data: {
        clients: data.clientIds.length,
        months: data.months.length,
        reports: reportCount,
        tickets: (await db.selectFrom('tickets').select(db.fn.countAll().as('n')).executeTakeFirst())?.n,
        timeEntries: (await db.selectFrom('time_entries').select(db.fn.countAll().as('n')).executeTakeFirst())
          ?.n,
        buildSeconds: round(buildSeconds),
      },
      figures: {
        reportsPerSecond: round(figuresPerSecond),
        seconds: round(figuresSeconds),
        ceilingBareReadsPerSecond: round(readsPerSecond),
        ratioToBareReads: round(figuresPerSecond / readsPerSecond, 3),
      },
      html: { reportsPerSecond: round(sample.length / htmlSeconds) },
      pdf: {
        sample: sample.length,
        pagesPerReport: round(pages / Math.max(sample.length, 1)),
        reportsPerSecond: round(pdfsPerSecond, 2),
        ceilingTrivialPrintsPerSecond: round(trivialPerSecond, 2),
        ratioToTrivialPrint: round(pdfsPerSecond / trivialPerSecond, 3),
      },
      peakMemoryMiB: {
        node: Math.round(process.resourceUsage().maxRSS / 1024),
        chromium: chromiumPeak,
      },
    };
  } finally {
    await renderer.close();
    await tend.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await benchMonthlyReports(process.env.BENCH_DATABASE_URL), null, 2));
}
