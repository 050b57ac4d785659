import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { AGENCY_ADMIN, CLIENT_ADMIN, logIn, OTHER_CLIENT_ADMIN, saveScreenshot } from './support';

const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1280, height: 800 };

interface WindowJson {
  id: string;
  clientId: string;
  title: string;
  startsAt: string;
  status: string;
}

async function browserOf(browser: Browser, user: { email: string; password: string }): Promise<Page> {
  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  await logIn(page, user);
  return page;
}

async function clientBySlug(page: Page, slug: string): Promise<{ id: string; name: string }> {
  const response = await page.request.get('/api/v1/clients');
  const items = ((await response.json()) as { items: { id: string; slug: string; name: string }[] }).items;
  const client = items.find((item) => item.slug === slug);
  if (!client) throw new Error(`no client ${slug}`);
  return client;
}

/** Hallam's next window still to come, as the demo seeds it (monthly, second Tuesday 18:00 in London). */
async function nextHallamWindow(page: Page, clientId: string): Promise<WindowJson> {
  const response = await page.request.get(
    `/api/v1/maintenance-windows?clientId=${clientId}&status=scheduled`,
  );
  expect(response.status()).toBe(200);
  const items = ((await response.json()) as { items: WindowJson[] }).items;
  const next = items.find((w) => Date.parse(w.startsAt) > Date.now());
  if (!next) throw new Error('the demo has no scheduled Hallam window');
  return next;
}

/** Whole months from this month to the window's (the viewer's zone is UTC, as is the browser's here). */
function monthsAhead(iso: string): number {
  const now = new Date();
  const at = new Date(iso);
  return (at.getUTCFullYear() - now.getUTCFullYear()) * 12 + at.getUTCMonth() - now.getUTCMonth();
}

function dateIn(timeZone: string, ms: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(ms);
}

