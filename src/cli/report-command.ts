import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { createTend } from '../app';
import { loadConfig } from '../config';
import { isMonth } from '../domain/ledger/months';
import { AppError, invalidInput } from '../errors';

/**
 * `tend report --client <slug> --month YYYY-MM --out report.pdf`: the archived PDF when the month is
 * archived, otherwise one rendered now from live figures (marked as a preview); stderr says which.
 */
export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('Write a client’s monthly report as a PDF (the archived one, or a live preview)')
    .requiredOption('--client <slug>', 'the client, by slug')
    .requiredOption('--month <YYYY-MM>', 'the month')
    .requiredOption('--out <file>', 'where to write the PDF')
    .action(async (options: { client: string; month: string; out: string }) => {
      if (!isMonth(options.month))
        throw invalidInput(`--month must be a month written YYYY-MM, got "${options.month}".`);
      const tend = await createTend(loadConfig());
      try {
        const client = await tend.database.db
          .selectFrom('organizations')
          .select(['id', 'name'])
          .where('slug', '=', options.client)
          .where('kind', '=', 'client')
          .executeTakeFirst();
        if (!client) throw new AppError('not_found', `No client with the slug "${options.client}".`);
        const file = await tend.services.monthlyReports.pdfForMonth(client.id, options.month);
        try {
          writeFileSync(options.out, file.bytes);
        } catch (error) {
          throw new AppError('invalid_input', `Cannot write ${options.out}: ${(error as Error).message}`);
        }
        process.stderr.write(
          file.archived
            ? `Wrote the archived report of ${client.name} for ${options.month} to ${options.out}.\n`
            : `${options.month} of ${client.name} is not archived: wrote a live preview, computed now, to ${options.out}.\n`,
        );
      } finally {
        await tend.close();
      }
    });
}
