/**
 * Demo-sized report data for many clients, written straight into a migrated Tend database with bulk inserts
 * (building it through the API would take longer than the benchmark). Each client has what a demo client
 * has: a 12-hour retainer with rollover under the standard SLA policy and, every month, a handful of
 * tickets with their histories (one waits on the client, some breach, one runs into the next month), a
 * dozen time entries in every category, a maintenance window with its outcomes, and a pending estimate.
 * Deterministic: a seeded generator, so every run builds the same data.
 */
import type { Insertable } from 'kysely';
import type { TicketEventsTable, TimeEntriesTable } from '../src/db/schema';
import { defaultSlaTiers, type Priority } from '../src/domain/sla/sla-policy';
import type { Actor } from '../src/services/context';
import type { Services } from '../src/services';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PRIORITY_MIX: Priority[] = ['critical', 'high', 'medium', 'medium', 'low', 'low'];
const KINDS = ['support', 'support', 'maintenance', 'support', 'maintenance', 'change'] as const;
const CATEGORIES = ['bugfix', 'enhancement', 'advisory', 'maintenance'] as const;

export interface ReportBenchData {
  clientIds: string[];
  /** The months with data, oldest first ('YYYY-MM'). */
  months: string[];
}

/** mulberry32: tiny, fast, the same sequence on every machine. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x ^= x + Math.imul(x ^ (x >>> 7), 61 | x);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const monthKey = (year: number, month0: number): string => {
  const d = new Date(Date.UTC(year, month0, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
};

async function insertChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await insert(rows.slice(i, i + 500));
}

/** Builds `clients` clients with `months` months of data ending with the month before `now`. */
export async function buildReportBenchData(
  services: Services,
  admin: Actor,
  options: { clients: number; months: number; now: Date },
): Promise<ReportBenchData> {
  const db = services.deps.db;
  const random = createRandom(20_261_122);
  const calendar = await services.calendars.create(admin, {
    name: 'London office',
    timeZone: 'Europe/London',
    weekly: {
      mon: [['09:00', '17:30']],
      tue: [['09:00', '17:30']],
      wed: [['09:00', '17:30']],
      thu: [['09:00', '17:30']],
      fri: [['09:00', '17:30']],
      sat: [],
      sun: [],
    },
    holidays: [],
  });
  const policy = await services.slaPolicies.create(admin, {
    name: 'Standard',
    calendarId: calendar.id,
    rules: { tiers: defaultSlaTiers() },
  });
  const engineer = admin.userId;
  const start = new Date(
    Date.UTC(options.now.getUTCFullYear(), options.now.getUTCMonth() - options.months, 1),
  );
  const months = Array.from({ length: options.months }, (_, i) =>
    monthKey(start.getUTCFullYear(), start.getUTCMonth() + i),
  );
  const clientIds: string[] = [];

  for (let c = 0; c < options.clients; c += 1) {
    const slug = `bench-client-${String(c).padStart(3, '0')}`;
    const client = await db
      .insertInto('organizations')
      .values({ kind: 'client', name: `Bench Client ${c} — Größe`, slug, time_zone: 'Europe/London' })
      .returning('id')
      .executeTakeFirstOrThrow();
    clientIds.push(client.id);
    const now = new Date();
    const agreement = await db
      .insertInto('agreements')
      .values({
        client_id: client.id,
        kind: 'retainer',
        name: 'Monthly retainer',
        starts_on: `${months[0]}-01`,
        time_zone: 'Europe/London',
        sla_policy_id: policy.id,
        terms: JSON.stringify({ monthlyHours: 12, rolloverMonths: 1, overageRateCents: 9500 }),
        coverage: JSON.stringify({ covered: ['bug'], estimateRequired: ['enhancement'], changeWork: [] }),
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    const events: Insertable<TicketEventsTable>[] = [];
    const entries: Insertable<TimeEntriesTable>[] = [];
    for (const [m, month] of months.entries()) {
      const monthStart = Date.parse(`${month}-01T00:00:00Z`);
      const window = await db
        .insertInto('maintenance_windows')
        .values({
          agreement_id: agreement.id,
          title: `Maintenance ${month}`,
          starts_at: new Date(monthStart + 12 * DAY + 18 * HOUR),
          ends_at: new Date(monthStart + 12 * DAY + 22 * HOUR),
          capacity_minutes: 240,
          status: 'closed',
          closed_at: new Date(monthStart + 12 * DAY + 22 * HOUR),
          release_notes: `Maintenance ${month}: dependencies updated.`,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (let k = 0; k < PRIORITY_MIX.length; k += 1) {
        const priority = PRIORITY_MIX[k] as Priority;
        const created = monthStart + (1 + Math.floor(random() * 26)) * DAY + (9 + random() * 7) * HOUR;
        const crossesMonth = k === 5 && m < months.length - 1;
        const ticket = await db
          .insertInto('tickets')
          .values({
            client_id: client.id,
            agreement_id: agreement.id,
            subject: `Request ${m}-${k} for ${slug}`,
            body: 'Demo-sized request.',
            channel: 'portal',
            kind: KINDS[k] ?? 'support',
            priority,
            status: 'resolved',
            created_at: new Date(created),
            updated_at: new Date(created),
            resolved_at: new Date(created + (crossesMonth ? 20 : 2) * DAY),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const at = (offset: number) => new Date(created + offset);
        const ackAfter = (k === 1 ? 10 : 1) * HOUR; // the high ticket breaches its response
        events.push(
          { ticket_id: ticket.id, at: at(0), type: 'created', data: JSON.stringify({ priority }) },
          { ticket_id: ticket.id, at: at(ackAfter), type: 'acknowledged', data: '{}' },
          {
            ticket_id: ticket.id,
            at: at(ackAfter),
            type: 'status_changed',
            data: JSON.stringify({ from: 'new', to: 'acknowledged' }),
          },
        );
        if (k === 2) {
          events.push(
            {
              ticket_id: ticket.id,
              at: at(5 * HOUR),
              type: 'status_changed',
              data: JSON.stringify({ from: 'acknowledged', to: 'waiting_on_client' }),
            },
            {
              ticket_id: ticket.id,
              at: at(DAY),
              type: 'status_changed',
              data: JSON.stringify({ from: 'waiting_on_client', to: 'in_progress' }),
            },
          );
        }
        events.push({
          ticket_id: ticket.id,
          at: at((crossesMonth ? 20 : 2) * DAY),
          type: 'status_changed',
          data: JSON.stringify({ from: 'in_progress', to: 'resolved' }),
        });
        if (k < 3) {
          await db
            .insertInto('window_outcomes')
            .values({ window_id: window.id, ticket_id: ticket.id, outcome: k === 2 ? 'rolled' : 'done' })
            .execute();
        }
        if (k === 3 && m === months.length - 1) {
          await db
            .insertInto('estimates')
            .values({
              ticket_id: ticket.id,
              agreement_id: agreement.id,
              minutes: 240,
              amount_cents: 38_000,
              note: 'Estimate',
              requested_by: engineer,
              created_at: at(2 * HOUR),
            })
            .execute();
        }
        for (let e = 0; e < 2; e += 1) {
          const day = new Date(created + e * DAY).toISOString().slice(0, 10);
          entries.push({
            agreement_id: agreement.id,
            ticket_id: ticket.id,
            user_id: engineer,
            work_date: day < `${month}-01` ? `${month}-01` : day,
            minutes: 30 + Math.floor(random() * 6) * 15,
            category: CATEGORIES[(k + e) % CATEGORIES.length] ?? 'bugfix',
            billable: k !== 4 || e !== 1,
            description: 'Work',
            window_id: k < 2 && e === 0 ? window.id : null,
            created_at: now,
            updated_at: now,
          });
        }
      }
    }
    await insertChunks(events, (chunk) => db.insertInto('ticket_events').values(chunk).execute());
    await insertChunks(entries, (chunk) => db.insertInto('time_entries').values(chunk).execute());
  }
  return { clientIds, months };
}
