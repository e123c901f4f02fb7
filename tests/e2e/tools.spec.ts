// The article's tools and the portal's frame that a state agency's portal must have:
// "Lưu bài viết này", "Cỡ chữ", the visitor counter and the agency's footer.
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Page, expect, test } from '@playwright/test';
import { SEED_SLUG, SEED_TITLE, articleId, expectNoAxeViolations, freePort, hydrated, startServer, stop } from './portal';

async function openSeed(page: Page, id: number) {
  await page.goto(`/bai-viet/${id}`);
  await hydrated(page);
}

const bodySize = (page: Page) =>
  page.locator('.article__body').evaluate((body) => getComputedStyle(body).fontSize);

test('"Lưu bài viết này" downloads the article as one HTML file named from its slug', async ({ page, request }) => {
  const id = await articleId(request, SEED_SLUG);
  await openSeed(page, id);
  const address = page.url();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Lưu bài viết này' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`${SEED_SLUG}.html`);
  const saved = readFileSync((await download.path())!, 'utf8');
  expect(saved).toContain(`<h1>${SEED_TITLE}</h1>`);
  expect(saved).toContain(`URL của bản tin này: <a href="${address}">`);
  expect(saved).toContain('<style>');
  expect(saved).not.toContain('<script');
  await expect(page).toHaveURL(address);
});

test('"Cỡ chữ" sizes the text in three steps, says so, works by keyboard and is remembered', async ({ page, request }) => {
  const id = await articleId(request, SEED_SLUG);
  await openSeed(page, id);
  const sizes = page.getByRole('group', { name: 'Cỡ chữ' });
  await expect(sizes.getByRole('button')).toHaveText(['A−', 'A', 'A+']);
  await expect(sizes.getByRole('button', { name: 'A', exact: true })).toHaveAttribute('aria-pressed', 'true');
  expect(await bodySize(page)).toBe('16px');

  await sizes.getByRole('button', { name: 'A+' }).click();
  await expect(sizes.getByRole('button', { name: 'A+' })).toHaveAttribute('aria-pressed', 'true');
  await expect(sizes.getByRole('button', { name: 'A', exact: true })).toHaveAttribute('aria-pressed', 'false');
  await expect(sizes.getByRole('status')).toHaveText('Đã chọn cỡ chữ lớn.');
  expect(await bodySize(page)).toBe('20px');

  await sizes.getByRole('button', { name: 'A−' }).focus();
  await page.keyboard.press('Enter');
  await expect(sizes.getByRole('status')).toHaveText('Đã chọn cỡ chữ nhỏ.');
  expect(await bodySize(page)).toBe('14px');

  // The written page of the reload is already small: the server read the choice.
  const written = await (await page.request.get(`/bai-viet/${id}`)).text();
  expect(written).toContain('data-font-size="small"');
  await page.reload();
  await hydrated(page);
  expect(await bodySize(page)).toBe('14px');
  await expect(sizes.getByRole('button', { name: 'A−' })).toHaveAttribute('aria-pressed', 'true');
});

test('without JavaScript the chosen size still applies and the buttons are not offered', async ({ browser, request, baseURL }) => {
  const id = await articleId(request, SEED_SLUG);
  const context = await browser.newContext({ javaScriptEnabled: false });
  await context.addCookies([{ name: 'font-size', value: 'large', url: baseURL! }]);
  const page = await context.newPage();
  await page.goto(`/bai-viet/${id}`);
  expect(await bodySize(page)).toBe('20px');
  await expect(page.getByRole('group', { name: 'Cỡ chữ' })).toBeHidden();
  await expect(page.getByRole('link', { name: 'Lưu bài viết này' })).toBeVisible();
  await context.close();
});

for (const [device, viewport] of [
  ['a desktop', { width: 1280, height: 900 }],
  ['a phone', { width: 375, height: 740 }],
] as const) {
  test(`on ${device} the article page has no axe violations with every tool shown`, async ({ page, context, request }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.setViewportSize(viewport);
    await openSeed(page, await articleId(request, SEED_SLUG));
    await page.getByRole('button', { name: 'A+' }).click();
    await page.getByRole('button', { name: 'Sao chép liên kết' }).click();
    await expect(page.getByRole('group', { name: 'Chia sẻ' }).getByRole('status')).not.toBeEmpty();
    await expect(page.locator('.site-footer__agency')).toBeVisible();
    await expectNoAxeViolations(page);
  });
}

test('the footer carries the agency information from the site record, marked as demo', async ({ page }) => {
  await page.goto('/');
  const footer = page.getByRole('contentinfo');
  await expect(footer.locator('.site-footer__agency')).toHaveText(
    'Trung tâm Khuyến công và Tư vấn phát triển công nghiệp',
  );
  await expect(footer).toContainText('Cơ quan chủ quản: Sở Công Thương');
  await expect(footer).toContainText('Điện thoại: 0203 3820 000 – Fax: 0203 3820 001');
  await expect(footer.getByRole('link', { name: 'khuyencong@example.gov.vn' })).toHaveAttribute(
    'href',
    'mailto:khuyencong@example.gov.vn',
  );
  await expect(footer).toContainText('Giấy phép số 00/GP-TTĐT');
  await expect(footer.getByRole('link', { name: 'Cổng dịch vụ công trực tuyến' })).toHaveAttribute(
    'href',
    'https://dichvucong.example.gov.vn/',
  );
  await expect(footer).toContainText('dữ liệu mẫu');
});

test('the visitor counter moves for a new reader and not for a repeat one the same day', async ({ browser }) => {
  // A server of its own: the shared one counts every other test's readers too.
  const dir = mkdtempSync(join(process.env.PORTAL_SCRATCH_DIR!, 'visitors-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = await startServer(port, join(dir, 'portal.db'));
  // The figures shown, once they are `expected` (a new reader's first page shows them
  // when the app has counted the visit).
  const figures = async (page: Page, expected: string[]) => {
    const counter = page.getByRole('region', { name: 'Thống kê truy cập' });
    await expect(counter.locator('dt')).toHaveText(['Đang truy cập', 'Hôm nay', 'Tháng hiện tại', 'Tổng lượt truy cập']);
    await expect(counter.locator('dd')).toHaveText(expected);
  };
  try {
    const first = await (await browser.newContext()).newPage();
    await first.goto(`${base}/`);
    await figures(first, ['1', '1', '1', '1']);
    await first.reload();
    await figures(first, ['1', '1', '1', '1']);

    const second = await (await browser.newContext()).newPage();
    await second.goto(`${base}/`);
    await figures(second, ['2', '2', '2', '2']);
    await first.reload();
    await figures(first, ['2', '2', '2', '2']);
  } finally {
    await stop(server);
  }
});
