import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../src/report/render-report-html';
import { REPORT_SECTIONS } from '../../src/report/report-sections';
import type { ReportSection } from '../../src/report/report-section';
import { CLIENT_NAME, emptyReportFigures, fullReportFigures } from '../support/report-figures';

/** The text of an HTML fragment, tags dropped and the few entities React writes decoded. */
function textOf(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** The HTML of one section, from its opening tag to the next section (or the end of main). */
function sectionHtml(html: string, id: string): string {
  const start = html.indexOf(`<section id="${id}"`);
  expect(start, `section ${id}`).toBeGreaterThan(-1);
  const next = html.indexOf('<section ', start + 1);
  return html.slice(start, next === -1 ? html.indexOf('</main>') : next);
}

describe('renderReportHtml', () => {
  const html = renderReportHtml(fullReportFigures());

  it('is one self-contained document: no script, no external request', () => {
    expect(html.startsWith('<!DOCTYPE html><html lang="en">')).toBe(true);
    expect(html).toContain('<meta charSet="utf-8"/>');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/\b(?:src|href)="(?!#|data:)/);
    expect(html).not.toMatch(/url\(/);
  });

  it('has the cover, a table of contents linking every section, and the sections in order', () => {
    const text = textOf(html);
    expect(text).toContain(`Monthly service report ${CLIENT_NAME} February 2026`);
    expect(text).toContain('Prepared by Tidewater Digital');
    expect(text).toContain('Generated 2 Mar 2026, 08:00 (CET)');
    expect(text).toContain('All times in this report are in Europe/Zurich.');
    const positions = REPORT_SECTIONS.map((section) => {
      expect(html).toContain(`<a href="#${section.id}">`);
      return html.indexOf(`<section id="${section.id}"`);
    });
    expect(positions.every((position, index) => position > (positions[index - 1] ?? 0))).toBe(true);
    expect(REPORT_SECTIONS.map((section) => section.title)).toEqual([
      'Summary',
      'Requests',
      'SLA compliance',
      'Hours',
      'Maintenance',
      'Pending estimates and proposals',
    ]);
  });

  it('writes non-ASCII text as it is and escapes markup in names and subjects', () => {
    expect(html).toContain(`<title>${CLIENT_NAME} — monthly report, February 2026</title>`);
    expect(html).toContain('<h1 class="cover-client">Café Zürich — Größe</h1>');
    expect(html).toContain('Kasse: Zahlungen schlagen fehl &lt;TWINT&gt;');
    expect(html).toContain('Menu PDF shows “Kaffee &amp; Kuchen” garbled');
    expect(html).not.toContain('<TWINT>');
    const hostile = fullReportFigures();
    hostile.client.name = '</title><script>alert(1)</script>';
    const escaped = renderReportHtml(hostile);
    expect(escaped).not.toContain('<script>');
    expect(escaped).toContain('&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('states the figures: requests by kind and priority, SLA per tier, every breach with its explanation', () => {
    const requests = textOf(sectionHtml(html, 'requests'));
    expect(requests).toContain('Support (something broke) 9 8');
    expect(requests).toContain('Critical 1 1');
    expect(requests).toContain('Total 14 12');
    expect(requests).toContain('10 h 10 min of business time');
    const sla = textOf(sectionHtml(html, 'sla'));
    expect(sla).toContain('Standard support');
    expect(sla).toContain('80 % 4 met · 1 missed');
    expect(sla).toContain('All priorities 100 % 14 met · 0 missed 83.3 % 10 met · 2 missed · 1 open');
    // Times in the client's zone: 14:30Z is 15:30 in Zurich in February.
    expect(sla).toContain('Resolution target missed: due 7 Feb 2026, 15:30, breached 7 Feb 2026, 15:30.');
    expect(sla).toContain('Waiting on the client 11:10–11:40: the clock paused for 30 minutes.');
    expect(sla).toContain('Times in Europe/Zurich (CET).');
  });

  it('shows the hours with a burn-down and a six-month trend drawn as SVG', () => {
    const hours = sectionHtml(html, 'hours');
    const text = textOf(hours);
    expect(text).toContain('Allocation 20 h');
    expect(text).toContain('Rolled in from earlier months 5 h');
    expect(text).toContain('Used 25 h 30 min');
    expect(text).toContain('Overage 30 min €50.00');
    expect(text).toContain('Bug fixes 13 h');
    expect(text).toContain('Ad-hoc work 2 2 h 30 min €120.00 / h €300.00');
    expect(text).toContain('Online shop for Größe Kaffeebohnen 8 h 16 h 40 h');
    const charts = hours.match(/<svg class="chart"[\s\S]*?<\/svg>/g) ?? [];
    expect(charts).toHaveLength(2);
    expect(charts[0]).toContain('aria-label="Burn-down of Monthly care retainer');
    expect(charts[0]).toMatch(/<path d="M[\d.]+,[\d.]+L/);
    expect(charts[1]).toContain('Feb 26');
    // One used bar per month of the trend.
    expect((charts[1]!.match(/<rect/g) ?? []).length).toBeGreaterThanOrEqual(6 * 4);
  });

  it('shows maintenance held and upcoming (labelled with the plan’s date) and what waits on the client', () => {
    const maintenance = textOf(sectionHtml(html, 'maintenance'));
    expect(maintenance).toContain('February maintenance · 10 Feb 2026, 18:00–22:00');
    expect(maintenance).toContain('#1037 Footer logo is blurry on retina rolled 2 times');
    expect(maintenance).toContain('Upcoming windows, as planned on 2 March 2026');
    expect(maintenance).toContain('3 h 30 min planned of 4 h capacity');
    const pending = textOf(sectionHtml(html, 'pending'));
    expect(pending).toContain('#1048 Add a gift-card option at checkout 24 February 2026 6 h €720.00');
    expect(pending).toContain('Loyalty programme: stamps in the app');
    expect(pending).toContain('€4,800.00');
  });

  it('says in words when a section has nothing to show', () => {
    const empty = renderReportHtml(emptyReportFigures());
    const says = (id: string) => textOf(sectionHtml(empty, id));
    expect(says('requests')).toContain('No requests were received or resolved in February 2026.');
    expect(says('sla')).toContain('No SLA policy applied to this client’s agreements in February 2026');
    expect(says('hours')).toContain('No time was booked against an agreement in February 2026.');
    expect(says('maintenance')).toContain('No maintenance window was held in February 2026.');
    expect(says('maintenance')).toContain('No maintenance window is scheduled yet.');
    expect(says('pending')).toContain('Nothing was waiting on your decision at the end of February 2026.');
    expect(says('summary')).toContain('no retainer this month');
    expect(empty).not.toContain('<table class="grid"');
    expect(empty).not.toContain('<svg');
  });

  it('puts the agency logo on the cover as a data URL, and marks previews and unfinished months', () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    const withLogo = renderReportHtml(fullReportFigures(), {
      agencyLogo: { contentType: 'image/png', bytes },
    });
    expect(withLogo).toContain(`src="data:image/png;base64,${Buffer.from(bytes).toString('base64')}"`);
    expect(html).not.toContain('class="cover-logo"');
    expect(renderReportHtml(fullReportFigures(), { preview: true })).toContain('not the archived report');
    const running = fullReportFigures();
    running.period = { ...running.period, complete: false, asOf: '2026-02-15T11:00:00.000Z' };
    expect(textOf(renderReportHtml(running))).toContain(
      'The month is not over: figures so far, as of 15 Feb 2026, 12:00.',
    );
  });

  it('names both offsets when the clocks change within the month', () => {
    const october = fullReportFigures();
    october.month = '2026-10';
    october.client.timeZone = 'Europe/London';
    october.period = {
      ...october.period,
      from: '2026-09-30T23:00:00.000Z',
      to: '2026-11-01T00:00:00.000Z',
      timeZone: 'Europe/London',
    };
    expect(textOf(sectionHtml(renderReportHtml(october), 'sla'))).toContain(
      'Times in Europe/London (BST, then GMT).',
    );
  });

  it('renders whatever sections it is given: a later section is one more entry in the list', () => {
    const uptime: ReportSection = {
      id: 'uptime',
      title: 'Uptime',
      render: () => createElement('p', null, 'All systems up.'),
    };
    const extended = renderReportHtml(fullReportFigures(), { sections: [...REPORT_SECTIONS, uptime] });
    expect(extended).toContain('<a href="#uptime">');
    expect(extended).toContain('<section id="uptime"');
    expect(textOf(sectionHtml(extended, 'uptime'))).toContain('7 Uptime All systems up.');
  });
});
