import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { AppError } from '../errors';
import { namedDestinationPages } from './pdf-destinations';
import { TOC_PAGE_ATTRIBUTE } from './render-report-html';

/** The flags Debian's chromium needs headless in a container (the same as playwright.config.ts). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** At most this many documents print at once (each is a page in chromium). */
const MAX_CONCURRENT = 2;

export interface PdfRenderOptions {
  /** Printed at the foot of every page beside "Page X of Y", e.g. the client and month. */
  footerLabel: string;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function footerTemplate(label: string): string {
  return (
    `<div style="width:100%;margin:0 16mm;display:flex;justify-content:space-between;` +
    `font-family:'Liberation Sans',Arial,'DejaVu Sans',sans-serif;font-size:8pt;color:#5f6b7a;">` +
    `<span>${escapeHtml(label)}</span>` +
    `<span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`
  );
}

/** Writes each section's page number into the table of contents (the spans the renderer left empty). */
function withTocPages(html: string, pages: Map<string, number>): string {
  const pattern = new RegExp(`(${TOC_PAGE_ATTRIBUTE}="([a-z0-9-]+)">)(</span>)`, 'g');
  return html.replace(pattern, (_match, open: string, id: string, close: string) => {
    const page = pages.get(id);
    return page === undefined ? `${open}${close}` : `${open}${page}${close}`;
  });
}

/**
 * HTML to A4 PDF in Debian's chromium through Playwright. One browser serves every report: it is launched on
 * the first PDF and closed with the app. Each document prints twice: the first print tells on which page
 * each section starts, the second carries those numbers in the table of contents (the numbers sit in
 * fixed-width cells, so the layout does not move between the two). No script runs and no request leaves
 * the page.
 */
export class ReportPdfRenderer {
  private browser: Promise<Browser> | null = null;
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly executablePath: string) {}

  async render(html: string, options: PdfRenderOptions): Promise<Buffer> {
    await this.acquire();
    try {
      const browser = await this.launch();
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
      try {
        const page = await context.newPage();
        await page.route('**/*', (route) => route.abort());
        const print = async (document: string) => {
          await page.setContent(document, { waitUntil: 'load' });
          return page.pdf({
            format: 'A4',
            printBackground: true,
            displayHeaderFooter: true,
            headerTemplate: '<span></span>',
            footerTemplate: footerTemplate(options.footerLabel),
            margin: { top: '14mm', bottom: '18mm', left: '16mm', right: '16mm' },
          });
        };
        const first = await print(html);
        if (!html.includes(TOC_PAGE_ATTRIBUTE)) return first;
        const pages = await namedDestinationPages(first);
        return pages.size ? await print(withTocPages(html, pages)) : first;
      } finally {
        await context.close();
      }
    } finally {
      this.release();
    }
  }

  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = null;
    if (!browser) return;
    try {
      await (await browser).close();
    } catch {
      // It never started: nothing to close.
    }
  }

  private launch(): Promise<Browser> {
    if (this.browser) return this.browser;
    if (!existsSync(this.executablePath))
      throw new AppError(
        'misconfigured',
        `PDF reports need Chromium, and there is none at ${this.executablePath}. Install Debian's chromium ` +
          '(`apt-get install -y chromium fonts-dejavu-core`, or `bash scripts/ensure-chromium.sh`), or set ' +
          'CHROMIUM_PATH to a Chromium binary.',
      );
    const launching = chromium
      .launch({ executablePath: this.executablePath, args: CHROMIUM_ARGS, headless: true })
      .then((browser) => {
        // A crashed browser is replaced on the next report.
        browser.on('disconnected', () => {
          if (this.browser === launching) this.browser = null;
        });
        return browser;
      })
      .catch((error: unknown) => {
        this.browser = null;
        throw new AppError(
          'misconfigured',
          `Chromium at ${this.executablePath} did not start: ${(error as Error).message.split('\n')[0]}`,
        );
      });
    this.browser = launching;
    return launching;
  }

  private async acquire(): Promise<void> {
    if (this.running < MAX_CONCURRENT) {
      this.running++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }
}
