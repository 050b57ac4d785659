import { expect, test } from '@playwright/test';
import { gzipSync } from 'node:zlib';
import { CLIENT_ADMIN } from './support';

const BUDGET_BYTES = 300 * 1024;

/**
 * The budget: a client's first load of the portal carries under 300 kB of JavaScript, gzipped.
 * Measured as a browser loads it: every script the portal's first screen fetches, gzipped at level 9.
 */
test('the portal’s first load stays under 300 kB of gzipped JavaScript', async ({ page }) => {
  // Log in through the API so that the portal is the first page this browser loads: a cold cache.
  const login = await page.request.post('/api/v1/auth/login', { data: CLIENT_ADMIN });
  expect(login.status()).toBe(200);
  const scripts = new Map<string, number>();
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    expect(response.status(), `${response.url()} should come over the wire`).toBe(200);
    void response.body().then((body) => scripts.set(response.url(), gzipSync(body, { level: 9 }).length));
  });
  await page.goto('/portal', { waitUntil: 'networkidle' });
  await expect(page).toHaveURL(/\/portal$/);
  const total = [...scripts.values()].reduce((sum, size) => sum + size, 0);
  console.log(`portal first load: ${scripts.size} scripts, ${(total / 1024).toFixed(1)} kB gzipped`);
  expect(scripts.size).toBeGreaterThan(0);
  expect(total).toBeLessThan(BUDGET_BYTES);
});
