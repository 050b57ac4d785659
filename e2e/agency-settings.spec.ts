import { expect, test, type Page } from '@playwright/test';
import { AGENCY_ADMIN, logIn, saveScreenshot } from './support';

// The viewer sits in New York; the agency's calendar is Berlin's: the preview shows both zones.
test.use({ timezoneId: 'America/New_York' });

const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1280, height: 800 };
const ENGINEER = { email: 'mara@tidewater.example', password: 'tend-demo-password' };

async function chooseOption(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Fixes the preview's "created at" to a wall-clock time in the calendar's zone. */
async function previewCreatedAt(page: Page, local: string): Promise<void> {
  await page.getByText('Created at a time I choose').click();
  await page.getByLabel(/^Ticket created at/).fill(local);
}

/**
 * The demo calendar and policy are shared with the other browser tests: whatever a test here saves is put
 * back afterwards, through the API, as it was found.
 */
async function restoreAfter(page: Page, path: string, work: () => Promise<void>): Promise<void> {
  const before = await page.request.get(path);
  expect(before.status()).toBe(200);
  const {
    id: _id,
    createdAt: _createdAt,
    updatedAt: _updatedAt,
    ...original
  } = (await before.json()) as Record<string, unknown>;
  try {
    await work();
  } finally {
    const restored = await page.request.put(path, { data: original });
    expect(restored.status(), await restored.text()).toBe(200);
  }
}

async function idByName(page: Page, collection: string, name: string): Promise<string> {
  const response = await page.request.get(`/api/v1/${collection}`);
  const items = ((await response.json()) as { items: { id: string; name: string }[] }).items;
  const found = items.find((item) => item.name === name);
  if (!found) throw new Error(`no ${collection} named ${name}`);
  return found.id;
}

function tierPreview(page: Page, name: string) {
  return page.getByRole('complementary').getByRole('region', { name });
}

test('an admin edits the Berlin calendar with a live preview and server-side validation', async ({
  page,
}) => {
  await logIn(page, AGENCY_ADMIN);
  const calendarId = await idByName(page, 'calendars', 'Berlin office hours');
  await restoreAfter(page, `/api/v1/calendars/${calendarId}`, async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await expect(page).toHaveURL(/\/settings\/calendars$/);
    await page.getByRole('link', { name: 'Berlin office hours' }).click();
    await expect(page.getByRole('heading', { name: 'Berlin office hours' })).toBeVisible();

    // Friday 4 December 2026, 16:00 in Berlin: one business hour is left that day.
    await previewCreatedAt(page, '2026-12-04T16:00');
    const critical = tierPreview(page, 'Critical');
    // Two business hours: 16:00–17:00 on Friday, then Monday 09:00–10:00.
    await expect(critical).toContainText('a response by Mon, 7 Dec 2026, 10:00 CET');
    await expect(critical).toContainText('04:00 GMT-5 your time');

    // Open on Saturday mornings: the second hour falls on Saturday.
    await page.getByRole('button', { name: 'Add a span on Saturday' }).click();
    await page.getByRole('textbox', { name: 'Saturday span 1 opens' }).fill('10:00');
    await page.getByRole('textbox', { name: 'Saturday span 1 closes' }).fill('14:00');
    await expect(critical).toContainText('a response by Sat, 5 Dec 2026, 11:00 CET');
    // End of business day for a ticket created after Friday's close would now be Saturday's 14:00; at 16:00 on
    // Friday it is still Friday's close.
    await expect(critical).toContainText('a resolution by Fri, 4 Dec 2026, 17:00 CET');
    await page.setViewportSize(DESKTOP);
    await saveScreenshot(page, 'settings-calendar-desktop');

    // A span that ends before it starts: the server's message appears next to the span.
    const mondayCloses = page.getByRole('textbox', { name: 'Monday span 1 closes' });
    await mondayCloses.fill('08:00');
    await expect(page.getByText('span 09:00–08:00 ends before it starts')).toBeVisible();
    await expect(mondayCloses).toHaveAttribute('aria-invalid', 'true');
    await expect(mondayCloses).toHaveAttribute('aria-describedby', /span-error-mon-0/);
    // Saving asks the server too, which refuses with the same field.
    await page.getByRole('button', { name: 'Save calendar' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Some fields need attention' })).toBeVisible();
    await mondayCloses.fill('17:00');
    await expect(page.getByText('span 09:00–08:00 ends before it starts')).toHaveCount(0);

    await page.getByRole('button', { name: 'Save calendar' }).click();
    await expect(page.getByText('Calendar “Berlin office hours” saved.')).toBeVisible();
    await page.reload();
    await expect(page.getByRole('textbox', { name: 'Saturday span 1 closes' })).toHaveValue('14:00');

    // Holidays from an .ics file, saved straight to the calendar.
    await page.locator('input[type="file"]').setInputFiles({
      name: 'office-party.ics',
      mimeType: 'text/calendar',
      buffer: Buffer.from(
        [
          'BEGIN:VCALENDAR',
          'VERSION:2.0',
          'PRODID:-//Tend e2e//EN',
          'BEGIN:VEVENT',
          'UID:party-2026@tend.test',
          'DTSTAMP:20260101T000000Z',
          'DTSTART;VALUE=DATE:20261211',
          'DTEND;VALUE=DATE:20261212',
          'SUMMARY:Office party',
          'END:VEVENT',
          'END:VCALENDAR',
          '',
        ].join('\r\n'),
      ),
    });
    await page.getByRole('button', { name: 'Import holidays' }).click();
    await expect(page.getByText('Imported 1 holiday from office-party.ics.')).toBeVisible();
    await expect(page.getByText('Fri, 11 Dec 2026 · Office party')).toBeVisible();

    await page.setViewportSize(PHONE);
    await page.reload();
    await previewCreatedAt(page, '2026-12-04T16:00');
    await expect(critical).toContainText('a response by Sat, 5 Dec 2026, 11:00 CET');
    await saveScreenshot(page, 'settings-calendar-phone');
  });
});

test('an admin changes the critical response target of "Retainer standard" and sees the preview follow', async ({
  page,
}) => {
  await logIn(page, AGENCY_ADMIN);
  const policyId = await idByName(page, 'sla-policies', 'Retainer standard');
  await restoreAfter(page, `/api/v1/sla-policies/${policyId}`, async () => {
    await page.goto('/settings/sla-policies');
    await page.getByRole('link', { name: 'Retainer standard' }).click();
    await expect(page.getByRole('heading', { name: 'Retainer standard' })).toBeVisible();

    // Monday 7 December 2026, 09:00 Berlin: the office has just opened.
    await previewCreatedAt(page, '2026-12-07T09:00');
    const critical = tierPreview(page, 'Critical');
    await expect(critical).toContainText('a response by Mon, 7 Dec 2026, 11:00 CET');

    const criticalTier = page.getByRole('group', { name: 'Critical', exact: true });
    const response = criticalTier.getByRole('group', { name: 'Response' });
    await expect(response.getByRole('textbox', { name: 'Within' })).toHaveValue('2');
    await response.getByRole('textbox', { name: 'Within' }).fill('4');
    await expect(critical).toContainText('a response by Mon, 7 Dec 2026, 13:00 CET');
    await expect(critical).toContainText('07:00 GMT-5 your time');
    await expect(critical).toContainText('4 h of business time');
    await page.setViewportSize(DESKTOP);
    await saveScreenshot(page, 'settings-policy-desktop');

    // A 24×7 target ignores the calendar: 90 minutes on the clock.
    await response.getByRole('combobox', { name: 'Counted on' }).click();
    await page.getByRole('option', { name: '24×7 clock' }).click();
    await response.getByRole('combobox', { name: 'Unit' }).click();
    await page.getByRole('option', { name: 'minutes' }).click();
    await response.getByRole('textbox', { name: 'Within' }).fill('90');
    await expect(critical).toContainText('a response by Mon, 7 Dec 2026, 10:30 CET');
    // Back to four business hours, and save.
    await response.getByRole('combobox', { name: 'Counted on' }).click();
    await page.getByRole('option', { name: 'Business hours' }).click();
    await response.getByRole('combobox', { name: 'Unit' }).click();
    await page.getByRole('option', { name: 'hours' }).click();
    await response.getByRole('textbox', { name: 'Within' }).fill('4');
    await expect(critical).toContainText('a response by Mon, 7 Dec 2026, 13:00 CET');
    await page.getByRole('button', { name: 'Save SLA policy' }).click();
    await expect(page.getByText('SLA policy “Retainer standard” saved.')).toBeVisible();
    await page.goto('/settings/sla-policies');
    await expect(page.getByRole('cell', { name: '4 h business' }).first()).toBeVisible();

    await page.goto('/settings/sla-policies');
    await page.getByRole('link', { name: 'Retainer standard' }).click();
    await page.setViewportSize(PHONE);
    await previewCreatedAt(page, '2026-12-07T09:00');
    await expect(critical).toContainText('a response by Mon, 7 Dec 2026, 13:00 CET');
    await saveScreenshot(page, 'settings-policy-phone');
  });
});

test('an admin invites a Hallam member, who accepts, logs in and lands in the portal', async ({
  page,
  browser,
}) => {
  await logIn(page, AGENCY_ADMIN);
  await page.goto('/settings/invitations');
  await expect(page.getByText('Invitation emails are not sent yet')).toBeVisible();
  await chooseOption(page, 'Organisation', 'Hallam Outdoor');
  await page.getByRole('textbox', { name: 'Email' }).fill('robin@hallam.example');
  await chooseOption(page, 'Role', 'Client member');
  await page.getByRole('button', { name: 'Create invitation' }).click();
  const created = page.getByRole('status').filter({ hasText: 'Invitation for robin@hallam.example created' });
  await expect(created).toContainText('Tend does not send invitation emails yet');
  await expect(created.getByRole('button', { name: 'Copy' })).toBeVisible();
  const link = (await created.locator('pre').innerText()).trim();
  expect(link).toMatch(/\/invitations\/accept\?token=/);
  await expect(page.getByRole('listitem', { name: 'robin@hallam.example' })).toContainText('Pending');
  await saveScreenshot(page, 'settings-invitation-created');

  const context = await browser.newContext();
  const guest = await context.newPage();
  await guest.goto(link);
  await guest.getByLabel(/^Your name/).fill('Robin Hale');
  await guest.getByLabel(/^Choose a password/).fill('robin-at-hallam-2026');
  await guest.getByRole('button', { name: 'Create my account' }).click();
  await expect(guest.getByText('Your account is ready.')).toBeVisible();
  await logIn(guest, { email: 'robin@hallam.example', password: 'robin-at-hallam-2026' });
  await expect(guest).toHaveURL(/\/portal$/);
  await context.close();

  await page.reload();
  await expect(page.getByRole('listitem', { name: 'robin@hallam.example' })).toContainText('Accepted');
});

test('an admin manages users: list with organisations, create with a password, role change, disable', async ({
  page,
}) => {
  await logIn(page, AGENCY_ADMIN);
  await page.goto('/settings/users');
  const owen = page.getByRole('listitem', { name: 'Owen Clarke' });
  await expect(owen).toContainText('Hallam Outdoor');
  await expect(page.getByRole('listitem', { name: 'Alex Admin' })).toContainText('Tidewater Digital');
  // Your own role and account are not yours to change.
  await expect(page.getByRole('combobox', { name: 'Role of Alex Admin' })).toBeDisabled();

  await page.getByRole('button', { name: 'Add user' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a user with a password' });
  await dialog.getByRole('combobox', { name: 'Organisation' }).click();
  await page.getByRole('option', { name: 'Tidewater Digital' }).click();
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Sam Support');
  await dialog.getByRole('textbox', { name: 'Email' }).fill('sam@tidewater.example');
  await dialog.getByRole('combobox', { name: 'Role' }).click();
  await page.getByRole('option', { name: 'Agency engineer' }).click();
  await dialog.getByLabel(/^Password/).fill('short');
  await dialog.getByRole('button', { name: 'Create user' }).click();
  await expect(dialog.getByText('must be at least 10 characters')).toBeVisible();
  await dialog.getByLabel(/^Password/).fill('sam-support-2026');
  await dialog.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByRole('listitem', { name: 'Sam Support' })).toContainText('Tidewater Digital');
  await expect(dialog).toBeHidden();

  // Role changes and disabling are tried on the user made here: the demo users belong to other tests.
  const sam = page.getByRole('listitem', { name: 'Sam Support' });
  await sam.getByRole('combobox', { name: 'Role of Sam Support' }).click();
  await page.getByRole('option', { name: 'Agency admin' }).click();
  await expect(page.getByText('Sam Support is now Agency admin.')).toBeVisible();
  await sam.getByRole('button', { name: 'Disable' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Disable' }).click();
  await expect(sam).toContainText('Disabled');

  await page.setViewportSize(DESKTOP);
  await saveScreenshot(page, 'settings-users-desktop');
  await page.setViewportSize(PHONE);
  await saveScreenshot(page, 'settings-users-phone');
});

test('an admin creates an API token, sees the secret once, and revokes it', async ({ page, request }) => {
  await logIn(page, AGENCY_ADMIN);
  await page.goto('/settings/tokens');
  await page.getByRole('textbox', { name: 'Token name' }).fill('CI deploys');
  await page.getByRole('button', { name: 'Create token' }).click();
  const created = page.getByRole('status').filter({ hasText: 'Token “CI deploys” created' });
  const secret = (await created.locator('pre').innerText()).trim();
  expect(secret).toMatch(/^tend_/);
  await expect(created.getByRole('button', { name: 'Copy' })).toBeVisible();
  const me = await request.get('/api/v1/me', { headers: { authorization: `Bearer ${secret}` } });
  expect(me.status()).toBe(200);
  await saveScreenshot(page, 'settings-token-created');

  await created.getByRole('button', { name: 'I have copied it' }).click();
  await expect(page.getByText(secret)).toHaveCount(0);
  const row = page.getByRole('listitem', { name: 'CI deploys' });
  await expect(row).toContainText('never used');
  await row.getByRole('button', { name: 'Revoke' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click();
  await expect(row).toContainText('Revoked');
  const after = await request.get('/api/v1/me', { headers: { authorization: `Bearer ${secret}` } });
  expect(after.status()).toBe(401);
});

test('an engineer sees settings read-only, with the reason, and still gets the preview', async ({ page }) => {
  await logIn(page, ENGINEER);
  await page.goto('/settings/calendars');
  await expect(page.getByText('Only agency admins can change settings.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'New calendar' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Berlin office hours' }).click();
  await expect(page.getByRole('textbox', { name: 'Name', exact: true })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Save calendar' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Add a span on Monday' })).toBeDisabled();
  await previewCreatedAt(page, '2026-12-07T09:00');
  await expect(tierPreview(page, 'Critical')).toContainText('a response by');

  await page.goto('/settings/users');
  await expect(page.getByRole('button', { name: 'Add user' })).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: 'Role of Owen Clarke' })).toBeDisabled();
  // Their own API tokens are theirs to manage.
  await page.goto('/settings/tokens');
  await expect(page.getByRole('button', { name: 'Create token' })).toBeEnabled();
});
