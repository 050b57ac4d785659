import { expect, test, type Page } from '@playwright/test';
import { AGENCY_ADMIN, logIn, saveScreenshot } from './support';

interface Clock {
  status: string;
  phase: string;
  dueAt: string;
}
interface Row {
  id: string;
  number: number;
  clientId: string;
  subject: string;
  status: string;
  sla: { response: Clock; resolution: Clock; nextDueAt: string | null } | null;
}

async function apiGet<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(`/api/v1${path}`);
  expect(response.ok(), `GET ${path}`).toBeTruthy();
  return (await response.json()) as T;
}

/** The queue as the API orders it (fetched with the logged-in session's cookies). */
async function apiQueue(page: Page, extra = ''): Promise<Row[]> {
  return (await apiGet<{ items: Row[] }>(page, `/tickets?open=true&limit=500${extra}`)).items;
}

async function clientIdOf(page: Page, name: string): Promise<string> {
  const { items } = await apiGet<{ items: { id: string; name: string }[] }>(page, '/clients');
  const client = items.find((c) => c.name === name);
  if (!client) throw new Error(`no client ${name}`);
  return client.id;
}

async function ticketBySubject(page: Page, subject: string): Promise<Row> {
  const { items } = await apiGet<{ items: Row[] }>(page, '/tickets?sort=newest&limit=500');
  const ticket = items.find((t) => t.subject === subject);
  if (!ticket) throw new Error(`no ticket "${subject}"`);
  return ticket;
}

const rows = (page: Page) => page.getByRole('list', { name: /Open tickets/ }).locator('a[data-ticket-id]');

async function renderedIds(page: Page): Promise<string[]> {
  return rows(page).evaluateAll((links) => links.map((link) => link.getAttribute('data-ticket-id') ?? ''));
}

function isBreached(row: Row, now: number): boolean {
  if (!row.sla) return false;
  return (
    row.sla.response.status === 'breached' ||
    row.sla.resolution.status === 'breached' ||
    (row.sla.nextDueAt !== null && Date.parse(row.sla.nextDueAt) < now)
  );
}

