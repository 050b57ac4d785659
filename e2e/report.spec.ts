import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { addMonths } from '../src/domain/ledger/months';
import { localMonthOf } from '../src/domain/time/local-date';
import { AGENCY_ADMIN, CLIENT_ADMIN, logIn, saveScreenshot } from './support';

// The demo clients are in Europe/Berlin and London; last month is the same in both but on the 1st at night.
const lastMonth = addMonths(localMonthOf(new Date(), 'Europe/Berlin'), -1);
const monthName = new Intl.DateTimeFormat('en-GB', {
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
}).format(new Date(`${lastMonth}-15T12:00:00Z`));

test.describe.configure({ mode: 'serial' });
let kestrelReportId = '';

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** Picks a file in the logo field's file chooser, as a person does. */
async function chooseLogo(page: Page, file: { name: string; mimeType: string; buffer: Buffer }) {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByLabel('Logo file').click(),
  ]);
  await chooser.setFiles(file);
}

test('an agency admin sets the logo the reports carry on their cover', async ({ page }) => {
  await logIn(page, AGENCY_ADMIN);
  await page.goto('/settings/report-logo');
  // The demo agency starts with its own logo; a new one replaces it.
  await expect(page.getByRole('img', { name: 'The agency’s logo' })).toBeVisible();
  await chooseLogo(page, { name: 'not-a-logo.png', mimeType: 'image/png', buffer: Buffer.from('hello') });
  await page.getByRole('button', { name: 'Save logo' }).click();
  await expect(page.getByText('must be a PNG, JPEG or SVG image')).toBeVisible();
  await chooseLogo(page, { name: 'logo.png', mimeType: 'image/png', buffer: PNG });
  await page.getByRole('button', { name: 'Save logo' }).click();
  await expect(page.getByRole('img', { name: 'The agency’s logo' })).toBeVisible();
});

test('the agency archives last month’s report for Hallam from the client page', async ({ page }) => {
  await logIn(page, AGENCY_ADMIN);
  // Kestrel's report, archived through the API, is what another client must not see later.
  const clients = (await (await page.request.get('/api/v1/clients')).json()) as {
    items: Array<{ id: string; slug: string }>;
  };
  const kestrel = clients.items.find((client) => client.slug === 'kestrel')!;
  const archived = await page.request.post('/api/v1/reports/monthly', {
    data: { clientId: kestrel.id, month: lastMonth },
  });
  expect(archived.status()).toBe(201);
  kestrelReportId = ((await archived.json()) as { id: string }).id;

  const hallam = clients.items.find((client) => client.slug === 'hallam')!;
  await page.goto(`/clients/${hallam.id}`);
  const section = page.getByRole('region', { name: 'Monthly report' });
  await expect(section.getByLabel('Report month')).toHaveValue(lastMonth);
  await expect(section.getByText('Preview', { exact: true })).toBeVisible();
  await section.getByRole('button', { name: 'Generate & archive' }).click();
  await expect(section.getByText('Archived', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(section.getByRole('table', { name: 'Archived monthly reports' })).toContainText(monthName);
  await expect(section.getByRole('button', { name: 'Generate & archive' })).toHaveCount(0);
});

test('a client admin reads last month’s report in the portal and downloads its PDF', async ({ page }) => {
  await logIn(page, CLIENT_ADMIN);
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Reports' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Reports' })).toBeVisible();
  await expect(page.getByLabel('Report month')).toHaveValue(lastMonth);
  await expect(page.getByText('Archived', { exact: true })).toBeVisible();

  const report = page.frameLocator(`iframe[title="Monthly report of Hallam Outdoor, ${monthName}"]`);
  await expect(report.getByRole('heading', { level: 1, name: 'Hallam Outdoor' })).toBeVisible();
  await expect(report.getByRole('img', { name: 'Tidewater Digital' })).toBeVisible();
  await expect(report.getByText(monthName).first()).toBeVisible();
  await expect(report.getByRole('heading', { level: 2, name: /SLA compliance/ })).toBeVisible();
  await expect(report.getByRole('table', { name: 'Compliance per priority' })).toBeVisible();
  await saveScreenshot(page, 'portal-reports');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download PDF' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`hallam-report-${lastMonth}.pdf`);
  const bytes = readFileSync(await download.path());
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');

  // Another month is a live preview, said to be one.
  await page.getByLabel('Report month').selectOption(addMonths(lastMonth, 1));
  await expect(page.getByText('Preview', { exact: true })).toBeVisible();
  await expect(
    page
      .frameLocator('iframe[title^="Monthly report of Hallam Outdoor"]')
      .getByText('not the archived report'),
  ).toBeVisible();
});

test('a client cannot open another client’s report', async ({ page }) => {
  expect(kestrelReportId).not.toBe('');
  await logIn(page, CLIENT_ADMIN);
  await page.goto(`/portal/reports/${kestrelReportId}`);
  await expect(page.getByRole('alert')).toContainText('Not found');
  await expect(page.getByText('Kestrel')).toHaveCount(0);
  for (const suffix of ['', '/html', '/pdf'])
    expect((await page.request.get(`/api/v1/reports/monthly/${kestrelReportId}${suffix}`)).status()).toBe(
      404,
    );
});
