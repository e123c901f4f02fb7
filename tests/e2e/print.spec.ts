// "In ra": the printout is the article alone, with the portal's name above it and its
// address below it (NukeViet's "URL của bản tin này"), in the app and in the server's page.
import { expect, test } from '@playwright/test';
import { articleId, hydrated } from './portal';

// A demo article with both an author and a source.
const WITH_SOURCE = 'nghi-dinh-khuyen-cong-giai-doan-2021-2025';

for (const javaScriptEnabled of [true, false]) {
  test(`the printout holds the article, its source and address, and nothing else (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({ browser, request }) => {
    const id = await articleId(request, WITH_SOURCE);
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    await page.goto(`/bai-viet/${id}`);
    if (javaScriptEnabled) await hydrated(page);
    const url = page.locator('main .article__url');
    await expect(url).toBeHidden();

    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('main .article__portal')).toHaveText('Trung tâm Khuyến công');
    await expect(url).toHaveText(`URL của bản tin này: ${page.url()}`);
    for (const part of ['h1', '.article__meta time', '.article__lead', '.article__body', '.article__author', '.article__source']) {
      await expect(page.locator(`main ${part}`).first(), part).toBeVisible();
    }
    await expect(page.locator('main .article__source')).toHaveText('Nguồn tin: Cục Công Thương địa phương');
    for (const left of ['.site-header', '.category-menu', '.sidebar', '.site-footer', 'main .rating', 'main .share', '.breadcrumb']) {
      await expect(page.locator(left).first(), left).toBeHidden();
    }
    await expect(page.getByRole('button', { name: 'In ra' })).toBeHidden();
    await context.close();
  });
}
