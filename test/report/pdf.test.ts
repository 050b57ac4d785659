import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportPdfRenderer } from '../../src/report/pdf';
import { REPORT_SECTIONS } from '../../src/report/report-sections';
import { renderReportPdf } from '../../src/report/render-report-pdf';
import { CLIENT_NAME, emptyReportFigures, fullReportFigures } from '../support/report-figures';

/**
 * The PDF as a reader gets it, read back with poppler (pdfinfo, pdftotext, pdftoppm): pages, text with
 * non-ASCII characters, the table of contents' page numbers, and a page with the charts as an image.
 */
describe('report PDF', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tend-report-pdf-'));
  const renderer = new ReportPdfRenderer('/usr/bin/chromium');
  let file: string;

  const pageCount = (path: string) =>
    Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path]).toString())?.[1]);
  const textOf = (path: string, page?: number) =>
    execFileSync('pdftotext', [
      '-layout',
      ...(page ? ['-f', String(page), '-l', String(page)] : []),
      path,
      '-',
    ]).toString();

  beforeAll(async () => {
    execFileSync('bash', ['scripts/ensure-chromium.sh'], { stdio: 'inherit' });
    execFileSync('bash', ['scripts/ensure-poppler.sh'], { stdio: 'inherit' });
    file = join(dir, 'report.pdf');
    writeFileSync(file, await renderReportPdf(renderer, fullReportFigures()));
  }, 120_000);

  afterAll(async () => {
    await renderer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is an A4 document with a cover, contents and a page per section, numbered "Page X of Y"', () => {
    const info = execFileSync('pdfinfo', [file]).toString();
    expect(info).toMatch(/Page size:\s+[\d.]+ x [\d.]+ pts \(A4\)/);
    const pages = pageCount(file);
    // Cover, contents with the summary, then requests, SLA, hours (two pages: charts), maintenance, pending.
    expect(pages).toBeGreaterThanOrEqual(REPORT_SECTIONS.length + 1);
    for (let page = 1; page <= pages; page++)
      expect(textOf(file, page)).toMatch(
        new RegExp(`${CLIENT_NAME} · February 2026\\s+Page ${page} of ${pages}`),
      );
  });

  it('carries the text with its non-ASCII characters, the section titles and the figures', () => {
    const text = textOf(file);
    expect(text).toContain('Café Zürich — Größe');
    expect(text).toContain('Tidewater Digital');
    for (const section of REPORT_SECTIONS) expect(text).toContain(section.title);
    expect(text).toContain('25 h 30 min');
    expect(text).toContain('83.3 %');
    expect(text).toContain('Kasse: Zahlungen schlagen fehl <TWINT>');
    expect(text).toContain('Online shop for Größe Kaffeebohnen');
  });

  it('lists in its contents the page on which each section starts', () => {
    const contents = textOf(file, 2);
    let previous = 1;
    REPORT_SECTIONS.forEach((section, index) => {
      const match = new RegExp(`${index + 1}\\s+${section.title}\\s+(\\d+)`).exec(contents);
      expect(match, `${section.title} in the contents`).not.toBeNull();
      const page = Number(match![1]);
      expect(page).toBeGreaterThanOrEqual(previous);
      expect(textOf(file, page)).toMatch(new RegExp(`^\\s*${index + 1}\\s+${section.title}`, 'm'));
      previous = page;
    });
  });

  it('draws the charts: the hours page as an image has the charts’ colours in it', () => {
    const contents = textOf(file, 2);
    const hoursPage = Number(/4\s+Hours\s+(\d+)/.exec(contents)?.[1]);
    const prefix = join(dir, 'hours');
    execFileSync('pdftoppm', [
      '-f',
      String(hoursPage),
      '-l',
      String(hoursPage),
      '-r',
      '50',
      '-png',
      file,
      prefix,
    ]);
    const png = `${prefix}-${String(hoursPage).padStart(String(pageCount(file)).length, '0')}.png`;
    expect(statSync(png).size).toBeGreaterThan(10_000);
    // The burn-down's fill (#d6e4f5) and the trend's used bars (#1d4e89) as pixels, in a plain PPM dump.
    const ppm = execFileSync('pdftoppm', [
      '-f',
      String(hoursPage),
      '-l',
      String(hoursPage),
      '-r',
      '30',
      file,
    ]);
    const pixels = new Set<string>();
    const header = /^P6\s+\d+\s+\d+\s+255\s/.exec(ppm.toString('latin1'))![0].length;
    for (let offset = header; offset + 2 < ppm.length; offset += 3)
      pixels.add(ppm.subarray(offset, offset + 3).toString('hex'));
    expect(pixels.has('d6e4f5')).toBe(true);
    expect(pixels.has('1d4e89')).toBe(true);
  });

  it('prints an empty month on fewer pages, saying so', async () => {
    const emptyFile = join(dir, 'empty.pdf');
    writeFileSync(emptyFile, await renderReportPdf(renderer, emptyReportFigures()));
    expect(pageCount(emptyFile)).toBeLessThan(pageCount(file));
    expect(textOf(emptyFile)).toContain('No requests were received or resolved in February 2026.');
  });

  it('says how to install chromium when it is missing', async () => {
    const missing = new ReportPdfRenderer('/nowhere/chromium');
    await expect(missing.render('<p>x</p>', { footerLabel: 'x' })).rejects.toThrow(
      /no(ne)? at \/nowhere\/chromium.*apt-get install -y chromium/s,
    );
  });
});
