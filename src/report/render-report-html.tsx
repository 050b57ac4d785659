import { renderToStaticMarkup } from 'react-dom/server';
import type { MonthlyReportFigures } from '../domain/report/report-model';
import { formatDateTime, formatMonth, zoneAbbreviation } from './report-format';
import { REPORT_SECTIONS } from './report-sections';
import type { ReportSection } from './report-section';
import { REPORT_CSS } from './report-styles';

export type LogoContentType = 'image/png' | 'image/jpeg' | 'image/svg+xml';

export interface ReportRenderOptions {
  agencyLogo?: { contentType: LogoContentType; bytes: Uint8Array } | null | undefined;
  /** A live preview rather than the archived report: said on the cover. */
  preview?: boolean;
  /** The sections to render (the registry by default). */
  sections?: readonly ReportSection[];
}

/** The attribute the PDF step fills with each section's page number (see pdf.ts). */
export const TOC_PAGE_ATTRIBUTE = 'data-toc-page';

export function reportTitle(figures: MonthlyReportFigures): string {
  return `${figures.client.name} — monthly report, ${formatMonth(figures.month)}`;
}

function Cover({ figures, options }: { figures: MonthlyReportFigures; options: ReportRenderOptions }) {
  const zone = figures.client.timeZone;
  const logo = options.agencyLogo;
  return (
    <header className="cover">
      <div className="cover-band">
        {logo ? (
          <img
            className="cover-logo"
            alt={figures.agency.name}
            src={`data:${logo.contentType};base64,${Buffer.from(logo.bytes).toString('base64')}`}
          />
        ) : null}
        <div className="cover-agency">{figures.agency.name}</div>
      </div>
      <div className="cover-body">
        <p className="cover-kicker">Monthly service report</p>
        <h1 className="cover-client">{figures.client.name}</h1>
        <p className="cover-month">{formatMonth(figures.month)}</p>
        {figures.period.complete ? null : (
          <p className="cover-preview">
            The month is not over: figures so far, as of {formatDateTime(figures.period.asOf, zone)}.
          </p>
        )}
        {options.preview ? (
          <p className="cover-preview">
            Preview generated {formatDateTime(figures.generatedAt, zone)}; not the archived report.
          </p>
        ) : null}
      </div>
      <dl className="cover-facts">
        <dt>Prepared for</dt>
        <dd>{figures.client.name}</dd>
        <dt>Prepared by</dt>
        <dd>{figures.agency.name}</dd>
        <dt>Generated</dt>
        <dd>
          {formatDateTime(figures.generatedAt, zone)} ({zoneAbbreviation(figures.generatedAt, zone)})
        </dd>
        <dt>Times</dt>
        <dd>All times in this report are in {zone}.</dd>
      </dl>
    </header>
  );
}

function Contents({ sections }: { sections: readonly ReportSection[] }) {
  return (
    <nav className="toc" aria-labelledby="toc-title">
      <h2 id="toc-title">Contents</h2>
      <ol>
        {sections.map((section, index) => (
          <li key={section.id}>
            <a href={`#${section.id}`}>
              <span className="toc-number">{index + 1}</span>
              <span className="toc-title">{section.title}</span>
              <span className="toc-leader" />
              <span className="toc-page" {...{ [TOC_PAGE_ATTRIBUTE]: section.id }} />
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

function ReportDocument({
  figures,
  options,
}: {
  figures: MonthlyReportFigures;
  options: ReportRenderOptions;
}) {
  const sections = options.sections ?? REPORT_SECTIONS;
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{reportTitle(figures)}</title>
        <style dangerouslySetInnerHTML={{ __html: REPORT_CSS }} />
      </head>
      <body>
        <Cover figures={figures} options={options} />
        <Contents sections={sections} />
        <main>
          {sections.map((section, index) => (
            <section
              key={section.id}
              id={section.id}
              className="report-section"
              aria-labelledby={`${section.id}-title`}
            >
              <h2 id={`${section.id}-title`}>
                <span className="section-number">{index + 1}</span> {section.title}
              </h2>
              {section.render(figures)}
            </section>
          ))}
        </main>
      </body>
    </html>
  );
}

/**
 * The monthly report as one self-contained HTML document: inline CSS and SVG charts, the logo as a data URL,
 * no script and no external request, so it can be served under a CSP without scripts and printed to PDF.
 * Rendered from the figures alone: the same figures give the same document.
 */
export function renderReportHtml(figures: MonthlyReportFigures, options: ReportRenderOptions = {}): string {
  return `<!DOCTYPE html>${renderToStaticMarkup(<ReportDocument figures={figures} options={options} />)}`;
}
