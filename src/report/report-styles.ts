/**
 * The report's stylesheet, inlined into the document. One layout for the screen (a page-like column) and
 * print (A4, the cover and every section on a page of its own). Fonts that Debian's chromium has
 * (Liberation, DejaVu) come before generic names, so the PDF looks the same on every server.
 */
export const REPORT_CSS = `
:root {
  --ink: #1f2933;
  --muted: #5f6b7a;
  --line: #d9dee7;
  --soft: #f3f6fa;
  --brand: #1d4e89;
  --brand-soft: #e7eef8;
  --bad: #b03a2e;
  --good: #2f7d4f;
}
* { box-sizing: border-box; }
html { background: #eef1f5; }
body {
  margin: 0 auto;
  max-width: 210mm;
  background: #fff;
  color: var(--ink);
  font-family: 'Liberation Sans', Arial, Helvetica, 'DejaVu Sans', sans-serif;
  font-size: 10.5pt;
  line-height: 1.45;
  -webkit-print-color-adjust: exact;
  print-color-adjust: exact;
}
@media screen {
  body { padding: 0 16mm 16mm; box-shadow: 0 0 12px rgba(0, 0, 0, 0.08); }
  .report-section, .toc { border-top: 1px solid var(--line); padding-top: 8mm; margin-top: 8mm; }
  /* On screen the cover is a header, not a page. */
  .cover { min-height: 0; }
  .cover-body { padding: 14mm 4mm; }
}
@page { size: A4; }
@media print {
  html { background: #fff; }
  body { max-width: none; }
  /* The cover stands alone; the summary shares the contents' page; every later section starts a page. */
  .cover { break-after: page; }
  .report-section + .report-section { break-before: page; }
}
h1, h2, h3, h4 { line-height: 1.2; margin: 0 0 0.6em; break-after: avoid; }
h2 { font-size: 17pt; color: var(--brand); border-bottom: 2px solid var(--brand); padding-bottom: 0.25em; margin-bottom: 0.9em; }
h3 { font-size: 12.5pt; margin-top: 1.4em; }
h4 { font-size: 11pt; margin-top: 1em; }
p { margin: 0 0 0.7em; }
.muted { color: var(--muted); }
.section-number { color: var(--muted); font-weight: normal; margin-right: 0.2em; }

/* Cover */
.cover { min-height: 255mm; display: flex; flex-direction: column; padding-top: 6mm; }
.cover-band { display: flex; align-items: center; gap: 6mm; padding: 8mm 10mm; background: var(--brand); color: #fff; border-radius: 3mm; }
.cover-logo { max-height: 18mm; max-width: 60mm; background: #fff; padding: 2mm; border-radius: 2mm; }
.cover-agency { font-size: 16pt; font-weight: bold; letter-spacing: 0.02em; }
.cover-body { flex: 1; display: flex; flex-direction: column; justify-content: center; padding: 0 4mm; }
.cover-kicker { text-transform: uppercase; letter-spacing: 0.14em; color: var(--muted); font-size: 10pt; margin-bottom: 4mm; }
.cover-client { font-size: 30pt; color: var(--ink); margin-bottom: 3mm; }
.cover-month { font-size: 18pt; color: var(--brand); }
.cover-preview { margin-top: 6mm; padding: 3mm 4mm; border: 1px solid #d9a400; background: #fff8e1; border-radius: 2mm; }
.cover-facts { display: grid; grid-template-columns: 32mm 1fr; gap: 1.5mm 4mm; margin: 0; padding: 6mm 4mm 0; border-top: 1px solid var(--line); }
.cover-facts dt { color: var(--muted); }
.cover-facts dd { margin: 0; }

/* Contents */
.toc ol { list-style: none; margin: 0; padding: 0; }
.toc { margin-bottom: 10mm; }
.toc li { margin: 0 0 2.5mm; font-size: 12pt; }
.toc a { display: flex; align-items: baseline; gap: 3mm; color: var(--ink); text-decoration: none; }
.toc-number { width: 8mm; color: var(--muted); }
.toc-leader { flex: 1; border-bottom: 1px dotted var(--muted); }
.toc-page { width: 12mm; text-align: right; font-variant-numeric: tabular-nums; }

/* Summary */
.headlines { display: grid; grid-template-columns: repeat(4, 1fr); gap: 4mm; margin-bottom: 6mm; }
.headline { background: var(--brand-soft); border-radius: 2mm; padding: 4mm; break-inside: avoid; }
.headline-value { font-size: 16pt; font-weight: bold; color: var(--brand); white-space: nowrap; }
.headline-label { font-weight: bold; }
.headline-note { color: var(--muted); font-size: 9pt; }
.summary-lines { padding-left: 5mm; }
.summary-lines li { margin-bottom: 1.5mm; }

/* Tables */
table { border-collapse: collapse; width: 100%; margin: 0 0 5mm; break-inside: auto; }
caption { text-align: left; font-weight: bold; padding: 0 0 1.5mm; }
th, td { text-align: left; vertical-align: top; padding: 1.6mm 2mm; }
tr { break-inside: avoid; }
.grid thead th { background: var(--soft); border-bottom: 1px solid var(--line); font-size: 9.5pt; }
.grid tbody tr + tr th, .grid tbody tr + tr td { border-top: 1px solid var(--line); }
.grid tfoot th, .grid tfoot td { border-top: 2px solid var(--ink); font-weight: bold; }
.grid tbody th { font-weight: normal; }
.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.facts th { font-weight: normal; color: var(--ink); }
.facts td { width: 1%; }
.facts tr + tr th, .facts tr + tr td { border-top: 1px solid var(--line); }
.facts .emphasis th, .facts .emphasis td { font-weight: bold; }
.facts .note { color: var(--muted); white-space: nowrap; }
.two-columns { display: grid; grid-template-columns: 1fr 1fr; gap: 6mm; align-items: start; }
.two-columns.wide-first { grid-template-columns: 1.35fr 1fr; }
.definition { color: var(--muted); font-size: 8.5pt; margin-top: 1mm; max-width: 45mm; }
.sla td { font-size: 9.5pt; }

/* Badges and tickets */
.badge { display: inline-block; font-size: 8pt; font-weight: bold; padding: 0.2mm 1.6mm; border-radius: 1.5mm; color: #fff; }
.badge-critical { background: #b03a2e; }
.badge-high { background: #d9822b; }
.badge-medium { background: #2f6f9f; }
.badge-low { background: #7b8794; }
.ticket-number { color: var(--muted); font-variant-numeric: tabular-nums; }
.rolled { color: #a05a00; font-size: 9pt; }

/* Breaches, windows, notes */
.breaches { padding-left: 5mm; }
.breach { margin-bottom: 4mm; break-inside: avoid; }
.breach-head { font-weight: bold; }
.breach-facts { color: var(--bad); margin: 0.5mm 0; }
.explanation { color: var(--muted); font-size: 9.5pt; padding-left: 5mm; margin: 0; }
.window { border-left: 3px solid var(--brand-soft); padding-left: 4mm; margin-bottom: 5mm; break-inside: avoid; }
.list-label { font-weight: bold; margin: 2mm 0 1mm; }
.items { margin: 0 0 2mm; padding-left: 5mm; }
.items li { margin-bottom: 1mm; }
.nothing { color: var(--muted); font-style: italic; }
.zone-note { color: var(--muted); font-size: 9pt; }

/* Charts */
.chart-figure { margin: 4mm 0 6mm; break-inside: avoid; }
.chart { width: 100%; height: auto; display: block; font-family: inherit; }
figcaption { color: var(--muted); font-size: 9pt; margin-top: 1.5mm; }
`;
