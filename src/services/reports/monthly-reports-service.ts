import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { MonthlyReportRow, OrganizationRow } from '../../db/schema';
import { isMonth } from '../../domain/ledger/months';
import type { MonthlyReportFigures } from '../../domain/report/report-model';
import { localMonthOf } from '../../domain/time/local-date';
import { invalidInput, notFound } from '../../errors';
import type { ReportPdfRenderer } from '../../report/pdf';
import { renderReportHtml } from '../../report/render-report-html';
import { renderReportPdf, reportFilename } from '../../report/render-report-pdf';
import { clientScope, requireAgencyAdmin } from '../access';
import type { ClientsService } from '../clients-service';
import type { Actor, ServiceDeps } from '../context';
import type { AgencyLogoService } from './agency-logo-service';
import { claimReportDelivery } from './report-delivery';
import { clientsAwaitingReport, reportMonthDueAt } from './report-schedule';

/** The schedule's scan (every hour) and the job that archives and sends one client's report. */
export const REPORT_SCHEDULE_JOB = 'report.schedule';
export const REPORT_GENERATE_JOB = 'report.generate';

export interface ReportFiguresSource {
  computeFigures(clientId: string, month: string): Promise<MonthlyReportFigures>;
}

export interface ReportPdfFile {
  filename: string;
  bytes: Buffer;
  /** Whether this is the archived PDF or one rendered now from live figures. */
  archived: boolean;
}

type ReportSummaryRow = Omit<MonthlyReportRow, 'pdf' | 'figures'> & { pdf_size: number };

function toReportDto(row: ReportSummaryRow) {
  return {
    id: row.id,
    clientId: row.client_id,
    month: row.month,
    generatedAt: row.generated_at,
    generatedById: row.generated_by,
    sentAt: row.sent_at,
    sentTo: (row.sent_to as string[] | null) ?? null,
    pdfSha256: row.pdf_sha256,
    pdfSize: Number(row.pdf_size),
    htmlUrl: `/api/v1/reports/monthly/${row.id}/html`,
    pdfUrl: `/api/v1/reports/monthly/${row.id}/pdf`,
  };
}

export type MonthlyReportDto = ReturnType<typeof toReportDto>;

function assertMonth(month: string): void {
  if (!isMonth(month))
    throw invalidInput('The month must be written YYYY-MM.', [
      { path: 'month', message: 'must be a month YYYY-MM' },
    ]);
}

/**
 * The monthly client report: archived once per client and month (figures and PDF frozen by the database),
 * and previewed live. Figures come from the figures service; the HTML and PDF from src/report.
 */
