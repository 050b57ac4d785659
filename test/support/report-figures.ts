import type { MonthlyReportFigures, ReportClockCompliance } from '../../src/domain/report/report-model';

/**
 * Hand-made report figures for the renderer and PDF tests: a February with some of everything (a breach, a
 * rolled maintenance item, an overage, pending decisions) for a client whose name needs more than ASCII.
 */
export const CLIENT_NAME = 'Café Zürich — Größe';

function clock(due: number, met: number, breached: number, open = 0): ReportClockCompliance {
  const decided = met + breached;
  return {
    due,
    met,
    breached,
    open,
    compliancePercent: decided === 0 ? null : Math.round((met / decided) * 1000) / 10,
  };
}

function burnDown(startMinutes: number, perDay: number[]): Array<{ date: string; remainingMinutes: number }> {
  let remaining = startMinutes;
  return perDay.map((used, index) => {
    remaining -= used;
    return { date: `2026-02-${String(index + 1).padStart(2, '0')}`, remainingMinutes: remaining };
  });
}

/** Minutes used on each day of February: 1,530 in all, 30 more than the 1,500 available. */
const FEBRUARY_USE = [
  0, 60, 90, 30, 0, 0, 0, 120, 45, 60, 30, 90, 0, 0, 60, 30, 0, 180, 90, 0, 0, 0, 60, 45, 30, 120, 240, 150,
];