test('the queue shows open work in breach order, keeps its filter in the URL, and opens a ticket by keyboard', async ({
  page,
}) => {
  await logIn(page, AGENCY_ADMIN);
  await expect(page).toHaveURL(/\/queue$/);
  await expect(rows(page).first()).toBeVisible();

  // The rendered order is the API's queue order.
  const queue = await apiQueue(page);
  expect(queue.length).toBeGreaterThan(5);
  await expect(rows(page)).toHaveCount(queue.length);
  expect(await renderedIds(page)).toEqual(queue.map((t) => t.id));

  // What has breached comes before every ticket whose deadline is still ahead.
  const now = Date.now();
  const rendered = await renderedIds(page);
  const breached = queue.filter((t) => isBreached(t, now));
  const ahead = queue.filter((t) => !isBreached(t, now) && t.sla?.nextDueAt);
  expect(breached.length).toBeGreaterThan(0);
  expect(ahead.length).toBeGreaterThan(0);
  const lastBreached = Math.max(...breached.map((t) => rendered.indexOf(t.id)));
  const firstAhead = Math.min(...ahead.map((t) => rendered.indexOf(t.id)));
  expect(lastBreached).toBeLessThan(firstAhead);
  // The breached "new" ticket says so in its countdown.
  const images = queue.find((t) => t.subject === 'Product images missing on category pages');
  expect(images).toBeDefined();
  await expect(page.locator(`a[data-ticket-id="${images!.id}"]`)).toContainText(/overdue by/);
  await expect(rows(page).first()).toContainText(/overdue by/);
  await saveScreenshot(page, 'agency-queue-desktop');

  // Filter by one client: the URL keeps it, a reload too, and only that client's tickets remain.
  const hallam = await clientIdOf(page, 'Hallam Outdoor');
  await page.getByRole('combobox', { name: 'Client' }).click();
  await page.getByRole('option', { name: 'Hallam Outdoor' }).click();
  await expect(page).toHaveURL(new RegExp(`clientId=${hallam}`));
  const hallamQueue = await apiQueue(page, `&clientId=${hallam}`);
  await expect(rows(page)).toHaveCount(hallamQueue.length);
  expect(await renderedIds(page)).toEqual(hallamQueue.map((t) => t.id));
  await page.reload();
  await expect(page).toHaveURL(new RegExp(`clientId=${hallam}`));
  await expect(page.getByRole('combobox', { name: 'Client' })).toHaveValue('Hallam Outdoor');
  await expect(rows(page)).toHaveCount(hallamQueue.length);
  for (const link of await rows(page).all()) await expect(link).toContainText('Hallam Outdoor');

  // Keyboard: j focuses the first row, the arrow moves down, Enter opens the focused ticket.
  await page.keyboard.press('j');
  await expect(rows(page).nth(0)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(rows(page).nth(1)).toBeFocused();
  await page.keyboard.press('k');
  await page.keyboard.press('j');
  await expect(rows(page).nth(1)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/tickets/${hallamQueue[1]!.id}$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(hallamQueue[1]!.subject);

  // On a phone the rows become cards.
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto('/queue');
  await expect(rows(page).first()).toBeVisible();
  await expect(page.getByRole('button', { name: /Filters/ })).toBeVisible();
  await saveScreenshot(page, 'agency-queue-phone');
});

test('acknowledging a new ticket with an assessment stops its response clock', async ({ page }) => {
  await logIn(page, AGENCY_ADMIN);
  const images = await ticketBySubject(page, 'Product images missing on category pages');
  expect(images.status).toBe('new');
  await page.goto(`/tickets/${images.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Product images missing');
  await expect(page.getByTestId('ticket-status')).toHaveText(/new/i);
  const response = page.getByTestId('sla-response');
  await expect(response).toContainText(/running|breached/);
  await expect(response).not.toContainText('Stopped');
  await saveScreenshot(page, 'agency-ticket-new-desktop');

  // The composer starts on the assessment for a new ticket.
  const assessment =
    'Reproduced on iOS Safari: the lazy-loading script fails on the category template. Fix today.';
  await page.getByLabel(/^Initial assessment/).fill(assessment);
  await page.getByRole('button', { name: 'Acknowledge with assessment' }).click();

  await expect(page.getByTestId('ticket-status')).toHaveText(/acknowledged/i);
  await expect(response).toContainText('Stopped');
  await expect(response).toContainText(/met|breached/);
  const posted = page.getByTestId('thread-comment').filter({ hasText: assessment });
  await expect(posted).toBeVisible();
  await expect(posted).toContainText('Assessment');
  await expect(page.getByRole('region', { name: 'History' })).toContainText('acknowledged it');
  // The server agrees: the response clock has stopped.
  const after = await apiGet<Row>(page, `/tickets/${images.id}`);
  expect(after.status).toBe('acknowledged');
  expect(after.sla?.response.phase).toBe('stopped');
  await saveScreenshot(page, 'agency-ticket-desktop');

  await page.setViewportSize({ width: 375, height: 812 });
  await page.reload();
  await expect(page.getByTestId('ticket-status')).toHaveText(/acknowledged/i);
  await saveScreenshot(page, 'agency-ticket-phone');
});

test('time logged on a Hallam ticket is listed with it', async ({ page }) => {
  await logIn(page, AGENCY_ADMIN);
  const checkout = await ticketBySubject(page, 'Checkout fails with HTTP 500 for PayPal payments');
  await page.goto(`/tickets/${checkout.id}`);
  const time = page.getByRole('region', { name: 'Time' });
  await expect(time.getByLabel(/^Date/)).not.toHaveValue('');
  await time.getByLabel(/^Minutes/).fill('45');
  await time.getByLabel('Description').fill('Rotated the PayPal webhook secret');
  await time.getByRole('button', { name: 'Log time' }).click();
  const entry = time.getByTestId('time-entry').filter({ hasText: 'Rotated the PayPal webhook secret' });
  await expect(entry).toContainText('45 min');
  await expect(entry).toContainText('Alex Admin');
  const { items } = await apiGet<{ items: { minutes: number; description: string }[] }>(
    page,
    `/time-entries?ticketId=${checkout.id}`,
  );
  expect(items.some((e) => e.minutes === 45 && e.description === 'Rotated the PayPal webhook secret')).toBe(
    true,
  );
});

test('triage actions show at once: assign, priority with a reason, internal note, follow-up', async ({
  page,
}) => {
  await logIn(page, AGENCY_ADMIN);
  const stock = await ticketBySubject(page, 'Stock sync with the warehouse runs late');
  await page.goto(`/tickets/${stock.id}`);
  const actions = page.getByRole('region', { name: 'Actions' });
  const history = page.getByRole('region', { name: 'History' });

  await actions.getByRole('button', { name: 'Assign to me' }).click();
  await expect(page.getByText('Assignee: Alex Admin')).toBeVisible();
  await expect(history).toContainText('Alex Admin assigned it to Alex Admin');

  await actions.getByRole('combobox', { name: 'Priority' }).click();
  await page.getByRole('option', { name: 'high' }).click();
  await actions.getByLabel(/^Reason/).fill('The warehouse lag now blocks orders');
  await actions.getByRole('button', { name: 'Save priority and kind' }).click();
  await expect(page.getByLabel('priority high').first()).toBeVisible();
  await expect(history).toContainText(
    'changed the priority: medium → high — “The warehouse lag now blocks orders”',
  );

  const composer = page.getByRole('form', { name: 'Write a reply' });
  await composer.getByText('Internal note', { exact: true }).click();
  await expect(composer.getByRole('radio', { name: 'Internal note' })).toBeChecked();
  await composer
    .getByRole('textbox', { name: /^Note for the agency/ })
    .fill('Check the cron on **worker-2** first.');
  await composer.getByLabel('Attach files').setInputFiles({
    name: 'cron.log',
    mimeType: 'text/plain',
    buffer: Buffer.from('worker-2 cron last ran 06:00\n'),
  });
  await expect(composer).toContainText('cron.log');
  await page.getByRole('button', { name: 'Add internal note' }).click();
  const note = page.getByTestId('thread-comment').filter({ hasText: 'Check the cron on worker-2 first.' });
  await expect(note).toContainText('Internal note');
  await expect(note.locator('strong')).toHaveText('worker-2');
  // The file hangs on the note, as a download link that works.
  const download = note.getByRole('link', { name: /cron\.log/ });
  await expect(download).toBeVisible();
  const file = await page.request.get((await download.getAttribute('href'))!);
  expect(file.ok()).toBeTruthy();
  expect(await file.text()).toContain('worker-2 cron last ran');
  await saveScreenshot(page, 'agency-ticket-internal-note');

  const links = page.getByRole('region', { name: 'Linked tickets' });
  await links.getByRole('tab', { name: 'New follow-up' }).click();
  await links.getByLabel(/^Subject/).fill('Root cause: alert on stock sync lag');
  await links.getByRole('button', { name: 'Create follow-up' }).click();
  await expect(links.getByRole('link', { name: /Root cause: alert on stock sync lag/ })).toBeVisible();
  await expect(history).toContainText(/linked #\d+ as follow up/);
});

test('a ticket that does not exist says so', async ({ page }) => {
  await logIn(page, AGENCY_ADMIN);
  await page.goto('/tickets/00000000-0000-4000-8000-000000000000');
  await expect(page.getByRole('alert')).toContainText('Not found');
  await page.goto('/tickets/not-a-ticket');
  await expect(page.getByRole('alert')).toContainText('Not found');
});

test('pay-as-you-go work gets an estimate, listed with its status', async ({ page }) => {
  await logIn(page, AGENCY_ADMIN);
  const gallery = await ticketBySubject(page, 'Add a staff photo gallery to the team page');
  await page.goto(`/tickets/${gallery.id}`);
  await expect(page.getByTestId('coverage-decision')).toHaveText(/estimate required/i);
  const estimates = page.getByRole('region', { name: 'Estimates' });
  await expect(estimates.getByTestId('estimate').first()).toContainText(/pending/i);
  await estimates.getByLabel(/^Estimate \(minutes\)/).fill('300');
  await estimates.getByLabel('Note to the client').fill('Gallery with lazy loading and alt texts');
  await estimates.getByRole('button', { name: 'Request estimate' }).click();
  const newest = estimates
    .getByTestId('estimate')
    .filter({ hasText: 'Gallery with lazy loading and alt texts' });
  await expect(newest).toContainText(/pending/i);
  await expect(newest).toContainText('5 h');
  // A newer estimate withdraws the pending one.
  await expect(estimates.getByTestId('estimate').filter({ hasText: /withdrawn/i })).toHaveCount(1);
  await expect(page.getByRole('region', { name: 'History' })).toContainText('sent an estimate: 5 h');
});