export class MonthlyReportsService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly parts: {
      figures: ReportFiguresSource;
      pdf: ReportPdfRenderer;
      clients: ClientsService;
      logo: AgencyLogoService;
    },
  ) {}

  async list(actor: Actor, clientId: string): Promise<MonthlyReportDto[]> {
    const client = await this.parts.clients.findVisible(actor, clientId);
    const rows = await this.summaries().where('client_id', '=', client.id).orderBy('month', 'desc').execute();
    return rows.map(toReportDto);
  }

  async get(actor: Actor, id: string) {
    const row = await this.findVisibleRow(actor, id);
    const { pdf: _pdf, figures, ...rest } = row;
    return {
      ...toReportDto({ ...rest, pdf_size: row.pdf.length }),
      figures: figures as unknown as MonthlyReportFigures,
    };
  }

  /** The archived report as a page, rendered from its stored figures. */
  async html(actor: Actor, id: string): Promise<string> {
    const row = await this.findVisibleRow(actor, id);
    return renderReportHtml(row.figures as unknown as MonthlyReportFigures, {
      agencyLogo: await this.parts.logo.current(),
    });
  }

  /** The archived PDF, byte for byte as it was archived (and sent). */
  async pdf(actor: Actor, id: string): Promise<ReportPdfFile> {
    const row = await this.findVisibleRow(actor, id);
    const figures = row.figures as unknown as MonthlyReportFigures;
    return { filename: reportFilename(figures), bytes: Buffer.from(row.pdf), archived: true };
  }

  /** Live figures for a month (the current one included), computed now and archived nowhere. */
  async previewFigures(actor: Actor, clientId: string, month: string): Promise<MonthlyReportFigures> {
    assertMonth(month);
    const client = await this.parts.clients.findVisible(actor, clientId);
    return this.parts.figures.computeFigures(client.id, month);
  }

  async previewHtml(actor: Actor, clientId: string, month: string): Promise<string> {
    const figures = await this.previewFigures(actor, clientId, month);
    return renderReportHtml(figures, { agencyLogo: await this.parts.logo.current(), preview: true });
  }

  async previewPdf(actor: Actor, clientId: string, month: string): Promise<ReportPdfFile> {
    const figures = await this.previewFigures(actor, clientId, month);
    const bytes = await renderReportPdf(this.parts.pdf, figures, {
      agencyLogo: await this.parts.logo.current(),
      preview: true,
    });
    return { filename: reportFilename(figures, true), bytes, archived: false };
  }

  /**
   * Archives a client's report for a month that is over, once: a second call returns the archived report
   * and changes nothing. With `send`, the report is also mailed to the client's contacts (claimed once, in
   * the archiving transaction). `actor` null is the schedule; otherwise an agency admin.
   */
  async generate(
    clientId: string,
    month: string,
    actor: Actor | null,
    options: { send?: boolean } = {},
  ): Promise<{ report: MonthlyReportDto; created: boolean }> {
    if (actor) requireAgencyAdmin(actor);
    assertMonth(month);
    const client = await this.findClient(clientId);
    this.assertMonthOver(client, month);
    let row = await this.findArchivedRow(client.id, month);
    let created = false;
    if (!row) {
      const figures = await this.parts.figures.computeFigures(client.id, month);
      const pdf = await renderReportPdf(this.parts.pdf, figures, {
        agencyLogo: await this.parts.logo.current(),
      });
      ({ row, created } = await this.archive(client.id, month, figures, pdf, actor, options.send ?? false));
    } else if (options.send) {
      const existing = row;
      await this.deps.db.transaction().execute((trx) =>
        claimReportDelivery(trx, this.deps, {
          id: existing.id,
          clientId: existing.client_id,
          figures: existing.figures as unknown as MonthlyReportFigures,
        }),
      );
    }
    const summary = await this.summaries().where('id', '=', row.id).executeTakeFirstOrThrow();
    return { report: toReportDto(summary), created };
  }

  /**
   * The schedule: from the first business day of a month (agency time), one job per active client whose
   * report for the month before is not archived (or, with mail configured, not sent) yet. Runs every hour,
   * so a missed day catches up; the unique key and the delivery claim make repeated runs harmless.
   */
  async enqueueDueReports(): Promise<{ month: string | null; clientIds: string[] }> {
    const { db, clock, config, jobs } = this.deps;
    const month = await reportMonthDueAt(db, clock.now());
    if (!month) return { month: null, clientIds: [] };
    const waiting = await clientsAwaitingReport(db, month, config.smtpUrl !== undefined);
    const clients = waiting.length
      ? await db.selectFrom('organizations').select(['id', 'time_zone']).where('id', 'in', waiting).execute()
      : [];
    // A client far west of the agency may still be in the month: its turn comes in a later run.
    const clientIds = clients
      .filter((client) => localMonthOf(clock.now(), client.time_zone) > month)
      .map((client) => client.id)
      .sort();
    for (const clientId of clientIds)
      await jobs.send(db, REPORT_GENERATE_JOB, { clientId, month }, { singletonKey: `${clientId}:${month}` });
    return { month, clientIds };
  }

  /** For the CLI: the archived PDF of a month, or one rendered now from live figures. */
  async pdfForMonth(clientId: string, month: string): Promise<ReportPdfFile> {
    assertMonth(month);
    const client = await this.findClient(clientId);
    const row = await this.findArchivedRow(client.id, month);
    if (row) {
      const figures = row.figures as unknown as MonthlyReportFigures;
      return { filename: reportFilename(figures), bytes: Buffer.from(row.pdf), archived: true };
    }
    const figures = await this.parts.figures.computeFigures(client.id, month);
    const bytes = await renderReportPdf(this.parts.pdf, figures, {
      agencyLogo: await this.parts.logo.current(),
      preview: true,
    });
    return { filename: reportFilename(figures, true), bytes, archived: false };
  }

  private async archive(
    clientId: string,
    month: string,
    figures: MonthlyReportFigures,
    pdf: Buffer,
    actor: Actor | null,
    send: boolean,
  ): Promise<{ row: MonthlyReportRow; created: boolean }> {
    return this.deps.db.transaction().execute(async (trx) => {
      // Another process may have archived the month meanwhile: the unique key keeps the first.
      const inserted = await trx
        .insertInto('monthly_reports')
        .values({
          client_id: clientId,
          month,
          figures: JSON.stringify(figures),
          pdf,
          pdf_sha256: createHash('sha256').update(pdf).digest('hex'),
          generated_at: new Date(figures.generatedAt),
          generated_by: actor?.userId ?? null,
        })
        .onConflict((conflict) => conflict.columns(['client_id', 'month']).doNothing())
        .returningAll()
        .executeTakeFirst();
      const row =
        inserted ??
        (await trx
          .selectFrom('monthly_reports')
          .selectAll()
          .where('client_id', '=', clientId)
          .where('month', '=', month)
          .executeTakeFirstOrThrow());
      if (send)
        await claimReportDelivery(trx, this.deps, {
          id: row.id,
          clientId,
          figures: row.figures as unknown as MonthlyReportFigures,
        });
      return { row, created: inserted !== undefined };
    });
  }

  private summaries() {
    return this.deps.db
      .selectFrom('monthly_reports')
      .select([
        'id',
        'client_id',
        'month',
        'pdf_sha256',
        'generated_at',
        'generated_by',
        'sent_at',
        'sent_to',
        sql<number>`octet_length(pdf)`.as('pdf_size'),
      ]);
  }

  private async findVisibleRow(actor: Actor, id: string): Promise<MonthlyReportRow> {
    const scope = clientScope(actor);
    let query = this.deps.db.selectFrom('monthly_reports').selectAll().where('id', '=', id);
    if (scope) query = query.where('client_id', '=', scope);
    const row = await query.executeTakeFirst();
    if (!row) throw notFound('Report');
    return row;
  }

  private findArchivedRow(clientId: string, month: string) {
    return this.deps.db
      .selectFrom('monthly_reports')
      .selectAll()
      .where('client_id', '=', clientId)
      .where('month', '=', month)
      .executeTakeFirst();
  }

  private async findClient(clientId: string): Promise<OrganizationRow> {
    const client = await this.deps.db
      .selectFrom('organizations')
      .selectAll()
      .where('id', '=', clientId)
      .where('kind', '=', 'client')
      .executeTakeFirst();
    if (!client) throw notFound('Client');
    return client;
  }

  /** Only a month that is over in the client's time zone is archived: its figures can no longer change. */
  private assertMonthOver(client: OrganizationRow, month: string): void {
    const current = localMonthOf(this.deps.clock.now(), client.time_zone);
    if (month >= current)
      throw invalidInput(
        `${month} is not over yet in ${client.time_zone}: preview it instead of archiving it.`,
        [{ path: 'month', message: 'must be a month that is over' }],
      );
  }
}
