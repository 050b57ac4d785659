import { expect, test, type Page } from '@playwright/test';
import { localMonthOf } from '../src/domain/time/local-date';
import { formatMinutes, formatMoney } from '../web/src/app/format';
import { AGENCY_ADMIN, CLIENT_ADMIN, OTHER_CLIENT_ADMIN, logIn, saveScreenshot } from './support';

/** Brightside Dental's admin (pay-as-you-go, a pending estimate on the staff photo gallery). */
const PAYG_CLIENT_ADMIN = { email: 'lena@brightside.example', password: 'tend-demo-password' };
/** Hallam's member (not an admin). */
const CLIENT_MEMBER = { email: 'owen@hallam.example', password: 'tend-demo-password' };
const PHONE = { width: 375, height: 812 };

interface AgreementJson {
  id: string;
  kind: string;
  timeZone: string;
}

// The tests build on each other (the first request raised is looked for by the agency and by another client).
test.describe.configure({ mode: 'serial' });
let firstRequest: { id: string; subject: string } | null = null;

/** Desktop and 375-px phone screenshots, from the top of the page (a fixed header would cover a scrolled one). */
async function screens(page: Page, name: string, phone = true): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await saveScreenshot(page, name);
  if (!phone) return;
  const desktop = page.viewportSize();
  await page.setViewportSize(PHONE);
  await page.evaluate(() => window.scrollTo(0, 0));
  await saveScreenshot(page, `${name}-phone`);
  if (desktop) await page.setViewportSize(desktop);
}

test('the dashboard shows the hour ledger and SLA figures the API reports', async ({ page }) => {
  await logIn(page, CLIENT_ADMIN);
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByRole('heading', { name: 'Hallam Outdoor' })).toBeVisible();

  const agreements = (
    (await (await page.request.get('/api/v1/agreements')).json()) as { items: AgreementJson[] }
  ).items;
  const retainer = agreements.find((agreement) => agreement.kind === 'retainer');
  expect(retainer).toBeDefined();
  const month = localMonthOf(Date.now(), retainer!.timeZone);
  const response = await page.request.get(`/api/v1/agreements/${retainer!.id}/ledger?month=${month}`);
  expect(response.ok()).toBe(true);
  const { ledger } = (await response.json()) as {
    ledger: {
      usedMinutes: number;
      remainingMinutes: number;
      allocationMinutes: number;
      rolledInMinutes: number;
      expiringMinutes: number;
      overageMinutes: number;
      overageCents: number;
    };
  };

  const card = page.getByTestId(`agreement-${retainer!.id}`);
  await expect(card.getByTestId('ledger-used')).toHaveText(formatMinutes(ledger.usedMinutes));
  await expect(card.getByTestId('ledger-remaining')).toHaveText(formatMinutes(ledger.remainingMinutes));
  await expect(card.getByTestId('ledger-allocation')).toHaveText(formatMinutes(ledger.allocationMinutes));
  await expect(card.getByTestId('ledger-rolled')).toHaveText(formatMinutes(ledger.rolledInMinutes));
  await expect(card.getByTestId('ledger-expiring')).toHaveText(formatMinutes(ledger.expiringMinutes));
  await expect(card.getByTestId('ledger-overage')).toHaveText(
    ledger.overageMinutes > 0
      ? `${formatMinutes(ledger.overageMinutes)} · ${formatMoney(ledger.overageCents)}`
      : formatMinutes(0),
  );

  // SLA compliance: the same percentages the report gives.
  const me = (await (await page.request.get('/api/v1/me')).json()) as {
    organization: { id: string; timeZone: string };
  };
  const reportMonth = localMonthOf(Date.now(), me.organization.timeZone);
  const report = (await (
    await page.request.get(`/api/v1/reports/sla?clientId=${me.organization.id}&month=${reportMonth}`)
  ).json()) as { total: { response: { compliancePercent: number | null; due: number } } };
  if (report.total.response.due > 0) {
    const percent = report.total.response.compliancePercent;
    await expect(page.getByTestId('sla-response')).toHaveText(percent === null ? '—' : `${percent} %`);
  }
  await expect(
    page.getByRole('region', { name: 'Open requests' }).getByTestId('request-row').first(),
  ).toBeVisible();

  await screens(page, 'portal-dashboard');
});

