import { Page, expect, test } from '@playwright/test';
import { articleId, expectNoAxeViolations, hydrated } from './portal';

// Each test rates its own article, so the tests stay independent when run in parallel.
async function openArticle(page: Page, slug: string) {
  const id = await articleId(page.request, slug);
  await page.goto(`/bai-viet/${id}`);
  // The app has taken over from the server's page (whose stars are disabled).
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  return id;
}

function ratingPosts(page: Page): string[] {
  const posts: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().includes('/ratings')) posts.push(request.url());
  });
  return posts;
}

test('clicking the 4th star rates 4 and the totals update', async ({ page, browser }) => {
  await openArticle(page, 'lop-tap-huan-2019-dot-1');
  const rating = page.getByRole('region', { name: 'Đánh giá bài viết' });
  await expect(rating.locator('.rating__total')).toHaveText('Tổng số điểm của bài viết là: 0 trong 0 đánh giá');
  await expect(rating.getByText('Click để đánh giá bài viết')).toBeVisible();
  await expect(rating.getByText(/Xếp hạng/)).toHaveCount(0);
  await expectNoAxeViolations(page);

  const fourth = rating.locator('label[for="danh-gia-4"]');
  await expect(fourth).toHaveAttribute('title', 'Bài viết tốt');
  await fourth.hover();
  await expect(rating.locator('.rating__preview')).toHaveText('Bài viết tốt');
  await expect(rating.locator('.rating__star--lit')).toHaveCount(4);
  await fourth.click();

  await expect(rating.locator('.rating__total')).toHaveText('Tổng số điểm của bài viết là: 4 trong 1 đánh giá');
  await expect(rating.locator('.rating__ranking')).toHaveText('Xếp hạng: 4,0 - 1 phiếu bầu');
  await expect(rating.getByRole('status')).toContainText('Cảm ơn bạn đã đánh giá');
  await expect(rating.getByText('Đánh giá của bạn: 4 sao – Bài viết tốt')).toBeVisible();
  // A first rating is thanked, not taken for a repeat.
  await expect(rating.getByText('Bạn đã đánh giá bài viết này rồi')).toHaveCount(0);
  await expectNoAxeViolations(page);

  await page.reload();
  const again = page.getByRole('region', { name: 'Đánh giá bài viết' });
  await expect(again.getByText('Đánh giá của bạn: 4 sao – Bài viết tốt')).toBeVisible();
  await expect(again.getByText('Bạn đã đánh giá bài viết này rồi')).toBeVisible();
  await expect(again.getByRole('radio')).toHaveCount(0);
  await expect(again.getByText('Click để đánh giá bài viết')).toHaveCount(0);

  // Another reader (a fresh browser context, so a new visitor cookie) can still rate.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await openArticle(otherPage, 'lop-tap-huan-2019-dot-1');
  const theirs = otherPage.getByRole('region', { name: 'Đánh giá bài viết' });
  // Before they rate, the stars show the average.
  await expect(theirs.locator('.rating__star--lit')).toHaveCount(4);
  await expect(theirs.locator('.rating__star--half')).toHaveCount(0);
  await theirs.locator('label[for="danh-gia-5"]').click();
  await expect(theirs.locator('.rating__total')).toHaveText('Tổng số điểm của bài viết là: 9 trong 2 đánh giá');
  await expect(theirs.locator('.rating__ranking')).toHaveText('Xếp hạng: 4,5 - 2 phiếu bầu');
  await other.close();

  // Others see 4,5 as four stars and a half, in the server's page and in the app's.
  for (const javaScriptEnabled of [false, true]) {
    const third = await browser.newContext({ javaScriptEnabled });
    const thirdPage = await third.newPage();
    await thirdPage.goto(`/bai-viet/${await articleId(thirdPage.request, 'lop-tap-huan-2019-dot-1')}`);
    if (javaScriptEnabled) await hydrated(thirdPage);
    const stars = thirdPage.locator('main .rating__stars');
    await expect(stars.locator('.rating__star--lit')).toHaveCount(4);
    await expect(stars.locator('.rating__star--half')).toHaveCount(1);
    await third.close();
  }
});

test('a screen reader\'s click on the radio itself casts the rating', async ({ page }) => {
  const posts = ratingPosts(page);
  await openArticle(page, 'lop-tap-huan-2019-dot-8');
  const rating = page.getByRole('region', { name: 'Đánh giá bài viết' });
  // Browse mode activates the radio with a click event and no key press.
  await rating.getByRole('radio', { name: 'Bài viết kém' }).dispatchEvent('click');
  await expect(rating.locator('.rating__total')).toHaveText('Tổng số điểm của bài viết là: 2 trong 1 đánh giá');
  await expect(rating.getByText('Đánh giá của bạn: 2 sao – Bài viết kém')).toBeVisible();
  expect(posts).toHaveLength(1);
});

