import { expect, test } from '@playwright/test';
import { AGENCY_ADMIN, logIn, saveScreenshot } from './support';

test('an agency admin connects Slack and a client channel; the secrets come back only as hints', async ({
  page,
}) => {
  await logIn(page, AGENCY_ADMIN);
  await page.goto('/settings/slack');
  await expect(page.getByText('Not connected')).toBeVisible();
  await page.getByLabel(/^Signing secret/).fill('e2e-signing-secret-abcd');
  await page.getByLabel(/^Bot token/).fill('xoxb-e2e-token-WXYZ');
  await page.getByLabel(/^Agency channel id/).fill('CAGENCY1');
  await page.getByRole('button', { name: 'Connect Slack' }).click();
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  await expect(page.getByText('…abcd')).toBeVisible();
  await expect(page.getByText('…WXYZ')).toBeVisible();
  await expect(page.getByText('e2e-signing-secret-abcd')).toHaveCount(0);

  await page.getByLabel(/^Channel id/).fill('C0HALLAM');
  await page.getByRole('combobox', { name: 'Client' }).click();
  await page.getByRole('option').first().click();
  await page.getByRole('button', { name: 'Connect channel' }).click();
  await expect(page.getByRole('cell', { name: 'C0HALLAM' })).toBeVisible();
  await saveScreenshot(page, 'settings-slack');

  // Put the shared demo server back as it was.
  expect((await page.request.delete('/api/v1/slack/channels/C0HALLAM')).status()).toBe(204);
  expect((await page.request.delete('/api/v1/slack/connection')).status()).toBe(204);
});
