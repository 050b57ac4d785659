import type { MonthlyReportFigures } from '../domain/report/report-model';
import type { ReportPdfRenderer } from './pdf';
import { formatMonth } from './report-format';
import { renderReportHtml, type ReportRenderOptions } from './render-report-html';

/** The report's PDF: the same document as the HTML page, with the client and month at the foot of each page. */
export function renderReportPdf(
  renderer: ReportPdfRenderer,
  figures: MonthlyReportFigures,
  options: ReportRenderOptions = {},
): Promise<Buffer> {
  const label = `${figures.client.name} · ${formatMonth(figures.month)}${options.preview ? ' · preview' : ''}`;
  return renderer.render(renderReportHtml(figures, options), { footerLabel: label });
}

/** "hallam-report-2026-02.pdf": the download's name. */
export function reportFilename(
  figures: Pick<MonthlyReportFigures, 'client' | 'month'>,
  preview = false,
): string {
  return `${figures.client.slug}-report-${figures.month}${preview ? '-preview' : ''}.pdf`;
}
