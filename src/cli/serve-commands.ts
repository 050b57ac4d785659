import type { Command } from 'commander';
import { createTend, startServer, type Role } from '../app';
import { AppError } from '../errors';
import { loadConfig } from '../config';
import { seedDemoIfEmpty } from '../services/seed/demo-seed';
import { migrateDatabase } from '../db/migrate';

export function registerServeCommands(program: Command): void {
  program
    .command('serve', { isDefault: false })
    .description(
      'Migrate the database, load demo data on a first start (embedded database), and serve the API',
    )
    .option('--port <port>', 'port to listen on (PORT, default 3000)')
    .option(
      '--roles <roles>',
      'web, worker, or both (web,worker): web and worker processes scale apart',
      'web,worker',
    )
    .action(async (options: { port?: string; roles: string }) => {
      const roles = parseRoles(options.roles);
      const config = loadConfig({ ...process.env, ...(options.port ? { PORT: options.port } : {}) });
      const server = await startServer(config, { roles });
      const where = config.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${config.dataDir}`;
      if (server.url) {
        process.stdout.write(
          `Tend is running at ${server.url} (database: ${where}; roles: ${roles.join(', ')})\n`,
        );
        process.stdout.write(`API documentation: ${server.url}/api/docs\n`);
      } else {
        process.stdout.write(`Tend worker is running (database: ${where})\n`);
      }
      if (server.demo)
        process.stdout.write(`Demo data loaded. Log in as ${server.demo.email} / ${server.demo.password}\n`);
      const stop = (signal: string) => {
        server.tend.log.info({ signal }, 'shutting down');
        server.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
    });

  program
    .command('migrate')
    .description('Apply pending database migrations and exit')
    .action(async () => {
      const config = loadConfig();
      const tend = await createTend(config, { skipMigrations: true });
      try {
        const applied = await migrateDatabase(tend.database);
        process.stdout.write(
          applied.length ? `Applied: ${applied.join(', ')}\n` : 'The database is up to date.\n',
        );
      } finally {
        await tend.close();
      }
    });

  program
    .command('seed')
    .description('Load data into an empty database')
    .requiredOption('--demo', 'the demo agency, clients, tickets and time entries')
    .action(async () => {
      const config = loadConfig();
      const tend = await createTend(config);
      try {
        const demo = await seedDemoIfEmpty(tend.database, tend.services);
        process.stdout.write(
          demo
            ? `Demo data loaded. Log in as ${demo.email} / ${demo.password}\n`
            : 'The database has data already; nothing was loaded.\n',
        );
        if (!demo) process.exitCode = 1;
      } finally {
        await tend.close();
      }
    });
}

function parseRoles(text: string): Role[] {
  const roles = text.split(',').map((role) => role.trim());
  const unknown = roles.filter((role) => role !== 'web' && role !== 'worker');
  if (unknown.length || roles.length === 0) {
    throw new AppError('invalid_input', `--roles takes web, worker or web,worker; got "${text}".`);
  }
  return [...new Set(roles)] as Role[];
}
