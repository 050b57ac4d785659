import { expect, test, type Page } from '@playwright/test';
import { AGENCY_ADMIN, logIn, saveScreenshot } from './support';

/** "9 h 30 min" / "45 min" / "−1 h" → minutes. */
function minutesOf(text: string): number {
  const match = /(−)?(?:(\d+) h)?\s*(?:(\d+) min)?/.exec(text.trim());
  if (!match || (match[2] === undefined && match[3] === undefined))
    throw new Error(`not a duration: ${text}`);
  const minutes = Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0);
  return match[1] ? -minutes : minutes;
}

const retainerLedger = (page: Page) =>
  page.getByRole('table', { name: /^Hour ledger, .*Monthly care retainer/ });

async function remainingMinutes(page: Page): Promise<number> {
  const cell = retainerLedger(page)
    .getByRole('row', { name: /^Remaining/ })
    .getByRole('cell');
  return minutesOf(await cell.innerText());
}

async function openHallam(page: Page): Promise<string> {
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Clients' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Clients' })).toBeVisible();
  await page.getByRole('link', { name: 'Hallam Outdoor' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hallam Outdoor' })).toBeVisible();
  await expect(retainerLedger(page)).toBeVisible();
  return page.url();
}

test('clients at a glance; logging an hour on the Time page takes an hour off Hallam’s remaining hours', async ({
  page,
}) => {
  await logIn(page, AGENCY_ADMIN);

  // The clients list: Hallam's health row.
  await page.goto('/clients');
  const hallamRow = page.locator('[data-client="hallam"]');
  await expect(hallamRow).toBeVisible();
  await expect(hallamRow.getByRole('link', { name: 'Hallam Outdoor' })).toBeVisible();
  await expect(hallamRow).toContainText(/\d+ open|None open/);
  await expect(hallamRow).toContainText(/Response|Nothing due yet/);
  await expect(hallamRow.getByRole('progressbar', { name: /Hallam Outdoor: .* used of / })).toBeVisible();
  await expect(hallamRow).toContainText(/remaining|overage/);
  await expect(page.locator('[data-client="brightside"]')).toContainText('billable');
  await saveScreenshot(page, 'clients-list');

  // Hallam: the retainer's ledger this month, the burn-down and six months of compliance.
  const hallamUrl = await openHallam(page);
  const before = await remainingMinutes(page);
  expect(before).toBeGreaterThan(60);
  const burnDown = page.getByTestId('burn-down');
  await expect(burnDown.locator('svg.recharts-surface').first()).toBeVisible();
  await expect(burnDown.locator('figcaption')).toContainText('Burn-down of Monthly care retainer');
  const compliance = page.getByTestId('compliance-chart');
  await expect(compliance.locator('svg.recharts-surface').first()).toBeVisible();
  await expect(compliance.locator('figcaption')).toContainText(/compliance per tier, .* breach/);
  await expect(
    page.getByRole('table', { name: /compliance per tier and month/ }).locator('tbody tr'),
  ).toHaveCount(6);
  await expect(
    page.getByRole('table', { name: 'Tickets, newest first' }).getByRole('link').first(),
  ).toBeVisible();
  await saveScreenshot(page, 'client-page');

  // The Time page: a wrong duration is refused next to the field by the server, then an hour is logged.
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Time' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My time' })).toBeVisible();
  await page.getByText('An agreement', { exact: true }).click();
  await expect(page.getByRole('radio', { name: 'An agreement' })).toBeChecked();
  await page.getByRole('combobox', { name: 'Agreement' }).click();
  await page.getByRole('option', { name: 'Monthly care retainer — 12 h' }).click();
  const duration = page.getByRole('textbox', { name: 'Duration' });
  await duration.fill('0');
  await page.getByRole('button', { name: 'Log time' }).click();
  await expect(duration).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText(/Too small|greater than or equal to 1|>=\s*1/i)).toBeVisible();
  await duration.fill('1h');
  await expect(page.getByText('= 1 h')).toBeVisible();
  await page.getByRole('textbox', { name: 'Description' }).fill('E2E: an hour on the retainer');
  await page.getByRole('button', { name: 'Log time' }).click();
  await expect(page.getByText('Time logged')).toBeVisible();
  const logged = page.getByRole('listitem').filter({ hasText: 'E2E: an hour on the retainer' });
  await expect(logged).toContainText('1 h');
  await expect(logged).toContainText('Hallam Outdoor · Monthly care retainer — 12 h');
  await expect(logged).toContainText('billable');
  await saveScreenshot(page, 'time-page');

  // Back on Hallam, exactly one hour less remains.
  await openHallam(page);
  expect(page.url()).toBe(hallamUrl);
  await expect.poll(() => remainingMinutes(page)).toBe(before - 60);

  // Editing the entry to 1.5 h and deleting it again move the figure with it.
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Time' }).click();
  await logged.getByRole('button', { name: /^Edit 1 h on / }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit time entry' });
  await dialog.getByRole('textbox', { name: 'Duration' }).fill('1.5h');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(logged).toContainText('1 h 30 min');
  await openHallam(page);
  await expect.poll(() => remainingMinutes(page)).toBe(before - 90);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Time' }).click();
  await logged.getByRole('button', { name: /^Delete 1 h 30 min on / }).click();
  await logged.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(logged).toHaveCount(0);
  await openHallam(page);
  await expect.poll(() => remainingMinutes(page)).toBe(before);

  // Time against a ticket, found by its subject among the open tickets, draws on the ticket's agreement.
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Time' }).click();
  const ticket = page.getByRole('combobox', { name: 'Ticket' });
  await ticket.fill('Checkout fails');
  await page.getByRole('option', { name: /^#\d+ Checkout fails with HTTP 500/ }).click();
  await expect(page.getByText('Draws on Hallam Outdoor · Monthly care retainer — 12 h')).toBeVisible();
  await page.getByRole('textbox', { name: 'Duration' }).fill('45m');
  await page.getByRole('textbox', { name: 'Description' }).fill('E2E: checkout logs');
  await page.getByRole('button', { name: 'Log time' }).click();
  const onTicket = page.getByRole('listitem').filter({ hasText: 'E2E: checkout logs' });
  await expect(onTicket.getByRole('link', { name: /Checkout fails with HTTP 500/ })).toBeVisible();
  await expect(onTicket).toContainText('45 min');

  // Another (or a malformed) client id is simply not found.
  await page.goto('/clients/00000000-0000-4000-8000-000000000000');
  await expect(page.getByRole('alert')).toContainText('Not found');
  await page.goto('/clients/nope');
  await expect(page.getByRole('alert')).toContainText('Not found');
});

test('the clients pages and the Time page on a 375-px phone', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await logIn(page, AGENCY_ADMIN);
  await page.goto('/clients');
  await expect(page.locator('[data-client="hallam"]')).toBeVisible();
  await saveScreenshot(page, 'clients-list-phone');
  await page.getByRole('link', { name: 'Hallam Outdoor' }).click();
  await expect(retainerLedger(page)).toBeVisible();
  await expect(page.getByTestId('burn-down').locator('svg.recharts-surface').first()).toBeVisible();
  await expect(page.getByTestId('compliance-chart').locator('svg.recharts-surface').first()).toBeVisible();
  await saveScreenshot(page, 'client-page-phone');
  await page.goto('/time');
  await expect(page.getByRole('heading', { level: 1, name: 'My time' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Log time' })).toBeVisible();
  await saveScreenshot(page, 'time-page-phone');
  // Nothing is wider than the screen.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
