import { expect, test } from '@playwright/test';
import { AGENCY_ADMIN, logIn, saveScreenshot } from './support';

test('the channels and background work show in settings: mailboxes, the inbound list, notifications', async ({
  page,
}) => {
  await logIn(page, AGENCY_ADMIN);

  await page.goto('/settings/mailboxes');
  await expect(page.getByRole('heading', { name: 'Mailboxes', level: 2 })).toBeVisible();
  await expect(page.getByText('No mailboxes')).toBeVisible();
  await saveScreenshot(page, 'settings-mailboxes');

  // Nothing has failed on a fresh demo: the dead-letter list is empty and says so; processed items are listed.
  await page.goto('/settings/inbound');
  await expect(page.getByText('No dead letters')).toBeVisible();
  await page.getByText('Pending', { exact: true }).click();
  await expect(page.getByText('Nothing pending')).toBeVisible();
  await saveScreenshot(page, 'settings-inbound');

  await page.getByRole('button', { name: /^Notifications/ }).click();
  // The list opens with its own controls, whatever the worker has already found.
  await expect(page.getByRole('button', { name: 'Mark all read' })).toBeVisible();
  await saveScreenshot(page, 'notifications-bell');
});
