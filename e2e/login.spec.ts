import { expect, test } from '@playwright/test';
import { AGENCY_ADMIN, CLIENT_ADMIN, logIn, saveScreenshot } from './support';

test('a wrong password is refused with a message and no way in', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel(/^Email/).fill(AGENCY_ADMIN.email);
  await page.getByLabel(/^Password/).fill('not the password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert')).toContainText('Email or password is wrong.');
  await expect(page).toHaveURL(/\/login$/);
  await saveScreenshot(page, 'login-refused');
});

test('agency staff land on the queue, clients on their portal', async ({ page }) => {
  await logIn(page, AGENCY_ADMIN);
  await expect(page).toHaveURL(/\/queue$/);
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await logIn(page, CLIENT_ADMIN);
  await expect(page).toHaveURL(/\/portal$/);
  // The agency desk is not the client's: asking for it sends them home.
  await page.goto('/queue');
  await expect(page).toHaveURL(/\/portal$/);
});