test('raising a covered request says so before submitting and uploads the attachment', async ({ page }) => {
  await logIn(page, CLIENT_ADMIN);
  await page.getByRole('link', { name: 'Raise a request' }).first().click();
  await expect(page).toHaveURL(/\/portal\/requests\/new$/);

  const subject = `Size filter shows no results ${Date.now()}`;
  await page.getByLabel(/^Subject/).fill(subject);
  await page
    .getByLabel(/^Description/)
    .fill('Choosing **size M** on the jackets page shows nothing.\n\n- open /jackets\n- pick M');
  await page.getByLabel(/^Request type/).selectOption('bug');
  const notice = page.getByTestId('coverage-notice');
  await expect(notice).toContainText('Covered by your agreement');
  await expect(notice).toContainText('retainer hours');
  // Each priority says what it means and what it promises.
  await expect(page.getByText('Production is down', { exact: false })).toBeVisible();
  await expect(page.getByText(/First response within 2 business hours/)).toBeVisible();
  await page.getByRole('radio', { name: 'high priority' }).click();
  // A file over the 10 MB limit is refused before anything is sent.
  await page.locator('input[type=file]').setInputFiles({
    name: 'huge.bin',
    mimeType: 'application/octet-stream',
    buffer: Buffer.alloc(10 * 1024 * 1024 + 1),
  });
  await expect(page.getByText('huge.bin: larger than 10 MB')).toBeVisible();
  await page.getByRole('button', { name: 'Raise request' }).click();
  await expect(page).toHaveURL(/\/portal\/requests\/new$/);
  await page.getByRole('button', { name: 'Remove huge.bin' }).click();
  await page.locator('input[type=file]').setInputFiles({
    name: 'size-filter.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('GET /jackets?size=M → 0 results\n'),
  });
  await expect(page.getByText('size-filter.txt')).toBeVisible();
  await screens(page, 'portal-new-request-covered');

  await page.getByRole('button', { name: 'Raise request' }).click();
  await expect(page).toHaveURL(/\/portal\/requests\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('created-notice')).toContainText('Under your agreement: covered.');
  await expect(page.getByTestId('coverage-notice')).toHaveAttribute('data-coverage', 'covered');
  await expect(page.getByRole('heading', { level: 1 })).toContainText(subject);
  await expect(page.getByRole('link', { name: 'size-filter.txt' })).toBeVisible();
  // The description is rendered as Markdown.
  await expect(page.locator('strong', { hasText: 'size M' })).toBeVisible();
  await expect(page.getByTestId('ticket-kind')).toHaveText('support');
  firstRequest = { id: page.url().split('/').pop()!, subject };
});

test('a change-work request is announced as a project proposal and lands as kind change', async ({
  page,
}) => {
  await logIn(page, CLIENT_ADMIN);
  await page.goto('/portal/requests/new');
  await page.getByLabel(/^Subject/).fill('Gift cards in the shop');
  await page.getByLabel(/^Request type/).selectOption('new_feature');
  await expect(page.getByTestId('coverage-notice')).toContainText('project proposal');
  await expect(page.getByTestId('coverage-notice')).toContainText('never uses your retainer hours');
  await screens(page, 'portal-new-request-change', false);
  await page.getByRole('button', { name: 'Raise request' }).click();
  await expect(page).toHaveURL(/\/portal\/requests\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('ticket-kind')).toHaveText('change');
  await expect(page.getByTestId('coverage-notice')).toHaveAttribute('data-coverage', 'change_work');

  // A reply goes into the thread.
  await page.getByLabel(/^Your reply/).fill('Ideally before **Christmas**.');
  await page.getByRole('button', { name: 'Send reply' }).click();
  await expect(page.getByTestId('thread-comment').last()).toContainText('Ideally before Christmas.');
  await expect(page.getByRole('region', { name: 'History' })).toContainText('You replied.');
  await screens(page, 'portal-request');

  // My requests lists both, open first.
  await page.getByRole('link', { name: 'My requests' }).click();
  const open = page.getByRole('region', { name: 'Open' });
  await expect(open.getByRole('link', { name: /Gift cards in the shop/ })).toBeVisible();
  await expect(open.getByRole('link', { name: new RegExp(firstRequest!.subject) })).toBeVisible();
  const show = page.locator('.mantine-SegmentedControl-root');
  await show.getByText('Closed', { exact: true }).click();
  await expect(page.getByRole('radio', { name: 'Closed' })).toBeChecked();
  await expect(page).toHaveURL(/show=closed/);
  await expect(page.getByRole('link', { name: /Typo on the returns page/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /Gift cards in the shop/ })).toHaveCount(0);
  await show.getByText('All', { exact: true }).click();
  await expect(page.getByRole('region', { name: 'Resolved and closed' })).toBeVisible();
  await screens(page, 'portal-requests');
});

