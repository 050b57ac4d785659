import { expect, test, type Browser, type Page } from '@playwright/test';
import { AGENCY_ADMIN, CLIENT_ADMIN, logIn, saveScreenshot } from './support';

/** Each person in a browser of their own, logged in through the login page. */
async function browserOf(browser: Browser, user: { email: string; password: string }): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await logIn(page, user);
  return page;
}

/*
 * Change work from request to project. The test raises a fresh change request (Hallam's "new_feature" type is
 * change work under its retainer, quoted at the retainer's project rate of €110.00 an hour), so the demo's own
 * tickets stay as they are.
 */
test('the agency proposes change work, the client admin approves it in the portal, the agency sees the project', async ({
  browser,
}) => {
  const client = await browserOf(browser, CLIENT_ADMIN);
  const subject = `E2E wishlist ${Date.now()}`;
  const raised = await client.request.post('/api/v1/tickets', {
    data: {
      subject,
      body: 'Customers want to save products for later.',
      priority: 'medium',
      requestType: 'new_feature',
    },
  });
  expect(raised.status(), await raised.text()).toBe(201);
  const ticket = (await raised.json()) as { id: string; clientId: string; kind: string };
  expect(ticket.kind).toBe('change');

  // The agency drafts the proposal on the ticket page, checks the price, and sends it.
  const agency = await browserOf(browser, AGENCY_ADMIN);
  await agency.goto(`/tickets/${ticket.id}`);
  await expect(agency.getByRole('heading', { name: subject })).toBeVisible();
  const section = agency.getByRole('region', { name: 'Proposal' });
  await section.getByRole('button', { name: 'Draft proposal' }).click();
  const form = section.getByRole('form', { name: 'Draft a proposal' });
  await form.getByRole('textbox', { name: 'Title' }).fill('Wishlist');
  await form.getByRole('textbox', { name: 'Scope' }).fill('- a heart on every product\n- a wishlist page');
  await form.getByRole('textbox', { name: 'Assumptions' }).fill('Only for customers who are logged in.');
  await form.getByRole('textbox', { name: 'Estimate: hours' }).fill('12');
  await form.getByRole('textbox', { name: 'and minutes' }).fill('30');
  await expect(form.getByTestId('proposal-price-preview')).toHaveText(
    '12 h 30 min at €110.00 an hour = €1,375.00',
  );
  await form.getByRole('button', { name: 'Save draft' }).click();
  const card = section.getByTestId('proposal');
  await expect(card.getByTestId('proposal-status')).toHaveText('draft');
  await expect(card.getByTestId('proposal-hours')).toHaveText('12 h 30 min');
  await expect(card.getByTestId('proposal-price')).toHaveText('€1,375.00');
  await expect(card.getByRole('listitem').filter({ hasText: 'a wishlist page' })).toBeVisible();
  await card.getByRole('button', { name: 'Send to the client' }).click();
  await expect(card.getByTestId('proposal-status')).toHaveText('sent');
  // The ticket waits on the client while it decides.
  await expect(agency.getByTestId('ticket-status')).toHaveText('waiting on client');
  await saveScreenshot(agency, 'proposal-sent-agency');

  // The client admin finds it on the dashboard, reads it on the request and approves it with a note.
  await client.goto('/portal');
  const pending = client.getByTestId('pending-proposal').filter({ hasText: subject });
  await expect(pending).toContainText('12 h 30 min, €1,375.00');
  await saveScreenshot(client, 'proposal-portal-dashboard');
  await pending.getByRole('link', { name: 'Wishlist' }).click();
  await expect(client).toHaveURL(new RegExp(`/portal/requests/${ticket.id}$`));
  const proposal = client.getByTestId('portal-proposal');
  await expect(proposal.getByTestId('portal-proposal-price')).toHaveText('€1,375.00');
  await expect(proposal.getByTestId('portal-proposal-status')).toHaveText('awaiting your decision');
  await proposal.getByRole('textbox', { name: 'Note to the agency (optional)' }).fill('Go ahead, thanks.');
  await saveScreenshot(client, 'proposal-portal-request');
  await proposal.getByRole('button', { name: 'Approve proposal' }).click();
  await expect(proposal.getByTestId('portal-proposal-status')).toHaveText('approved');
  await expect(proposal.getByRole('button', { name: 'Approve proposal' })).toHaveCount(0);
  // The thread records the decision for everyone.
  await expect(client.getByText('Proposal approved: Wishlist')).toBeVisible();
  await client.goto('/portal');
  await expect(client.getByTestId('pending-proposal').filter({ hasText: subject })).toHaveCount(0);

  // The agency sees the project on the client's page, and the ticket back in progress.
  await agency.goto(`/clients/${ticket.clientId}`);
  const row = agency.getByTestId('project-row').filter({ hasText: 'Wishlist' });
  await expect(row.getByTestId('project-status')).toHaveText('active');
  await expect(row.getByTestId('project-budget')).toHaveText('12 h 30 min');
  await expect(row.getByTestId('project-used')).toHaveText('0 min');
  await expect(row.getByTestId('project-remaining')).toHaveText('12 h 30 min');
  await row.scrollIntoViewIfNeeded();
  await saveScreenshot(agency, 'proposal-client-projects');
  await row.getByRole('link', { name: 'Wishlist' }).click();
  await expect(agency).toHaveURL(new RegExp(`/tickets/${ticket.id}$`));
  await expect(agency.getByTestId('ticket-status')).toHaveText('in progress');
  await expect(agency.getByTestId('proposal-project')).toContainText('12 h 30 min remaining');

  await agency.context().close();
  await client.context().close();
});
