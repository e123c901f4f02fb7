import { expect, test } from '@playwright/test';
import { HOSTILE_SLUG, SEED_SLUG, SEED_TITLE, articleId, hydrated } from './portal';

test('home lists the latest articles, newest first', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Tin mới nhất' })).toBeVisible();
  const titles = page.locator('.article-card__title');
  await expect(titles).toHaveCount(10);
  await expect(titles.first()).toHaveText(
    'Tổng kết công tác khuyến công năm 2021, triển khai nhiệm vụ năm 2022',
  );
  await expect(page.getByRole('link', { name: SEED_TITLE })).toBeVisible();
});

for (const timezoneId of ['Asia/Ho_Chi_Minh', 'America/New_York']) {
  test.describe(`reader in ${timezoneId}`, () => {
    test.use({ timezoneId });

    test('clicking the seed article shows it as the original', async ({ page }) => {
      await page.goto('/');
      await page.getByRole('link', { name: SEED_TITLE }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_TITLE);
      // Until the app has taken over, the written page and its hidden copy both hold the parts.
      await hydrated(page);
      await expect(page.locator('.article__meta time')).toHaveText('Thứ hai - 29/03/2021 03:33');
      await expect(page.getByText('Tác giả: Mai Thanh - TTKC')).toBeVisible();
      await expect(page).toHaveTitle(SEED_TITLE);
      await expect(page.locator('.article__body')).toContainText('Chỉ thị số 04/CT-BCT');
      await expect(page.getByRole('heading', { name: 'Những tin mới hơn' })).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Những tin cũ hơn' })).toBeVisible();
      await expect(
        page.getByRole('link', { name: 'UBND tỉnh phê duyệt Kế hoạch khuyến công địa phương năm 2021' }),
      ).toBeVisible();
      await expect(page.getByText('(06/01/2021)')).toBeVisible();
    });
  });
}

test('a deep link survives a reload', async ({ page, request }) => {
  const id = await articleId(request, SEED_SLUG);
  await page.goto(`/bai-viet/${id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_TITLE);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_TITLE);
});

test('the view count counts a reader once', async ({ page, request }) => {
  const id = await articleId(request, 'ho-tro-may-moc-che-bien-che');
  const views = page.locator('.article__views');
  // A new reader's load counts nothing: the app sends the view with the issued cookie…
  const sent = page.waitForResponse((r) => r.url().endsWith(`/api/articles/${id}/views`));
  await page.goto(`/bai-viet/${id}`);
  expect((await sent).status()).toBe(204);
  // …and a reader the server knows is counted by the load, once a day, the app sending nothing.
  let sentAgain = 0;
  page.on('request', (r) => { if (r.url().endsWith('/views')) sentAgain += 1; });
  await page.reload();
  await hydrated(page);
  await expect(views).toHaveText(/Lượt xem: \d+/);
  const first = await views.textContent();
  await page.reload();
  await hydrated(page);
  await expect(views).toHaveText(first!);
  expect(sentAgain).toBe(0);
});

test('unknown articles and routes show the 404 page', async ({ page }) => {
  await page.goto('/bai-viet/999999');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Không tìm thấy trang');
  await expect(page).toHaveTitle('Không tìm thấy trang');
  await page.goto('/khong-co-trang-nay');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Không tìm thấy trang');
  await page.getByRole('link', { name: 'Về trang chủ' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tin mới nhất' })).toBeVisible();
});

test('a category pages through its articles', async ({ page }) => {
  await page.goto('/');
  const menu = page.getByRole('navigation', { name: 'Chuyên mục' });
  await menu.getByRole('link', { name: 'Đào tạo, tập huấn' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đào tạo, tập huấn');
  await expect(page).toHaveTitle('Đào tạo, tập huấn');
  await expect(menu.getByRole('link', { name: 'Đào tạo, tập huấn' })).toHaveAttribute('aria-current', 'page');
  // Two demo articles and nine from the test content: ten on page 1, one on page 2.
  const cards = page.locator('.article-card');
  await expect(cards).toHaveCount(10);
  await expect(page.getByText('Trang 1/2')).toBeVisible();
  await page.getByRole('link', { name: 'Trang sau' }).click();
  await expect(page).toHaveURL(/\/chuyen-muc\/dao-tao-tap-huan\?trang=2$/);
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText('Lớp tập huấn sử dụng máy dệt thổ cẩm năm 2019 (đợt 1)');
  await page.getByRole('link', { name: 'Trang trước' }).click();
  await expect(cards).toHaveCount(10);
});

test('an unknown category shows the 404 page', async ({ page }) => {
  await page.goto('/chuyen-muc/khong-ton-tai');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Không tìm thấy trang');
});

test('script payloads in an article body run none of them', async ({ page, request }) => {
  const id = await articleId(request, HOSTILE_SLUG);
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    dialog.dismiss();
  });
  await page.goto(`/bai-viet/${id}`);
  const body = page.locator('.article__body');
  await expect(body).toContainText('Đoạn văn bình thường.');
  await expect(body.locator('script')).toHaveCount(0);
  await expect(body.locator('[onerror]')).toHaveCount(0);
  await body.getByText('Bấm vào liên kết này').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bài kiểm thử nội dung độc hại');
  await expect(body.getByRole('link', { name: 'Bộ Công Thương' })).toHaveAttribute(
    'rel',
    'noopener noreferrer',
  );
  expect(await page.evaluate(() => (window as any).__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);
});
