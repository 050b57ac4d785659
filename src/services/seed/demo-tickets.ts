import type { Services } from '..';
import type { Actor } from '../context';
import { createServices } from '..';
import type { DemoPeople } from './demo-seed';
import { SimulatedClock } from './sim-clock';

type Step =
  | { h: number; by: keyof DemoPeople; ack: string }
  | {
      h: number;
      by: keyof DemoPeople;
      status: 'in_progress' | 'waiting_on_client' | 'resolved' | 'closed';
      comment?: string;
      reason?: string;
    }
  | { h: number; by: keyof DemoPeople; reply: string; internal?: boolean }
  | { h: number; by: keyof DemoPeople; priority: 'critical' | 'high' | 'medium' | 'low'; reason: string }
  | { h: number; by: keyof DemoPeople; assign: keyof DemoPeople }
  | { h: number; by: keyof DemoPeople; estimateMinutes: number; note: string }
  | { h: number; by: keyof DemoPeople; approveEstimate: true };

interface DemoTicket {
  key: string;
  client: 'hallam' | 'brightside' | 'kestrel';
  requester: keyof DemoPeople;
  subject: string;
  body: string;
  priority: 'critical' | 'high' | 'medium' | 'low';
  kind?: 'support' | 'maintenance' | 'change';
  requestType?: string;
  channel: 'portal' | 'email' | 'slack' | 'api' | 'phone' | 'monitoring';
  hoursAgo: number;
  steps: Step[];
}

const DAY = 24;