async function chooseOption(page: Page, scope: Page | Locator, label: string, option: string) {
  await scope.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test.use({ timezoneId: 'UTC' });

/*
 * The demo's Hallam windows are only read here. Running a window happens on a one-off window of Kestrel's
 * onboarding agreement that the test creates, with a ticket of its own, so the other browser tests' data
 * stays as seeded.
 */
test('the agency plans and runs maintenance windows; clients see their own in the portal only', async ({
  browser,
}) => {
  // One long flow through three people's browsers.
  test.setTimeout(180_000);
  const agency = await browserOf(browser, AGENCY_ADMIN);
  const hallam = await clientBySlug(agency, 'hallam');
  const kestrel = await clientBySlug(agency, 'kestrel');
  const next = await nextHallamWindow(agency, hallam.id);

  // The calendar, filtered to Hallam: the next window, with its time in London and how full it is.
  await agency.getByRole('link', { name: 'Maintenance', exact: true }).click();
  await expect(agency).toHaveURL(/\/maintenance$/);
  await chooseOption(agency, agency, 'Client', 'Hallam Outdoor');
  for (let i = 0; i < monthsAhead(next.startsAt); i++)
    await agency.getByRole('button', { name: 'Next month' }).click();
  const chip = agency.getByTestId('calendar-window').filter({ hasText: 'Hallam Outdoor' }).first();
  await expect(chip).toContainText(/18:00–22:00 (GMT|BST)/);
  await expect(chip.getByRole('progressbar', { name: /planned$/ })).toBeVisible();
  await saveScreenshot(agency, 'maintenance-calendar');
  await agency.setViewportSize(PHONE);
  await expect(agency.getByTestId('calendar-window').first()).toContainText('(Europe/London)');
  await saveScreenshot(agency, 'maintenance-calendar-phone');
  await agency.setViewportSize(DESKTOP);
  await agency.getByTestId('calendar-window').filter({ hasText: 'Hallam Outdoor' }).first().click();

  // The window page: the planned items, the one that did not fit the last window marked as rolled.
  await expect(agency).toHaveURL(new RegExp(`/maintenance/windows/${next.id}$`));
  await expect(agency.getByRole('heading', { name: 'Monthly maintenance' })).toBeVisible();
  await expect(agency.getByTestId('window-when')).toContainText(/18:00–22:00 (GMT|BST) \(Europe\/London\)/);
  const rolled = agency.getByTestId('window-item').filter({ hasText: 'contract test for the newsletter' });
  await expect(rolled.getByTestId('rolled-badge')).toHaveText('rolled ×1');
  await expect(agency.getByTestId('window-item')).not.toHaveCount(0);
  await saveScreenshot(agency, 'maintenance-window');

  // A one-off window for Kestrel's onboarding, tomorrow 09:00–11:00 New York time.
  await agency.goto(`/maintenance?client=${kestrel.id}`);
  await agency.getByRole('button', { name: 'New one-off window' }).click();
  const modal = agency.getByRole('dialog', { name: 'New one-off window' });
  await chooseOption(agency, modal, 'Agreement', 'Codebase onboarding (Onboarding)');
  const title = `E2E window ${Date.now()}`;
  await modal.getByRole('textbox', { name: 'Title' }).fill(title);
  const tomorrow = dateIn('America/New_York', Date.now() + 86_400_000);
  await modal.getByLabel('Date').fill(tomorrow);
  await modal.getByLabel('Starts').fill('09:00');
  await modal.getByLabel('Ends').fill('11:00');
  await modal.getByRole('textbox', { name: 'Capacity' }).fill('2h');
  await expect(modal.getByTestId('one-off-preview')).toContainText(
    /09:00–11:00 GMT-[45] \(America\/New_York\)/,
  );
  await modal.getByRole('button', { name: 'Create window' }).click();
  await expect(agency.getByRole('heading', { name: title })).toBeVisible();
  const windowUrl = agency.url();
  await expect(agency.getByText('Nothing planned')).toBeVisible();

  // A low-priority request goes to the next window from its ticket page, and shows in the backlog.
  const subject = `E2E cosmetic ${Date.now()}`;
  const agreementId = (
    (await (await agency.request.get(`/api/v1/agreements?clientId=${kestrel.id}`)).json()) as {
      items: { id: string; kind: string }[];
    }
  ).items.find((a) => a.kind === 'onboarding')!.id;
  const created = await agency.request.post('/api/v1/tickets', {
    data: { clientId: kestrel.id, agreementId, subject, priority: 'low', body: 'The footer logo is blurry.' },
  });
  expect(created.status(), await created.text()).toBe(201);
  const ticket = (await created.json()) as { id: string; number: number };
  await agency.goto(`/tickets/${ticket.id}`);
  const section = agency.getByRole('region', { name: 'Maintenance window' });
  await section.getByRole('button', { name: /^Send to next window/ }).click();
  await expect(section.getByTestId('ticket-planned-window')).toContainText('Planned into');
  await expect(section.locator(`a[href="${new URL(windowUrl).pathname}"]`)).toBeVisible();

  await agency.goto(`/maintenance/backlog?client=${kestrel.id}`);
  const row = agency.getByTestId('backlog-item').filter({ hasText: subject });
  await expect(row.getByTestId('backlog-window')).toContainText(/09:00–11:00 GMT-[45]/);
  await row.getByRole('button', { name: `Set the estimate of #${ticket.number}` }).click();
  const estimate = agency.getByRole('form', { name: `Estimate of #${ticket.number}` });
  await estimate.getByRole('textbox', { name: 'Estimate' }).fill('45');
  await estimate.getByRole('button', { name: 'Save' }).click();
  await expect(row).toContainText('45 min');
  await expect(estimate).toBeHidden();
  // Taking it out of the next window takes it out of the backlog; sending it again puts it back.
  await row.getByRole('button', { name: `Take out of next window: #${ticket.number}` }).click();
  await expect(row).toHaveCount(0);
  await agency.goto(`/tickets/${ticket.id}`);
  await section.getByRole('button', { name: /^Send to next window/ }).click();
  await expect(section.getByRole('button', { name: /^Take out of next window/ })).toBeVisible();

  // Running the window: start, log time on the item, resolve it, close; the release notes follow.
  await agency.goto(windowUrl);
  const item = agency.getByTestId('window-item').filter({ hasText: subject });
  await expect(item).toContainText('45 min');
  await agency.getByRole('button', { name: 'Start window' }).click();
  await expect(agency.getByTestId('window-status')).toHaveText('in progress');
  const log = agency.getByRole('form', { name: 'Log time in the window' });
  await expect(log.getByRole('combobox', { name: 'On' })).toHaveValue(`#${ticket.number} ${subject}`);
  await log.getByRole('textbox', { name: 'Duration' }).fill('40');
  await log.getByRole('textbox', { name: 'Description' }).fill('Re-exported the logo as SVG.');
  await log.getByRole('button', { name: 'Log time' }).click();
  await expect(agency.getByTestId('window-time-entry')).toContainText('Re-exported the logo as SVG.');
  await expect(agency.getByTestId('window-time-total')).toHaveText('40 min');
  await item.getByRole('button', { name: `Mark #${ticket.number} resolved` }).click();
  await expect(item).toContainText('resolved');
  await agency.getByRole('button', { name: 'Close window' }).click();
  const confirm = agency.getByRole('dialog', { name: 'Close the window?' });
  await expect(confirm).toContainText('1 of 1 items are done');
  await confirm.getByRole('button', { name: 'Close window' }).click();
  await expect(agency.getByTestId('window-status')).toHaveText('closed');
  const notes = agency.getByTestId('release-notes');
  await expect(notes.getByRole('heading', { name: 'Done' })).toBeVisible();
  await expect(notes).toContainText(`#${ticket.number} ${subject} (40 min)`);
  await expect(notes).toContainText('40 min logged in this window.');
  await expect(agency.getByTestId('release-notes-delivery')).toContainText('sent to Kestrel Logistics');
  await expect(item.getByTestId('item-outcome')).toHaveText('done');
  await saveScreenshot(agency, 'maintenance-window-closed');

  // Hallam's backlog in plan order, with the rolled items marked; its schedule and chores.
  await agency.getByRole('link', { name: '← Maintenance calendar' }).click();
  await chooseOption(agency, agency, 'Client', 'Hallam Outdoor');
  await agency.getByRole('tab', { name: 'Backlog' }).click();
  await expect(agency).toHaveURL(new RegExp(`/maintenance/backlog\\?client=${hallam.id}$`));
  const contractTest = agency.getByTestId('backlog-item').filter({ hasText: 'contract test' });
  await expect(contractTest.getByTestId('rolled-badge')).toHaveText('rolled ×1');
  await expect(contractTest.getByTestId('backlog-window')).toContainText(/18:00–22:00 (GMT|BST)/);
  await saveScreenshot(agency, 'maintenance-backlog');
  await agency.getByRole('tab', { name: 'Schedules & chores' }).click();
  await expect(agency.getByTestId('schedule-row')).toContainText(
    'Second Tuesday of every month, 18:00 for 4 h',
  );
  await expect(agency.getByTestId('chore-row')).toHaveCount(3);
  await saveScreenshot(agency, 'maintenance-schedules');

  // A quarterly schedule and a chore for Kestrel's onboarding, described back by the server, then stopped.
  await chooseOption(agency, agency, 'Client', 'Kestrel Logistics');
  const onboarding = agency.getByRole('region', { name: 'Codebase onboarding' });
  await onboarding.getByRole('button', { name: 'Add schedule' }).click();
  const scheduleForm = agency.getByRole('form', { name: 'New schedule' });
  await scheduleForm.getByRole('textbox', { name: 'Name' }).fill('Quarterly review');
  await scheduleForm.getByText('Quarterly', { exact: true }).click();
  await scheduleForm.getByLabel('Which', { exact: true }).selectOption('Last');
  await scheduleForm.getByLabel('Weekday', { exact: true }).selectOption('Friday');
  await scheduleForm.getByRole('textbox', { name: 'Lasts' }).fill('2h');
  await scheduleForm.getByRole('textbox', { name: 'Capacity' }).fill('1h30');
  await expect(scheduleForm.getByTestId('schedule-preview')).toContainText(
    'Quarterly from 20', // the month the form starts from
  );
  await expect(scheduleForm.getByTestId('schedule-preview')).toContainText(
    'last Friday, 18:00–20:00 (America/New_York), capacity 1 h 30 min',
  );
  await scheduleForm.getByRole('button', { name: 'Add schedule' }).click();
  const schedule = onboarding.getByTestId('schedule-row').filter({ hasText: 'Quarterly review' });
  await expect(schedule).toContainText(/Last Friday of every three months from \d{4}-\d{2}, 18:00 for 2 h/);
  await onboarding.getByRole('button', { name: 'Add chore' }).click();
  const choreForm = agency.getByRole('form', { name: 'New chore' });
  await choreForm.getByRole('textbox', { name: 'Title' }).fill('Review access keys');
  await choreForm.getByLabel('Cadence').selectOption('Every quarter');
  await choreForm.getByRole('textbox', { name: 'Estimate' }).fill('30');
  await choreForm.getByLabel('Next due').fill(dateIn('America/New_York', Date.now() + 200 * 86_400_000));
  await choreForm.getByRole('button', { name: 'Add chore' }).click();
  const chore = onboarding.getByTestId('chore-row').filter({ hasText: 'Review access keys' });
  await expect(chore).toContainText('quarterly');
  await expect(chore).toContainText('30 min');
  await schedule.getByRole('button', { name: 'Stop' }).click();
  await expect(schedule).toContainText('stopped');
  await chore.getByRole('button', { name: 'Stop' }).click();
  await expect(chore).toContainText('stopped');

  // Hallam's admin: the next window and what is planned into it; the past window's release notes.
  const client = await browserOf(browser, CLIENT_ADMIN);
  await client.getByRole('link', { name: 'Maintenance', exact: true }).click();
  await expect(client).toHaveURL(/\/portal\/maintenance$/);
  const upcoming = client.getByTestId('portal-window').first();
  await expect(upcoming).toContainText(/18:00–22:00 (GMT|BST) \(Europe\/London\)/);
  await expect(upcoming.getByRole('link', { name: 'Monthly maintenance' })).toHaveAttribute(
    'href',
    `/portal/maintenance/windows/${next.id}`,
  );
  const planned = upcoming.getByTestId('portal-planned-item').filter({ hasText: 'contract test' });
  await expect(planned.getByTestId('rolled-badge')).toHaveText('rolled ×1');
  // Its history says, in the client's words, which window it is in and that it moved.
  await planned.getByRole('link').click();
  await expect(
    client.getByText(/^Moved to the maintenance window ending .* \(moved once\)\.$/).first(),
  ).toBeVisible();
  await client.goBack();
  await expect(client).toHaveURL(/\/portal\/maintenance$/);
  // Kestrel's window is not Hallam's to see.
  await expect(client.getByText(title)).toHaveCount(0);
  await saveScreenshot(client, 'maintenance-portal');
  await client.setViewportSize(PHONE);
  await expect(upcoming).toBeVisible();
  await saveScreenshot(client, 'maintenance-portal-phone');
  await client.setViewportSize(DESKTOP);
  await client.getByTestId('portal-past-window').first().getByRole('link').click();
  await expect(client.getByTestId('portal-release-notes')).toContainText('Done');
  await expect(client.getByTestId('portal-release-notes')).toContainText('Hallam Outdoor');
  await saveScreenshot(client, 'maintenance-portal-release-notes');

  // Another client's admin opening Hallam's window: not found, in the app and through the API.
  const other = await browserOf(browser, OTHER_CLIENT_ADMIN);
  await other.goto(`/portal/maintenance/windows/${next.id}`);
  await expect(other.getByRole('alert')).toContainText('Not found');
  await expect(other.getByText('Monthly maintenance')).toHaveCount(0);
  expect((await other.request.get(`/api/v1/maintenance-windows/${next.id}`)).status()).toBe(404);

  await other.context().close();
  await client.context().close();
  await agency.context().close();
});
