// The backend goes away under a reader and comes back: the page says so in Vietnamese,
// offers "Thử lại", and recovers. A server of its own, so the shared one stays up.
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { SEED_TITLE, freePort, startServer, stop } from './portal';

test('with the backend stopped, the error and "Thử lại" appear and work once it is back', async ({ page }) => {
  const dir = mkdtempSync(join(process.env.PORTAL_SCRATCH_DIR!, 'outage-'));
  const database = join(dir, 'portal.db');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let server = await startServer(port, database);
  try {
    await page.goto(`${base}/`);
    const seedLink = page.getByRole('link', { name: SEED_TITLE });
    await expect(seedLink).toBeVisible();

    await stop(server);
    await seedLink.click();
    await expect(page.getByRole('alert')).toContainText('Không kết nối được với máy chủ');
    const retry = page.getByRole('button', { name: 'Thử lại' });
    await expect(retry).toBeVisible();
    await retry.click();
    await expect(retry).toBeVisible();

    server = await startServer(port, database);
    // Under load the last "Thử lại" may still be on its way and find the server back by
    // itself; otherwise this press brings the article.
    await retry.click({ timeout: 5_000 }).catch(() => {});
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_TITLE);
    await expect(page.getByRole('alert')).toHaveCount(0);
  } finally {
    await stop(server).catch(() => {});
  }
});