export function fullReportFigures(): MonthlyReportFigures {
  return {
    version: 1,
    month: '2026-02',
    client: {
      id: '7d3c9f1e-1111-4a4a-9b9b-000000000001',
      name: CLIENT_NAME,
      slug: 'cafe-zurich',
      timeZone: 'Europe/Zurich',
    },
    agency: { name: 'Tidewater Digital' },
    period: {
      from: '2026-01-31T23:00:00.000Z',
      to: '2026-02-28T23:00:00.000Z',
      timeZone: 'Europe/Zurich',
      asOf: '2026-02-28T23:00:00.000Z',
      complete: true,
    },
    generatedAt: '2026-03-02T07:00:00.000Z',
    currency: 'EUR',
    requests: {
      received: {
        total: 14,
        byKind: { support: 9, maintenance: 4, change: 1 },
        byPriority: { critical: 1, high: 3, medium: 6, low: 4 },
      },
      resolved: {
        total: 12,
        byKind: { support: 8, maintenance: 4, change: 0 },
        byPriority: { critical: 1, high: 3, medium: 5, low: 3 },
      },
      openAtStart: 3,
      openAtEnd: 5,
      medianResolutionMinutes: 610,
    },
    sla: {
      policyName: 'Standard support',
      tiers: [
        {
          priority: 'critical',
          definition: 'Production down, data loss risk or a security breach',
          responseTarget: '30 minutes, around the clock',
          resolutionTarget: '4 hours, around the clock',
          response: clock(1, 1, 0),
          resolution: clock(1, 0, 1),
        },
        {
          priority: 'high',
          definition: 'A major function is down and there is no workaround',
          responseTarget: '2 business hours',
          resolutionTarget: '2 business days',
          response: clock(3, 3, 0),
          resolution: clock(3, 3, 0),
        },
        {
          priority: 'medium',
          definition: 'Impaired, a workaround exists',
          responseTarget: '1 business day',
          resolutionTarget: '5 business days',
          response: clock(6, 6, 0),
          resolution: clock(5, 4, 1),
        },
        {
          priority: 'low',
          definition: 'Cosmetic',
          responseTarget: '2 business days',
          resolutionTarget: 'end of the next maintenance window',
          response: clock(4, 4, 0),
          resolution: clock(3, 3, 0, 1),
        },
      ],
      total: { response: clock(14, 14, 0), resolution: clock(12, 10, 2, 1) },
      breaches: [
        {
          ticket: {
            number: 1042,
            subject: 'Kasse: Zahlungen schlagen fehl <TWINT>',
            priority: 'critical',
            kind: 'support',
          },
          clock: 'resolution',
          dueAt: '2026-02-07T14:30:00.000Z',
          breachedAt: '2026-02-07T14:30:00.000Z',
          explanation: [
            'Created 7 Feb 2026, 10:30 (Europe/Zurich) as critical: resolution due in 4 hours, around the clock.',
            'Waiting on the client 11:10–11:40: the clock paused for 30 minutes.',
            'Due 15:30; resolved 16:05 — 35 minutes late.',
          ],
        },
        {
          ticket: {
            number: 1051,
            subject: 'Menu PDF shows “Kaffee & Kuchen” garbled',
            priority: 'medium',
            kind: 'support',
          },
          clock: 'resolution',
          dueAt: '2026-02-20T16:00:00.000Z',
          breachedAt: '2026-02-20T16:00:00.000Z',
          explanation: [
            'Created 13 Feb 2026, 09:12 (Europe/Zurich) as medium: resolution due in 5 business days.',
            'Still open at the due time.',
          ],
        },
      ],
    },
    hours: {
      retainers: [
        {
          agreementId: '7d3c9f1e-2222-4a4a-9b9b-000000000002',
          agreementName: 'Monthly care retainer',
          rolloverMonths: 1,
          overageRateCents: 10000,
          allocationMinutes: 1200,
          rolledInMinutes: 300,
          usedMinutes: 1530,
          usedByCategory: { bugfix: 780, enhancement: 240, advisory: 150, maintenance: 360 },
          remainingMinutes: 0,
          expiredMinutes: 0,
          expiringAtMonthEndMinutes: 0,
          expiringNextMonthMinutes: 0,
          overageMinutes: 30,
          overageCents: 5000,
          nonBillableMinutes: 45,
          changeWorkMinutes: 0,
          burnDown: burnDown(1500, FEBRUARY_USE).map((point) => ({
            ...point,
            remainingMinutes: Math.max(0, point.remainingMinutes),
          })),
          trend: [
            {
              month: '2025-09',
              allocationMinutes: 1200,
              rolledInMinutes: 0,
              usedMinutes: 900,
              expiredMinutes: 0,
              overageMinutes: 0,
            },
            {
              month: '2025-10',
              allocationMinutes: 1200,
              rolledInMinutes: 300,
              usedMinutes: 1000,
              expiredMinutes: 0,
              overageMinutes: 0,
            },
            {
              month: '2025-11',
              allocationMinutes: 1200,
              rolledInMinutes: 200,
              usedMinutes: 1380,
              expiredMinutes: 180,
              overageMinutes: 0,
            },
            {
              month: '2025-12',
              allocationMinutes: 1200,
              rolledInMinutes: 20,
              usedMinutes: 700,
              expiredMinutes: 0,
              overageMinutes: 0,
            },
            {
              month: '2026-01',
              allocationMinutes: 1200,
              rolledInMinutes: 500,
              usedMinutes: 1400,
              expiredMinutes: 0,
              overageMinutes: 0,
            },
            {
              month: '2026-02',
              allocationMinutes: 1200,
              rolledInMinutes: 300,
              usedMinutes: 1530,
              expiredMinutes: 0,
              overageMinutes: 30,
            },
          ],
        },
      ],
      payAsYouGo: [
        {
          agreementId: '7d3c9f1e-3333-4a4a-9b9b-000000000003',
          agreementName: 'Ad-hoc work',
          hourlyRateCents: 12000,
          ticketsBilled: 2,
          billableMinutes: 150,
          amountCents: 30000,
        },
      ],
      projects: [
        { name: 'Online shop for Größe Kaffeebohnen', minutes: 480, budgetMinutes: 2400, totalMinutes: 960 },
      ],
    },
    maintenance: {
      held: [
        {
          title: 'February maintenance',
          startsAt: '2026-02-10T17:00:00.000Z',
          endsAt: '2026-02-10T21:00:00.000Z',
          capacityMinutes: 240,
          status: 'closed',
          minutesLogged: 210,
          done: [
            { number: 1030, subject: 'Update dependencies (monthly)', priority: 'low', kind: 'maintenance' },
            {
              number: 1033,
              subject: 'Rotate the payment API secret',
              priority: 'medium',
              kind: 'maintenance',
            },
          ],
          rolled: [
            {
              number: 1037,
              subject: 'Footer logo is blurry on retina',
              priority: 'low',
              kind: 'maintenance',
              rollCount: 2,
            },
          ],
        },
      ],
      upcoming: {
        asOf: '2026-03-02T07:00:00.000Z',
        windows: [
          {
            title: 'March maintenance',
            startsAt: '2026-03-10T17:00:00.000Z',
            endsAt: '2026-03-10T21:00:00.000Z',
            capacityMinutes: 240,
            plannedMinutes: 210,
            items: [
              {
                number: 1037,
                subject: 'Footer logo is blurry on retina',
                priority: 'low',
                kind: 'maintenance',
                estimateMinutes: 60,
                rollCount: 2,
              },
              {
                number: 1055,
                subject: 'Run the quarterly security scan',
                priority: 'medium',
                kind: 'maintenance',
                estimateMinutes: 150,
                rollCount: 0,
              },
            ],
          },
        ],
      },
    },
    pending: {
      estimates: [
        {
          ticket: {
            number: 1048,
            subject: 'Add a gift-card option at checkout',
            priority: 'medium',
            kind: 'support',
          },
          minutes: 360,
          amountCents: 72000,
          requestedAt: '2026-02-24T10:00:00.000Z',
        },
      ],
      proposals: [
        {
          ticket: { number: 1050, subject: 'Loyalty programme', priority: 'low', kind: 'change' },
          title: 'Loyalty programme: stamps in the app',
          estimateMinutes: 2400,
          amountCents: 480000,
          sentAt: '2026-02-26T13:00:00.000Z',
        },
      ],
    },
  };
}

/** A quiet month: no requests, no SLA policy, no agreements with hours, no maintenance, nothing pending. */
export function emptyReportFigures(): MonthlyReportFigures {
  const full = fullReportFigures();
  const none = {
    total: 0,
    byKind: { support: 0, maintenance: 0, change: 0 },
    byPriority: { critical: 0, high: 0, medium: 0, low: 0 },
  };
  return {
    ...full,
    requests: { received: none, resolved: none, openAtStart: 0, openAtEnd: 0, medianResolutionMinutes: null },
    sla: {
      policyName: null,
      tiers: [],
      total: { response: clock(0, 0, 0), resolution: clock(0, 0, 0) },
      breaches: [],
    },
    hours: { retainers: [], payAsYouGo: [], projects: [] },
    maintenance: { held: [], upcoming: { asOf: full.generatedAt, windows: [] } },
    pending: { estimates: [], proposals: [] },
  };
}
