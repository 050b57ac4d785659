import type { Command } from 'commander';
import { createTend, type Tend } from '../app';
import { loadConfig } from '../config';
import { AppError } from '../errors';
import { UserCreateBody } from '../schemas/access';
import { toActor } from '../services/auth-service';
import { bootstrapAgency } from '../services/seed/bootstrap';
import { generateSecret } from '../services/secrets';

async function withTend<T>(work: (tend: Tend) => Promise<T>): Promise<T> {
  const tend = await createTend(loadConfig());
  try {
    return await work(tend);
  } finally {
    await tend.close();
  }
}

/** The CLI acts as the agency's first admin: it is run by whoever holds the server's configuration. */
async function systemActor(tend: Tend) {
  const admin = await tend.database.db
    .selectFrom('users')
    .selectAll()
    .where('role', '=', 'agency_admin')
    .where('disabled_at', 'is', null)
    .orderBy('created_at')
    .executeTakeFirst();
  if (!admin)
    throw new AppError(
      'not_found',
      'There is no agency admin yet: create one with `tend user create --agency "Name" …`.',
    );
  return toActor(admin);
}

export function registerAdminCommands(program: Command): void {
  const user = program.command('user').description('Manage users');
  user
    .command('create')
    .description('Create a user (the first one with --agency creates the agency too)')
    .requiredOption('--email <email>')
    .requiredOption('--name <name>')
    .option('--role <role>', 'agency_admin | agency_engineer | client_admin | client_member', 'agency_admin')
    .option('--org <slug>', 'the organisation (client or agency) by slug')
    .option('--agency <name>', 'create the agency organisation first (empty database only)')
    .option('--time-zone <zone>', 'the agency time zone with --agency', 'Europe/Berlin')
    .option('--password <password>', 'at least 10 characters; generated and printed when omitted')
    .action(
      async (options: {
        email: string;
        name: string;
        role: string;
        org?: string;
        agency?: string;
        timeZone: string;
        password?: string;
      }) => {
        const password = options.password ?? generateSecret().slice(0, 20);
        await withTend(async (tend) => {
          if (options.agency) {
            const slug =
              options.agency
                .toLowerCase()
                .replace(/[^a-z0-9]+/g, '-')
                .replace(/^-|-$/g, '')
                .slice(0, 60) || 'agency';
            const existing = await tend.database.db
              .selectFrom('organizations')
              .select('id')
              .where('kind', '=', 'agency')
              .executeTakeFirst();
            if (existing)
              throw new AppError(
                'conflict',
                'This installation has an agency already; use --org instead of --agency.',
              );
            await bootstrapAgency(
              tend.database.db,
              {
                name: options.agency,
                slug,
                timeZone: options.timeZone,
                admin: { email: options.email, name: options.name, password },
              },
              new Date(),
            );
          } else {
            if (!options.org)
              throw new AppError(
                'invalid_input',
                'Give --org <slug> (or --agency <name> for the very first user).',
              );
            const org = await tend.services.clients.findBySlug(options.org);
            const input = UserCreateBody.safeParse({
              organizationId: org.id,
              email: options.email,
              name: options.name,
              role: options.role,
              password,
            });
            if (!input.success)
              throw new AppError('invalid_input', 'Invalid user', {
                issues: input.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
              });
            await tend.services.users.create(await systemActor(tend), input.data);
          }
        });
        process.stdout.write(
          `Created ${options.email}${options.password ? '' : ` with the password ${password}`}\n`,
        );
      },
    );

  program
    .command('token')
    .description('Manage API tokens')
    .command('create')
    .description('Create an API token for a user and print it (shown once)')
    .requiredOption('--email <email>', 'the user the token acts as')
    .option('--name <name>', 'a label for the token', 'cli')
    .action(async (options: { email: string; name: string }) => {
      const token = await withTend(async (tend) => {
        const row = await tend.database.db
          .selectFrom('users')
          .selectAll()
          .where((eb) => eb(eb.fn('lower', ['email']), '=', options.email.toLowerCase()))
          .executeTakeFirst();
        if (!row) throw new AppError('not_found', `No user with the email ${options.email}.`);
        return tend.services.auth.createApiToken(toActor(row), options.name);
      });
      process.stdout.write(`${token.token}\n`);
    });
}
