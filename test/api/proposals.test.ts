import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../support/databases';
import { createTestApp, type ApiResponse, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';

/*
 * Change proposals. Client A's retainer (world fixture) quotes change work at a project rate of 120.00 an
 * hour and lists `new_feature` as change work. The clock starts on Monday 2 March 2026, 09:00 in Berlin.
 */

const V1 = '/api/v1';
const MONTH = '2026-03';

function ok(res: ApiResponse, status = 200): any {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}

function failed(res: ApiResponse, status: number, code: string): any {
  expect({ status: res.status, code: res.body?.error?.code }, JSON.stringify(res.body)).toEqual({
    status,
    code,
  });
  return res.body.error;
}

const paths = (error: any): string[] => (error.details?.issues ?? []).map((issue: any) => issue.path);

describe.each(ENGINES)('change proposals on %s', (engine) => {
  let app: TestApp;
  let world: World;
  /** Client A's change ticket, its proposal (sent, then approved) and the project it became. */
  let ticketId: string;
  let proposalId: string;
  let projectId: string;

  beforeAll(async () => {
    // A dead SMTP address: mail is queued (and inspectable), never sent — tests run no workers.
    app = await createTestApp(engine, { env: { SMTP_URL: 'smtp://127.0.0.1:9' } });
    world = await buildWorld(app);
  });
  afterAll(async () => app?.close());

  const staff = () => app.as(world.engineer);
  const clientAdmin = () => app.as(world.clientA.admin);
  const clientMember = () => app.as(world.clientA.member);
  const ticket = async (id: string) => ok(await staff().get(`${V1}/tickets/${id}`));
  const eventTypes = async (id: string) =>
    (ok(await staff().get(`${V1}/tickets/${id}/events`)).items as any[]).map((e) => e.type);
  const ledger = async () =>
    ok(await staff().get(`${V1}/agreements/${world.clientA.retainerId}/ledger?month=${MONTH}`)).ledger;
  const count = async (table: 'proposals' | 'projects' | 'ticket_events' | 'time_entries' | 'audit_log') => {
    const result = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(
      app.tend.services.deps.db,
    );
    return Number(result.rows[0]!.n);
  };
  const counts = async () => ({
    proposals: await count('proposals'),
    projects: await count('projects'),
    events: await count('ticket_events'),
    timeEntries: await count('time_entries'),
    audit: await count('audit_log'),
  });
  const raiseChange = async (subject: string) => {
    const created = ok(
      await clientMember().post(`${V1}/tickets`, {
        subject,
        body: 'Points per order and a rewards page.',
        priority: 'medium',
        requestType: 'new_feature',
      }),
      201,
    );
    expect(created).toMatchObject({ kind: 'change', coverage: 'change_work' });
    return created.id as string;
  };
  const draftBody = {
    title: 'Loyalty programme',
    scope: '- Points per order\n- A rewards page',
    assumptions: 'The shop platform’s API allows custom fields.',
    estimateMinutes: 750,
  };

  it('prices a draft at the agreement’s project rate; drafts are the agency’s until sent', async () => {
    ticketId = await raiseChange('A loyalty programme');
    failed(await clientAdmin().post(`${V1}/tickets/${ticketId}/proposals`, draftBody), 403, 'forbidden');
    failed(
      await app.as(world.clientB.admin).post(`${V1}/tickets/${ticketId}/proposals`, draftBody),
      404,
      'not_found',
    );

    const draft = ok(await staff().post(`${V1}/tickets/${ticketId}/proposals`, draftBody), 201);
    proposalId = draft.id;
    // 750 min = 12.5 h at 120.00 an hour = 1,500.00
    expect(draft).toMatchObject({
      ticketId,
      agreementId: world.clientA.retainerId,
      clientId: world.clientA.id,
      title: 'Loyalty programme',
      estimateMinutes: 750,
      rateCents: 12000,
      amountCents: 150000,
      status: 'draft',
      createdBy: world.engineer.actor.userId,
      sentAt: null,
      projectId: null,
    });
    // Editing the draft reprices it: 100 min at 120.00 = 200.00.
    const edited = ok(await staff().patch(`${V1}/proposals/${proposalId}`, { estimateMinutes: 100 }));
    expect(edited).toMatchObject({ estimateMinutes: 100, amountCents: 20000, title: 'Loyalty programme' });
    const back = ok(await staff().patch(`${V1}/proposals/${proposalId}`, { estimateMinutes: 600 }));
    expect(back).toMatchObject({ estimateMinutes: 600, amountCents: 120000 });

    // The client does not see a draft: not listed, not found.
    expect(ok(await clientAdmin().get(`${V1}/proposals?ticketId=${ticketId}`)).items).toEqual([]);
    failed(await clientAdmin().get(`${V1}/proposals/${proposalId}`), 404, 'not_found');
    failed(await clientAdmin().post(`${V1}/proposals/${proposalId}/approve`), 404, 'not_found');
    // Nothing of the draft reaches the thread or the history.
    expect(await eventTypes(ticketId)).toEqual(['created']);

    // One proposal in play per ticket.
    const second = failed(
      await staff().post(`${V1}/tickets/${ticketId}/proposals`, { ...draftBody, title: 'Another' }),
      409,
      'conflict',
    );
    expect(paths(second)).toEqual(['ticketId']);
  });

  it('refuses a proposal for work that is not change work', async () => {
    const bug = ok(
      await clientMember().post(`${V1}/tickets`, { subject: 'Checkout broken', requestType: 'bug' }),
      201,
    );
    const before = await counts();
    const error = failed(
      await staff().post(`${V1}/tickets/${bug.id}/proposals`, draftBody),
      400,
      'invalid_input',
    );
    expect(paths(error)).toEqual(['ticketId']);
    expect(await counts()).toEqual(before);
  });

  it('an agreement without a project rate: a clear 400 and nothing stored', async () => {
    const sprint = ok(
      await app.as(world.admin).post(`${V1}/agreements`, {
        clientId: world.clientA.id,
        kind: 'sprint',
        name: 'Upgrade sprint',
        startsOn: '2026-03-01',
        terms: { feeCents: 500000, deliverables: [] },
      }),
      201,
    );
    const change = ok(
      await staff().post(`${V1}/tickets`, {
        clientId: world.clientA.id,
        agreementId: sprint.id,
        subject: 'A new booking flow',
        kind: 'change',
      }),
      201,
    );
    const before = await counts();
    const error = failed(
      await staff().post(`${V1}/tickets/${change.id}/proposals`, draftBody),
      400,
      'invalid_input',
    );
    expect(error.message).toContain('projectRateCents');
    expect(error.message).toContain('Upgrade sprint');
    expect(paths(error)).toEqual(['agreement.terms.projectRateCents']);
    expect(await counts()).toEqual(before);
    expect(ok(await staff().get(`${V1}/proposals?ticketId=${change.id}`)).items).toEqual([]);
  });

  it('prices pay-as-you-go change work at the hourly rate', async () => {
    const payg = ok(
      await app.as(world.admin).post(`${V1}/agreements`, {
        clientId: world.clientB.id,
        kind: 'payg',
        name: 'Pay as you go',
        startsOn: '2026-03-01',
        terms: { hourlyRateCents: 9500 },
      }),
      201,
    );
    const change = ok(
      await staff().post(`${V1}/tickets`, {
        clientId: world.clientB.id,
        agreementId: payg.id,
        subject: 'A partner portal',
        kind: 'change',
      }),
      201,
    );
    const draft = ok(
      await staff().post(`${V1}/tickets/${change.id}/proposals`, { ...draftBody, estimateMinutes: 100 }),
      201,
    );
    // 100 min / 60 × 95.00 = 158.333… → 158.33
    expect(draft).toMatchObject({ agreementId: payg.id, rateCents: 9500, amountCents: 15833 });
  });

  it('sending pauses the ticket’s clocks and tells the client’s admins', async () => {
    const before = await ticket(ticketId);
    expect(before.status).toBe('new');
    expect(before.sla.resolution.phase).toBe('running');
    failed(await clientAdmin().post(`${V1}/proposals/${proposalId}/send`), 404, 'not_found');

    const sent = ok(await staff().post(`${V1}/proposals/${proposalId}/send`));
    expect(sent).toMatchObject({ status: 'sent', sentAt: app.clock.now().toISOString() });
    const waiting = await ticket(ticketId);
    expect(waiting.status).toBe('waiting_on_client');
    expect(waiting.sla.response.phase).toBe('paused');
    expect(waiting.sla.resolution.phase).toBe('paused');
    expect(await eventTypes(ticketId)).toEqual([
      'created',
      'proposal_sent',
      'comment_added',
      'status_changed',
    ]);
    expect(waiting.comments.at(-1)).toMatchObject({ visibility: 'public' });
    expect(waiting.comments.at(-1).body).toContain('Proposal sent: Loyalty programme');
    expect(waiting.comments.at(-1).body).toContain('€1,200.00');

    // The client's admin is told in the app and by mail (queued on the request's thread); the member is not.
    const notes = ok(await clientAdmin().get(`${V1}/notifications`)).items;
    expect(notes).toEqual([
      expect.objectContaining({ kind: 'proposal_sent', ticketId, title: expect.stringContaining('Loyalty') }),
    ]);
    expect(ok(await clientMember().get(`${V1}/notifications`)).items).toEqual([]);
    const mail = ok(await staff().get(`${V1}/tickets/${ticketId}/emails`)).items;
    expect(mail.map((m: any) => [m.purpose, m.to, m.status])).toEqual([
      ['proposal', 'admin@client-a.test', 'pending'],
    ]);

    // Sent is final for editing.
    failed(
      await staff().patch(`${V1}/proposals/${proposalId}`, { title: 'Changed' }),
      409,
      'invalid_transition',
    );
    failed(await staff().post(`${V1}/proposals/${proposalId}/send`), 409, 'invalid_transition');
  });

  it('the client reads it; members may not decide, other clients find nothing', async () => {
    app.clock.advanceMinutes(60);
    const seen = ok(await clientMember().get(`${V1}/proposals/${proposalId}`));
    expect(seen).toMatchObject({ status: 'sent', scope: draftBody.scope, amountCents: 120000 });
    expect(ok(await clientMember().get(`${V1}/proposals?status=sent`)).items.map((p: any) => p.id)).toEqual([
      proposalId,
    ]);
    const before = await counts();
    failed(await clientMember().post(`${V1}/proposals/${proposalId}/approve`), 403, 'forbidden');
    failed(await clientMember().post(`${V1}/proposals/${proposalId}/decline`), 403, 'forbidden');
    failed(await staff().post(`${V1}/proposals/${proposalId}/approve`), 403, 'forbidden');
    const other = app.as(world.clientB.admin);
    failed(await other.get(`${V1}/proposals/${proposalId}`), 404, 'not_found');
    failed(await other.post(`${V1}/proposals/${proposalId}/approve`), 404, 'not_found');
    failed(await other.post(`${V1}/proposals/${proposalId}/decline`, { note: 'no' }), 404, 'not_found');
    expect(ok(await other.get(`${V1}/proposals?clientId=${world.clientA.id}`)).items).toEqual([]);
    expect(ok(await other.get(`${V1}/proposals?ticketId=${ticketId}`)).items).toEqual([]);
    expect(await counts()).toEqual(before);
    expect((await ticket(ticketId)).status).toBe('waiting_on_client');
  });

  it('the client admin approves: a project is set up and the ticket moves on', async () => {
    const approved = ok(
      await clientAdmin().post(`${V1}/proposals/${proposalId}/approve`, { note: 'Go ahead.' }),
    );
    expect(approved).toMatchObject({
      status: 'approved',
      decidedBy: world.clientA.admin.actor.userId,
      decidedAt: app.clock.now().toISOString(),
      decisionNote: 'Go ahead.',
    });
    projectId = approved.projectId;
    expect(projectId).toEqual(expect.any(String));

    const projects = ok(await clientMember().get(`${V1}/projects?clientId=${world.clientA.id}`)).items;
    expect(projects).toEqual([
      expect.objectContaining({
        id: projectId,
        proposalId,
        ticketId,
        clientId: world.clientA.id,
        name: 'Loyalty programme',
        status: 'active',
        budgetMinutes: 600,
        usedMinutes: 0,
        remainingMinutes: 600,
        amountCents: 120000,
      }),
    ]);
    const moved = await ticket(ticketId);
    expect(moved.status).toBe('in_progress');
    // The clocks run again; the hour spent waiting on the client is not counted against the agency.
    expect(moved.sla.resolution.phase).toBe('running');
    expect(moved.sla.resolution.pausedMinutes).toBe(60);
    expect(moved.comments.at(-1).body).toContain('Proposal approved: Loyalty programme');
    expect(moved.comments.at(-1).body).toContain('Go ahead.');
    expect((await eventTypes(ticketId)).slice(-3)).toEqual([
      'proposal_decided',
      'comment_added',
      'status_changed',
    ]);
    // The proposal's author hears of it.
    const notes = ok(await staff().get(`${V1}/notifications`)).items;
    expect(notes[0]).toMatchObject({ kind: 'proposal_decided', ticketId });
  });

  it('a second decision is refused and changes nothing', async () => {
    const before = await counts();
    failed(await clientAdmin().post(`${V1}/proposals/${proposalId}/approve`), 409, 'invalid_transition');
    failed(await clientAdmin().post(`${V1}/proposals/${proposalId}/decline`), 409, 'invalid_transition');
    failed(await staff().post(`${V1}/proposals/${proposalId}/withdraw`), 409, 'invalid_transition');
    expect(await counts()).toEqual(before);
    expect(ok(await clientAdmin().get(`${V1}/proposals/${proposalId}`)).status).toBe('approved');
  });

  it('project time is never drawn from the retainer', async () => {
    const before = await ledger();
    const entry = ok(
      await staff().post(`${V1}/time-entries`, {
        projectId, // no ticket, no agreement: the proposal's agreement is the default
        date: '2026-03-02',
        minutes: 90,
        category: 'enhancement',
        description: 'Points schema',
      }),
      201,
    );
    expect(entry).toMatchObject({ projectId, agreementId: world.clientA.retainerId, ticketId: null });
    const after = await ledger();
    expect(after.remainingMinutes).toBe(before.remainingMinutes);
    expect(after.usedMinutes).toBe(before.usedMinutes);
    expect(after.changeWorkMinutes).toBe(before.changeWorkMinutes + 90);

    // The same time on a support ticket, moved onto the project, stops drawing on the retainer too.
    const support = ok(
      await clientMember().post(`${V1}/tickets`, { subject: 'Slow search', requestType: 'bug' }),
      201,
    );
    const logged = ok(
      await staff().post(`${V1}/time-entries`, {
        ticketId: support.id,
        date: '2026-03-02',
        minutes: 30,
        category: 'bugfix',
      }),
      201,
    );
    expect((await ledger()).remainingMinutes).toBe(before.remainingMinutes - 30);
    ok(await staff().patch(`${V1}/time-entries/${logged.id}`, { projectId }));
    const moved = await ledger();
    expect(moved.remainingMinutes).toBe(before.remainingMinutes);
    expect(moved.changeWorkMinutes).toBe(before.changeWorkMinutes + 120);

    const project = ok(await staff().get(`${V1}/projects/${projectId}`));
    expect(project).toMatchObject({ usedMinutes: 120, remainingMinutes: 480 });
    expect(
      ok(await staff().get(`${V1}/time-entries?projectId=${projectId}`)).items.map((e: any) => e.minutes),
    ).toEqual(expect.arrayContaining([90, 30]));
  });

  it('project time must belong to the project’s client', async () => {
    const before = await counts();
    const error = failed(
      await staff().post(`${V1}/time-entries`, {
        agreementId: world.clientB.retainerId,
        projectId,
        date: '2026-03-02',
        minutes: 30,
        category: 'enhancement',
      }),
      400,
      'invalid_input',
    );
    expect(paths(error)).toEqual(['projectId']);
    expect(await counts()).toEqual(before);
    failed(await app.as(world.clientB.admin).get(`${V1}/projects/${projectId}`), 404, 'not_found');
    expect(ok(await app.as(world.clientB.admin).get(`${V1}/projects`)).items).toEqual([]);
  });

  it('declining moves the ticket on too, and sets up nothing', async () => {
    const id = await raiseChange('A gift card shop');
    const draft = ok(await staff().post(`${V1}/tickets/${id}/proposals`, draftBody), 201);
    ok(await staff().post(`${V1}/proposals/${draft.id}/send`));
    const projects = await count('projects');
    const declined = ok(
      await clientAdmin().post(`${V1}/proposals/${draft.id}/decline`, { note: 'Not this year.' }),
    );
    expect(declined).toMatchObject({ status: 'declined', decisionNote: 'Not this year.', projectId: null });
    expect(await count('projects')).toBe(projects);
    const after = await ticket(id);
    expect(after.status).toBe('in_progress');
    expect(after.comments.at(-1).body).toContain('Proposal declined: Loyalty programme');
    expect(after.comments.at(-1).body).toContain('Not this year.');
  });

  it('withdrawing: a draft quietly, a sent one in the thread (the clocks run again)', async () => {
    const id = await raiseChange('A mobile app');
    const first = ok(await staff().post(`${V1}/tickets/${id}/proposals`, draftBody), 201);
    ok(await staff().post(`${V1}/proposals/${first.id}/withdraw`));
    expect(await eventTypes(id)).toEqual(['created']);

    const second = ok(await staff().post(`${V1}/tickets/${id}/proposals`, draftBody), 201);
    ok(await staff().post(`${V1}/proposals/${second.id}/send`));
    failed(await clientAdmin().post(`${V1}/proposals/${second.id}/withdraw`), 403, 'forbidden');
    const withdrawn = ok(
      await staff().post(`${V1}/proposals/${second.id}/withdraw`, { note: 'We will re-scope it.' }),
    );
    expect(withdrawn.status).toBe('withdrawn');
    const after = await ticket(id);
    expect(after.status).toBe('in_progress');
    expect((await eventTypes(id)).slice(-3)).toEqual([
      'proposal_withdrawn',
      'comment_added',
      'status_changed',
    ]);
    failed(await clientAdmin().post(`${V1}/proposals/${second.id}/approve`), 409, 'invalid_transition');
    // The client sees the withdrawn one it was sent, never the draft withdrawn unsent.
    expect(ok(await clientAdmin().get(`${V1}/proposals?ticketId=${id}`)).items.map((p: any) => p.id)).toEqual(
      [second.id],
    );
  });

  it('bad input gets a 400 with field paths and changes nothing', async () => {
    const id = await raiseChange('A wishlist');
    const draft = ok(await staff().post(`${V1}/tickets/${id}/proposals`, draftBody), 201);
    const before = await counts();
    const invalid = failed(
      await staff().post(`${V1}/tickets/${id}/proposals`, {
        title: '  ',
        scope: '',
        estimateMinutes: 1.5,
      }),
      400,
      'invalid_input',
    );
    expect(paths(invalid).sort()).toEqual(['estimateMinutes', 'scope', 'title']);
    failed(
      await staff().post(`${V1}/tickets/${id}/proposals`, { ...draftBody, estimateMinutes: 0 }),
      400,
      'invalid_input',
    );
    failed(await staff().patch(`${V1}/proposals/${draft.id}`, {}), 400, 'invalid_input');
    const negative = failed(
      await staff().patch(`${V1}/proposals/${draft.id}`, { estimateMinutes: -60, title: 'Cheaper' }),
      400,
      'invalid_input',
    );
    expect(paths(negative)).toEqual(['estimateMinutes']);
    failed(await staff().get(`${V1}/proposals?status=pending`), 400, 'invalid_input');
    failed(await staff().get(`${V1}/proposals/not-a-uuid`), 400, 'invalid_input');
    failed(
      await staff().post(`${V1}/proposals/${draft.id}/withdraw`, { note: 'x'.repeat(10_001) }),
      400,
      'invalid_input',
    );
    const badProject = failed(
      await staff().post(`${V1}/time-entries`, {
        projectId: 'nope',
        date: '2026-03-02',
        minutes: 30,
        category: 'bugfix',
      }),
      400,
      'invalid_input',
    );
    expect(paths(badProject)).toContain('projectId');
    expect(await counts()).toEqual(before);
    expect(ok(await staff().get(`${V1}/proposals/${draft.id}`))).toMatchObject({
      title: 'Loyalty programme',
      estimateMinutes: 750,
      status: 'draft',
    });
  });

  it('staff complete a project; then no more time goes on it', async () => {
    failed(await clientAdmin().post(`${V1}/projects/${projectId}/complete`), 403, 'forbidden');
    failed(await app.as(world.clientB.admin).post(`${V1}/projects/${projectId}/cancel`), 404, 'not_found');
    const done = ok(await staff().post(`${V1}/projects/${projectId}/complete`));
    expect(done).toMatchObject({ status: 'completed', completedAt: app.clock.now().toISOString() });
    failed(await staff().post(`${V1}/projects/${projectId}/cancel`), 409, 'invalid_transition');
    const before = await counts();
    const late = failed(
      await staff().post(`${V1}/time-entries`, {
        projectId,
        date: '2026-03-02',
        minutes: 15,
        category: 'enhancement',
      }),
      400,
      'invalid_input',
    );
    expect(paths(late)).toEqual(['projectId']);
    expect(await counts()).toEqual(before);
    expect(
      ok(await staff().get(`${V1}/projects?clientId=${world.clientA.id}&status=completed`)).items.map(
        (p: any) => p.id,
      ),
    ).toEqual([projectId]);
  });
});
