import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { hashPassword } from '../secrets';
import { toActor } from '../auth-service';
import type { Actor } from '../context';

export interface AgencyBootstrap {
  name: string;
  slug: string;
  timeZone: string;
  admin: { email: string; name: string; password: string };
}

/** The first organisation and its first admin: everything else is created through the services by them. */
export async function bootstrapAgency(
  db: Kysely<Database>,
  input: AgencyBootstrap,
  now: Date,
): Promise<Actor> {
  const passwordHash = await hashPassword(input.admin.password);
  return db.transaction().execute(async (trx) => {
    const agency = await trx
      .insertInto('organizations')
      .values({
        kind: 'agency',
        name: input.name,
        slug: input.slug,
        time_zone: input.timeZone,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const admin = await trx
      .insertInto('users')
      .values({
        organization_id: agency.id,
        email: input.admin.email,
        name: input.admin.name,
        role: 'agency_admin',
        password_hash: passwordHash,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toActor(admin);
  });
}