const TICKETS: DemoTicket[] = [
  {
    key: 'checkout',
    client: 'hallam',
    requester: 'priya',
    channel: 'email',
    priority: 'critical',
    requestType: 'incident',
    hoursAgo: 3,
    subject: 'Checkout fails with HTTP 500 for PayPal payments',
    body: 'Since this morning every PayPal checkout ends on an error page. Card payments still work.',
    steps: [
      { h: 0.1, by: 'admin', assign: 'mara' },
      {
        h: 0.6,
        by: 'mara',
        ack: 'Confirmed: the PayPal webhook secret was rotated by the provider. Hotfix in progress, ETA two hours.',
      },
      { h: 0.8, by: 'mara', status: 'in_progress' },
    ],
  },
  {
    key: 'images',
    client: 'hallam',
    requester: 'owen',
    channel: 'portal',
    priority: 'high',
    requestType: 'bug',
    hoursAgo: 3 * DAY,
    subject: 'Product images missing on category pages',
    body: 'Category pages show grey boxes instead of product photos on mobile.',
    steps: [],
  },
  {
    key: 'stock',
    client: 'hallam',
    requester: 'priya',
    channel: 'slack',
    priority: 'medium',
    requestType: 'bug',
    hoursAgo: 2.2 * DAY,
    subject: 'Stock sync with the warehouse runs late',
    body: 'Stock levels lag the warehouse by several hours since Monday.',
    steps: [
      {
        h: 2,
        by: 'tomas',
        ack: 'The sync job is queueing behind the nightly export. Can you send us the warehouse export log from Monday?',
      },
      { h: 2.5, by: 'tomas', status: 'waiting_on_client', reason: 'waiting for the warehouse log' },
    ],
  },
  {
    key: 'deps',
    client: 'hallam',
    requester: 'mara',
    channel: 'api',
    priority: 'low',
    kind: 'maintenance',
    requestType: 'dependency_update',
    hoursAgo: 10 * DAY,
    subject: 'Monthly dependency and security updates',
    body: 'Node.js 22 LTS patch release, Next.js minor update, two advisories in transitive packages.',
    steps: [
      { h: 4, by: 'mara', ack: 'Planned for this month’s maintenance window.' },
      { h: 30, by: 'mara', status: 'in_progress' },
    ],
  },
  {
    key: 'typo',
    client: 'hallam',
    requester: 'owen',
    channel: 'portal',
    priority: 'low',
    requestType: 'small_enhancement',
    hoursAgo: 20 * DAY,
    subject: 'Typo on the returns page',
    body: '“recieve” should read “receive” in the second paragraph.',
    steps: [
      { h: 20, by: 'tomas', ack: 'Thanks — batched into the next release.' },
      { h: 96, by: 'tomas', status: 'resolved', comment: 'Fixed and deployed.' },
      { h: 140, by: 'owen', status: 'closed' },
    ],
  },
  {
    key: 'loyalty',
    client: 'hallam',
    requester: 'priya',
    channel: 'email',
    priority: 'medium',
    requestType: 'new_feature',
    hoursAgo: 6 * DAY,
    subject: 'A loyalty programme for repeat customers',
    body: 'We would like points per order and a rewards page.',
    steps: [
      {
        h: 5,
        by: 'admin',
        ack: 'This is new product work, so we will send a project proposal rather than use retainer hours.',
      },
    ],
  },
  {
    key: 'umlauts',
    client: 'hallam',
    requester: 'priya',
    channel: 'email',
    priority: 'medium',
    requestType: 'bug',
    hoursAgo: 40 * DAY,
    subject: 'Search results ignore umlauts',
    body: 'Searching “Schlafsäcke” finds nothing, “Schlafsacke” works.',
    steps: [
      {
        h: 3,
        by: 'tomas',
        ack: 'The search index uses an ASCII folding filter only at query time. Investigating.',
      },
      { h: 5, by: 'tomas', status: 'in_progress' },
      {
        h: 8,
        by: 'tomas',
        status: 'waiting_on_client',
        comment: 'Which other languages does the shop serve?',
      },
      { h: 50, by: 'priya', reply: 'German and English only.' },
      { h: 70, by: 'tomas', status: 'resolved', comment: 'Index rebuilt with folding on both sides.' },
      { h: 100, by: 'priya', status: 'in_progress', reason: 'still fails for “Überhosen”' },
      { h: 120, by: 'tomas', status: 'resolved', comment: 'Fixed the capitalised case too.' },
    ],
  },
  {
    key: 'newsletter',
    client: 'hallam',
    requester: 'owen',
    channel: 'portal',
    priority: 'medium',
    requestType: 'bug',
    hoursAgo: 45 * DAY,
    subject: 'Newsletter sign-up broken after the last deploy',
    body: 'The sign-up form spins forever.',
    steps: [
      { h: 1, by: 'admin', priority: 'high', reason: 'sign-ups are part of a running campaign' },
      {
        h: 2,
        by: 'mara',
        ack: 'The mail provider changed its API version; the client library is pinned to the old one.',
      },
      { h: 3, by: 'mara', status: 'in_progress' },
      { h: 80, by: 'mara', status: 'resolved', comment: 'Upgraded the client library and added a retry.' },
    ],
  },
  {
    key: 'newsletter-rca',
    client: 'hallam',
    requester: 'mara',
    channel: 'api',
    priority: 'low',
    kind: 'maintenance',
    requestType: 'bug',
    hoursAgo: 41 * DAY,
    subject: 'Root cause: contract test for the newsletter provider API',
    body: 'Follow-up of the newsletter incident: a contract test so an API change fails CI, not production.',
    steps: [{ h: 2, by: 'mara', ack: 'Scheduled for the next maintenance window.' }],
  },
  {
    key: 'invoice-pdf',
    client: 'hallam',
    requester: 'priya',
    channel: 'email',
    priority: 'high',
    requestType: 'bug',
    hoursAgo: 70 * DAY,
    subject: 'Invoice PDFs show the wrong VAT rate',
    body: 'Orders shipped to Austria show 19 % instead of 20 %.',
    steps: [
      { h: 1, by: 'tomas', ack: 'The tax table lacks the AT rate for digital goods. Fix today.' },
      { h: 2, by: 'tomas', status: 'in_progress' },
      { h: 6, by: 'tomas', status: 'resolved' },
      { h: 60, by: 'priya', status: 'closed' },
    ],
  },
  {
    key: 'booking',
    client: 'brightside',
    requester: 'lena',
    channel: 'email',
    priority: 'medium',
    requestType: 'bug',
    hoursAgo: 12 * DAY,
    subject: 'Online booking shows wrong opening hours',
    body: 'Saturday slots appear although the practice is closed on Saturdays.',
    steps: [
      { h: 3, by: 'tomas', estimateMinutes: 90, note: 'Fix the weekly schedule import and add a test.' },
      { h: 20, by: 'lena', approveEstimate: true },
      {
        h: 26,
        by: 'tomas',
        status: 'resolved',
        comment: 'Saturdays are closed again; the import now reads the practice calendar.',
      },
    ],
  },
  {
    key: 'gallery',
    client: 'brightside',
    requester: 'lena',
    channel: 'portal',
    priority: 'low',
    requestType: 'small_enhancement',
    hoursAgo: 2 * DAY,
    subject: 'Add a staff photo gallery to the team page',
    body: 'Six photos with names and roles.',
    steps: [
      {
        h: 4,
        by: 'tomas',
        estimateMinutes: 240,
        note: 'Gallery component, image optimisation, content entry.',
      },
    ],
  },
  {
    key: 'tracking',
    client: 'kestrel',
    requester: 'dana',
    channel: 'phone',
    priority: 'critical',
    requestType: 'incident',
    hoursAgo: 30,
    subject: 'Shipment tracking API returns 502',
    body: 'Customers cannot track parcels; the carrier dashboard shows timeouts.',
    steps: [
      {
        h: 0.6,
        by: 'tomas',
        ack: 'The tracking service ran out of database connections after the carrier retried in a loop. Restarting with a pool limit.',
      },
      { h: 0.7, by: 'tomas', status: 'in_progress' },
      {
        h: 5,
        by: 'tomas',
        status: 'resolved',
        comment: 'Pool limit and back-off deployed; error rate back to normal.',
      },
    ],
  },
  {
    key: 'labels',
    client: 'kestrel',
    requester: 'dana',
    channel: 'email',
    priority: 'low',
    requestType: 'bug',
    hoursAgo: 1.5 * DAY,
    subject: 'Carrier label layout is off by a few millimetres',
    body: 'The barcode touches the edge on the Zebra printers.',
    steps: [],
  },
  {
    key: 'driver-login',
    client: 'kestrel',
    requester: 'dana',
    channel: 'slack',
    priority: 'high',
    requestType: 'bug',
    hoursAgo: 20,
    subject: 'Driver app login is intermittently slow',
    body: 'Drivers wait up to 30 s at login during the morning shift change.',
    steps: [
      { h: 0.2, by: 'admin', assign: 'tomas' },
      { h: 2, by: 'tomas', ack: 'Login calls a slow token refresh; we are profiling it.' },
      { h: 3, by: 'tomas', status: 'in_progress' },
    ],
  },
];

