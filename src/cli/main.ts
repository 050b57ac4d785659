import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { ConfigError } from '../config';
import { AppError } from '../errors';
import { registerAdminCommands } from './admin-commands';
import { registerReportCommand } from './report-command';
import { registerServeCommands } from './serve-commands';
import { runSlaDue } from './sla-due';

const program = new Command()
  .name('tend')
  .description('Tend: support & maintenance retainers — SLA-clocked tickets, agreements and hour ledgers.')
  .exitOverride()
  .showHelpAfterError();

registerServeCommands(program);
registerAdminCommands(program);
registerReportCommand(program);

program
  .command('sla')
  .description('SLA engine tools')
  .command('due')
  .description(
    'Read JSON lines {"start","minutes","pauses"?} on stdin; write {"due"} per line, using a calendar file',
  )
  .requiredOption('--calendar <file>', 'calendar JSON file')
  .action(async (options: { calendar: string }) => {
    let calendarJson: string;
    try {
      calendarJson = readFileSync(options.calendar, 'utf8');
    } catch (error) {
      throw new AppError(
        'invalid_input',
        `Cannot read the calendar file ${options.calendar}: ${(error as Error).message}`,
      );
    }
    process.exitCode = await runSlaDue({
      calendarJson,
      input: process.stdin,
      write: (line) => process.stdout.write(`${line}\n`),
      writeError: (line) => process.stderr.write(`${line}\n`),
    });
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
  } else if (error instanceof AppError || error instanceof ConfigError) {
    process.stderr.write(`tend: ${error.message}\n`);
    const issues = (error as AppError).details as
      { issues?: { path: string; message: string }[] } | undefined;
    for (const issue of issues?.issues ?? []) process.stderr.write(`  ${issue.path}: ${issue.message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`tend: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  }
}
