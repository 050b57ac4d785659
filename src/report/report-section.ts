import type { ReactNode } from 'react';
import type { MonthlyReportFigures } from '../domain/report/report-model';

/**
 * One section of the monthly report. The document, its table of contents and the PDF's page numbers are
 * built from the list of sections (see report-sections.ts), so a later section (uptime, errors, dependency
 * status) is one more entry there and nothing else changes.
 */
export interface ReportSection {
  /** The section's anchor in the page and the PDF (letters and dashes). */
  readonly id: string;
  readonly title: string;
  /** The section's body from the figures alone; says so in words when there is nothing to report. */
  render(figures: MonthlyReportFigures): ReactNode;
}