test('the agency finds the request in its queue and estimates it; a member sees the estimate; another client cannot open it', async ({
  browser,
}) => {
  expect(firstRequest).not.toBeNull();
  const agency = await browser.newContext();
  const agencyPage = await agency.newPage();
  await logIn(agencyPage, AGENCY_ADMIN);
  await agencyPage.goto('/queue');
  await expect(agencyPage.getByText(firstRequest!.subject).first()).toBeVisible();
  // The agency estimates it (through the API), so a client member can be shown it.
  const sent = await agencyPage.request.post(`/api/v1/tickets/${firstRequest!.id}/estimates`, {
    data: { minutes: 90, note: 'Rebuild the size facet.' },
  });
  expect(sent.status()).toBe(201);
  await agency.close();

  const member = await browser.newContext();
  const memberPage = await member.newPage();
  await logIn(memberPage, CLIENT_MEMBER);
  await memberPage.goto(`/portal/requests/${firstRequest!.id}`);
  const estimate = memberPage.getByTestId('pending-estimate');
  await expect(estimate.getByTestId('estimate-minutes')).toHaveText('1 h 30 min');
  await expect(estimate).toContainText('An admin of your organisation approves or declines estimates.');
  await expect(estimate.getByRole('button', { name: 'Approve estimate' })).toHaveCount(0);
  await member.close();

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await logIn(otherPage, OTHER_CLIENT_ADMIN);
  await otherPage.goto(`/portal/requests/${firstRequest!.id}`);
  await expect(otherPage.getByText('Not found')).toBeVisible();
  await expect(otherPage.getByText(firstRequest!.subject)).toHaveCount(0);
  await other.close();
});

test('a pay-as-you-go admin approves a pending estimate', async ({ page }) => {
  await logIn(page, PAYG_CLIENT_ADMIN);
  await page.goto('/portal/requests/new');
  await page.getByLabel(/^Request type/).selectOption('bug');
  await expect(page.getByTestId('coverage-notice')).toContainText(
    'Pay-as-you-go work always starts with an estimate',
  );

  await page.getByRole('link', { name: 'My requests' }).click();
  await page.getByRole('link', { name: /Add a staff photo gallery/ }).click();
  // The agency may have re-estimated this ticket in another test; the portal must show what the API holds.
  await expect(page).toHaveURL(/\/portal\/requests\/[0-9a-f-]{36}$/);
  const ticketId = page.url().split('/').pop()!;
  const pending = await page.request.get(`/api/v1/estimates?ticketId=${ticketId}&status=pending`);
  const [expected] = ((await pending.json()) as { items: { minutes: number; amountCents: number }[] }).items;
  expect(expected).toBeDefined();
  const estimate = page.getByTestId('pending-estimate');
  await expect(estimate.getByTestId('estimate-minutes')).toHaveText(formatMinutes(expected!.minutes));
  await expect(estimate.getByTestId('estimate-price')).toHaveText(formatMoney(expected!.amountCents));
  await screens(page, 'portal-estimate');
  await estimate.getByLabel(/^Note to the agency/).fill('Go ahead, thanks.');
  await estimate.getByRole('button', { name: 'Approve estimate' }).click();
  await expect(page.getByTestId('pending-estimate')).toHaveCount(0);
  const estimates = page.getByRole('region', { name: 'Estimates' });
  await expect(estimates).toContainText('approved');
  await expect(estimates).toContainText('Go ahead, thanks.');
  await expect(page.getByRole('region', { name: 'History' })).toContainText('You approved the estimate');
  await screens(page, 'portal-estimate-approved', false);
});
