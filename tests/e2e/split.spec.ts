// The citizens' wasm split by page: what a page loads of it, and when.
import { Page, expect, test } from '@playwright/test';
import { SEED_SLUG, SEED_TITLE, articleId, hydrated } from './portal';

/** The wasm modules of the app's bundle the page asks for, by file name, in order. */
function wasmRequests(page: Page): string[] {
  const names: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/app-') && url.pathname.endsWith('.wasm')) {
      names.push(url.pathname.split('/').pop()!);
    }
  });
  return names;
}

test("an article's page takes the main module only; the search page's code comes when the reader goes there", async ({ page, request }) => {
  const loaded = wasmRequests(page);
  await page.goto(`/bai-viet/${await articleId(request, SEED_SLUG)}`);
  await hydrated(page);
  await page.waitForLoadState('networkidle');
  expect(loaded).toEqual(['portal_bg.wasm']);

  const box = page.getByRole('searchbox', { name: 'Tìm kiếm' });
  await box.fill('chi thi khuyen cong');
  await box.press('Enter');
  await expect(page.locator('.search-hit').first().getByRole('heading', { level: 2 })).toHaveText(SEED_TITLE);
  expect(loaded.length).toBeGreaterThan(1);
  expect(loaded.filter((name) => name === 'portal_bg.wasm')).toHaveLength(1);
});

test("a page opened at its own address fetches its chunks beside the main module, once each, and no other page's", async ({ page }) => {
  const loaded = wasmRequests(page);
  // The main module is held back a second: the page's chunks are asked for meanwhile.
  let mainArrived = false;
  const askedBeforeMain: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (!mainArrived && path.endsWith('.wasm') && !path.endsWith('/portal_bg.wasm')) askedBeforeMain.push(path);
  });
  await page.route('**/portal_bg.wasm', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    mainArrived = true;
    await route.continue();
  });
  await page.goto('/tim-kiem?q=khuyen+cong');
  await hydrated(page);
  expect(askedBeforeMain.length).toBeGreaterThan(0);
  const forSearch = [...loaded];
  expect(forSearch).toContain('portal_bg.wasm');
  expect(new Set(forSearch).size).toBe(forSearch.length);

  // The polls page's code is not the search page's: going there asks for more.
  await page.goto('/binh-chon');
  await hydrated(page);
  const forPolls = loaded.slice(forSearch.length);
  expect(forPolls.some((name) => !forSearch.includes(name))).toBe(true);
});

test("when a page's chunk cannot be fetched, the page still reads and its links still lead on", async ({ page, request }) => {
  await page.route(/\/app-[^/]+\/(?!portal_bg)[^/]+\.wasm$/, (route) => route.abort());
  // An article's page needs no chunk: it is taken over, and the home page's chunk fails.
  await page.goto(`/bai-viet/${await articleId(request, SEED_SLUG)}`);
  await hydrated(page);
  await page.locator('.site-name').click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('.article-list, .article-card').first()).toBeVisible();

  // The search page cannot be taken over: it reads as written, and its links lead on.
  await page.goto('/tim-kiem?q=chi+thi+khuyen+cong');
  const hit = page.locator('.search-hit').first();
  await expect(hit.getByRole('heading', { level: 2 })).toHaveText(SEED_TITLE);
  await hit.getByRole('link', { name: SEED_TITLE }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_TITLE);
  await page.goBack();
  await expect(page).toHaveURL(/\/tim-kiem\?q=/);
  await expect(page.locator('.search-hit').first()).toBeVisible();
});
