import type { Services } from '..';
import { createServices } from '..';
import { addMonths } from '../../domain/ledger/months';
import type { DemoPeople } from './demo-seed';
import type { DemoTicketIds } from './demo-tickets';
import { SimulatedClock } from './sim-clock';

const HOUR = 3_600_000;

/**
 * Change proposals in the demo: last month Hallam approved a store-finder redesign, which was delivered as a
 * project with its own time (never drawn from the retainer); this month its loyalty-programme request has a
 * proposal waiting for Priya's decision.
 */
export async function seedDemoProposals(
  services: Services,
  people: DemoPeople,
  tickets: DemoTicketIds,
  now: Date,
): Promise<void> {
  const clock = new SimulatedClock(now);
  const sim = createServices({ ...services.deps, clock });
  await seedDeliveredProject(sim, clock, people, now);
  const loyalty = tickets.loyalty;
  if (loyalty) {
    clock.set(new Date(now.getTime() - 4 * 24 * HOUR));
    const draft = await sim.proposals.draft(people.admin, loyalty.id, {
      title: 'Loyalty programme',
      scope: [
        'Points for repeat customers, shown in their account:',
        '',
        '- one point per pound spent, credited when the order ships',
        '- a rewards page listing what points buy',
        '- redeeming points as a discount code at checkout',
      ].join('\n'),
      assumptions:
        'The shop platform’s discount API covers single-use codes. Reward texts and images come from Hallam.',
      estimateMinutes: 40 * 60,
    });
    await sim.proposals.send(people.admin, draft.id);
  }
  clock.set(now);
}

async function seedDeliveredProject(
  sim: Services,
  clock: SimulatedClock,
  people: DemoPeople,
  now: Date,
): Promise<void> {
  const month = addMonths(now.toISOString().slice(0, 7), -1);
  const date = (day: number) => `${month}-${String(day).padStart(2, '0')}`;
  const at = (day: number, time: string) => clock.set(new Date(`${date(day)}T${time}:00Z`));
  at(2, '09:00');
  const { ticket } = await sim.ticketCommands.create(people.priya, {
    subject: 'Redesign the store finder',
    body: 'The store finder is hard to use on phones. Could it show a map and filter by opening hours?',
    priority: 'low',
    requestType: 'redesign',
  });
  at(2, '11:00');
  await sim.ticketCommands.transition(people.mara, ticket.id, {
    status: 'acknowledged',
    comment: 'A redesign is change work under your agreement: we will send you a proposal this afternoon.',
  });
  at(2, '15:00');
  const draft = await sim.proposals.draft(people.mara, ticket.id, {
    title: 'Store finder redesign',
    scope: [
      '- a map of all stores, clustered when zoomed out',
      '- filters for “open now” and opening hours',
      '- a phone-first layout of the results list',
    ].join('\n'),
    assumptions: 'Map tiles from the provider Hallam already licenses.',
    estimateMinutes: 16 * 60,
  });
  await sim.proposals.send(people.mara, draft.id);
  at(3, '10:00');
  const approved = await sim.proposals.decide(
    people.priya,
    draft.id,
    'approved',
    'Approved — please start after the sale weekend.',
  );
  const work: [day: number, minutes: number, who: 'mara' | 'tomas', what: string][] = [
    [6, 240, 'mara', 'Store map and clustering'],
    [10, 300, 'tomas', 'Opening-hours filters'],
    [14, 180, 'mara', 'Phone layout of the results'],
    [17, 150, 'tomas', 'Testing and release'],
  ];
  for (const [day, minutes, who, description] of work) {
    at(day, '16:30');
    await sim.timeEntries.create(people[who], {
      ticketId: ticket.id,
      projectId: approved.projectId ?? undefined,
      date: date(day),
      minutes,
      category: 'enhancement',
      billable: true,
      description,
    });
  }
  at(20, '16:00');
  await sim.ticketCommands.transition(people.mara, ticket.id, {
    status: 'resolved',
    comment: 'The new store finder is live.',
  });
  if (approved.projectId) await sim.projects.close(people.mara, approved.projectId, 'completed');
}
