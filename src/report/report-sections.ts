import type { ReportSection } from './report-section';
import { hoursSection } from './sections/hours-section';
import { maintenanceSection } from './sections/maintenance-section';
import { pendingSection } from './sections/pending-section';
import { requestsSection } from './sections/requests-section';
import { slaSection } from './sections/sla-section';
import { summarySection } from './sections/summary-section';

/** The report's sections in order. */
export const REPORT_SECTIONS: readonly ReportSection[] = [
  summarySection,
  requestsSection,
  slaSection,
  hoursSection,
  maintenanceSection,
  pendingSection,
];