test('arrow keys move the selection without casting; Enter casts', async ({ page }) => {
  const posts = ratingPosts(page);
  await openArticle(page, 'lop-tap-huan-2019-dot-2');
  const rating = page.getByRole('region', { name: 'Đánh giá bài viết' });
  const first = rating.getByRole('radio', { name: 'Bài viết rất kém' });
  await first.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowRight');
  await expect(rating.getByRole('radio', { name: 'Bài viết đạt' })).toBeChecked();
  await expect(rating.getByRole('radio', { name: 'Bài viết đạt' })).toBeFocused();
  expect(posts).toEqual([]);
  await page.keyboard.press('Enter');
  await expect(rating.locator('.rating__total')).toHaveText('Tổng số điểm của bài viết là: 3 trong 1 đánh giá');
  expect(posts).toHaveLength(1);
});

test('Space casts the focused star', async ({ page }) => {
  await openArticle(page, 'lop-tap-huan-2019-dot-3');
  const rating = page.getByRole('region', { name: 'Đánh giá bài viết' });
  await rating.getByRole('radio', { name: 'Bài viết rất tốt' }).focus();
  await page.keyboard.press('Space');
  await expect(rating.locator('.rating__ranking')).toHaveText('Xếp hạng: 5,0 - 1 phiếu bầu');
});

test('a server error is shown and the stars can be used again', async ({ page }) => {
  await openArticle(page, 'lop-tap-huan-2019-dot-4');
  await page.route('**/ratings', (route) =>
    route.fulfill({
      status: 500,
      contentType: 'application/problem+json',
      body: JSON.stringify({ type: '/problems/server-error', title: 'Lỗi', status: 500 }),
    }),
  );
  const rating = page.getByRole('region', { name: 'Đánh giá bài viết' });
  await rating.locator('label[for="danh-gia-5"]').click();
  await expect(rating.getByRole('alert')).toContainText('Máy chủ đang gặp sự cố');
  await expect(rating.getByRole('radio', { name: 'Bài viết rất tốt' })).toBeEnabled();
  await expectNoAxeViolations(page);

  await page.unroute('**/ratings');
  await rating.locator('label[for="danh-gia-5"]').click();
  await expect(rating.locator('.rating__total')).toHaveText('Tổng số điểm của bài viết là: 5 trong 1 đánh giá');
  await expect(rating.locator('.rating__error')).toBeEmpty();
});

test('with the network down the reader is told so', async ({ page }) => {
  await openArticle(page, 'lop-tap-huan-2019-dot-5');
  await page.route('**/ratings', (route) => route.abort('connectionrefused'));
  const rating = page.getByRole('region', { name: 'Đánh giá bài viết' });
  await rating.locator('label[for="danh-gia-3"]').click();
  await expect(rating.getByRole('alert')).toContainText('kiểm tra kết nối mạng');
  await expect(rating.getByRole('radio', { name: 'Bài viết đạt' })).toBeEnabled();
});

test('stars are disabled while the rating is on its way', async ({ page }) => {
  const posts = ratingPosts(page);
  await openArticle(page, 'lop-tap-huan-2019-dot-6');
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/ratings', async (route) => {
    await held;
    await route.continue();
  });
  const rating = page.getByRole('region', { name: 'Đánh giá bài viết' });
  await rating.locator('label[for="danh-gia-4"]').click();
  await expect(rating.getByRole('radio', { name: 'Bài viết tốt' })).toBeDisabled();
  await rating.locator('label[for="danh-gia-5"]').click({ force: true });
  release();
  await expect(rating.locator('.rating__total')).toHaveText('Tổng số điểm của bài viết là: 4 trong 1 đánh giá');
  expect(posts).toHaveLength(1);
});

test('an article closed to rating shows no rating block, as NukeViet does', async ({ page }) => {
  await openArticle(page, 'kiem-thu-khong-cho-danh-gia');
  await expect(page.locator('main .article__body')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Đánh giá bài viết' })).toHaveCount(0);
  await expect(page.locator('.rating')).toHaveCount(0);
});

test('a reader whose cookie was lost rates at the first click all the same', async ({ page, context }) => {
  await openArticle(page, 'lop-tap-huan-2019-dot-7');
  // Every request of the app's start is answered (any of them would issue a cookie).
  await page.waitForLoadState('networkidle');
  // The cookie the page load issued is gone (cleared, or blocked): the server refuses
  // the rating of a reader it has never issued, and the app sends it again once.
  await context.clearCookies();
  const posts = ratingPosts(page);
  const rating = page.getByRole('region', { name: 'Đánh giá bài viết' });
  await rating.locator('label[for="danh-gia-5"]').click();
  await expect(rating.getByRole('status')).toContainText('Cảm ơn bạn đã đánh giá');
  await expect(rating.locator('.rating__total')).toHaveText('Tổng số điểm của bài viết là: 5 trong 1 đánh giá');
  expect(posts).toHaveLength(2);
});
