import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';

export const AGENCY_ADMIN = { email: 'admin@tidewater.example', password: 'tend-demo-admin' };
export const CLIENT_ADMIN = { email: 'priya@hallam.example', password: 'tend-demo-client' };
/** Another client's admin (Kestrel Logistics); every demo user but two has this password. */
export const OTHER_CLIENT_ADMIN = { email: 'dana@kestrel.example', password: 'tend-demo-password' };

export async function logIn(page: Page, user: { email: string; password: string }): Promise<void> {
  await page.goto('/login');
  await page.getByLabel(/^Email/).fill(user.email);
  await page.getByLabel(/^Password/).fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).not.toHaveURL(/\/login$/);
}

/** Screenshots of the main screens are kept as test artifacts in test-results/screenshots. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}