export type DemoTicketIds = Record<string, { id: string; clientId: string }>;

export async function seedDemoTickets(
  services: Services,
  people: DemoPeople,
  clients: Record<DemoTicket['client'], string>,
  now: Date,
): Promise<DemoTicketIds> {
  const clock = new SimulatedClock(now);
  const sim = createServices({ ...services.deps, clock });
  const ids: DemoTicketIds = {};
  for (const spec of TICKETS) {
    const createdAt = new Date(now.getTime() - spec.hoursAgo * 3_600_000);
    clock.set(createdAt);
    const requester = people[spec.requester];
    const byClient = requester.role.startsWith('client');
    // Portal requests are raised by the client user; mail, Slack and phone arrive through the agency's
    // intake, which records the client user as the requester.
    const raisedInPortal = byClient && spec.channel === 'portal';
    const { ticket } = await sim.ticketCommands.create(raisedInPortal ? requester : people.admin, {
      ...(raisedInPortal ? {} : { clientId: clients[spec.client] }),
      ...(byClient && !raisedInPortal ? { requesterId: requester.userId } : {}),
      subject: spec.subject,
      body: spec.body,
      priority: spec.priority,
      channel: spec.channel,
      ...(spec.kind ? { kind: spec.kind } : {}),
      ...(spec.requestType ? { requestType: spec.requestType } : {}),
    });
    ids[spec.key] = { id: ticket.id, clientId: ticket.client_id };
    for (const step of spec.steps) {
      clock.set(new Date(Math.min(now.getTime(), createdAt.getTime() + step.h * 3_600_000)));
      await runStep(sim, people[step.by], ticket.id, step, people);
    }
  }
  clock.set(now);
  const incident = ids.newsletter;
  const followUp = ids['newsletter-rca'];
  if (incident && followUp)
    await sim.ticketCommands.link(people.mara, incident.id, { ticketId: followUp.id, kind: 'follow_up' });
  return ids;
}

async function runStep(
  sim: Services,
  actor: Actor,
  ticketId: string,
  step: Step,
  people: DemoPeople,
): Promise<void> {
  if ('ack' in step) {
    await sim.ticketCommands.transition(actor, ticketId, { status: 'acknowledged', comment: step.ack });
  } else if ('status' in step) {
    await sim.ticketCommands.transition(actor, ticketId, {
      status: step.status,
      ...(step.comment ? { comment: step.comment } : {}),
      ...(step.reason ? { reason: step.reason } : {}),
    });
  } else if ('reply' in step) {
    await sim.ticketCommands.comment(actor, ticketId, {
      body: step.reply,
      visibility: step.internal ? 'internal' : 'public',
      assessment: false,
    });
  } else if ('priority' in step) {
    await sim.ticketCommands.update(actor, ticketId, { priority: step.priority, reason: step.reason });
  } else if ('assign' in step) {
    await sim.ticketCommands.update(actor, ticketId, { assigneeId: people[step.assign].userId });
  } else if ('estimateMinutes' in step) {
    await sim.estimates.request(actor, ticketId, { minutes: step.estimateMinutes, note: step.note });
  } else {
    const [pending] = await sim.estimates.list(actor, { ticketId, status: 'pending' });
    if (pending) await sim.estimates.decide(actor, pending.id, 'approved', 'Go ahead.');
  }
}
