import { Page, expect, test } from '@playwright/test';
import { articleId, hydrated } from './portal';

// The stars and the ballots are forms that work before the app and without JavaScript.
// Each test rates its own article; the poll's tests each vote as a reader of their own
// and look only at what that reader is told.
const POLL = 'Câu hỏi kiểm thử biểu mẫu';

const ratingOf = (page: Page) => page.getByRole('region', { name: 'Đánh giá bài viết' });
const pollBox = (page: Page) =>
  page.locator('.poll').filter({ has: page.getByText(POLL, { exact: true }) });

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a rating is posted, thanked, and taken once', async ({ page, context }) => {
    const id = await articleId(page.request, 'kiem-thu-bieu-mau-1');
    await page.goto(`/bai-viet/${id}`);
    // A second tab of the same reader, opened before they rate.
    const second = await context.newPage();
    await second.goto(`/bai-viet/${id}`);

    const rating = ratingOf(page);
    await rating.locator('label[for="danh-gia-4"]').click();
    await rating.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await expect(page).toHaveURL(new RegExp(`/bai-viet/${id}#danh-gia$`));
    await expect(rating.getByRole('status')).toContainText('Cảm ơn bạn đã đánh giá');
    await expect(rating.getByText('Đánh giá của bạn: 4 sao – Bài viết tốt')).toBeVisible();
    await expect(rating.locator('.rating__total')).toHaveText('Tổng số điểm của bài viết là: 4 trong 1 đánh giá');

    // The same rule as the API's: the second tab's rating is refused in NukeViet's words.
    await ratingOf(second).locator('label[for="danh-gia-2"]').click();
    await ratingOf(second).getByRole('button', { name: 'Gửi đánh giá' }).click();
    await expect(ratingOf(second).getByRole('status')).toHaveText('Bạn đã đánh giá bài viết này rồi');
    await expect(ratingOf(second).locator('.rating__total')).toHaveText('Tổng số điểm của bài viết là: 4 trong 1 đánh giá');

    // The outcome is said once: the page opened again says only what stands.
    await page.reload();
    await expect(rating.getByRole('status')).toHaveText('');
    await expect(rating.getByText('Bạn đã đánh giá bài viết này rồi')).toBeVisible();
  });

  test('a ballot is posted under the poll\'s rules, and "Kết quả" works', async ({ page }) => {
    await page.goto('/binh-chon');
    let box = pollBox(page);
    await box.getByRole('button', { name: 'Kết quả' }).click();
    await expect(box.locator('.poll-results__option')).toHaveCount(3);
    await box.getByRole('link', { name: 'Quay lại bình chọn' }).click();

    box = pollBox(page);
    for (const name of ['Mục 1', 'Mục 2', 'Mục 3']) await box.getByRole('checkbox', { name }).check();
    await box.getByRole('button', { name: 'Bình chọn' }).click();
    await expect(box.getByRole('alert')).toHaveText('Bạn cần chọn từ 1 đến 2 phương án');
    await expect(box.getByRole('checkbox', { name: 'Mục 1' })).not.toBeChecked();

    await box.getByRole('checkbox', { name: 'Mục 1' }).check();
    await box.getByRole('checkbox', { name: 'Mục 3' }).check();
    await box.getByRole('button', { name: 'Bình chọn' }).click();
    await expect(page).toHaveURL(/\/binh-chon#binh-chon-\d+$/);
    await expect(box.getByRole('status')).toHaveText('Hệ thống đã ghi nhận bình chọn của bạn.');
    await expect(box.locator('.poll-results__option--mine')).toHaveCount(2);
  });
});

test('before the wasm has come, a click on a star rates and a ballot votes', async ({ page }) => {
  await page.route('**/*.wasm', (route) => route.abort());
  const id = await articleId(page.request, 'kiem-thu-bieu-mau-2');
  await page.goto(`/bai-viet/${id}`);
  const rating = ratingOf(page);
  await expect(rating.getByRole('button', { name: 'Gửi đánh giá' })).toBeHidden();
  await rating.locator('label[for="danh-gia-5"]').click();
  await expect(rating.getByRole('status')).toContainText('Cảm ơn bạn đã đánh giá');
  await expect(rating.getByText('Đánh giá của bạn: 5 sao – Bài viết rất tốt')).toBeVisible();
  await expect(page.locator('html[data-app]')).toHaveCount(0);

  await page.goto('/binh-chon');
  const box = pollBox(page);
  await box.getByRole('checkbox', { name: 'Mục 2' }).check();
  await box.getByRole('button', { name: 'Bình chọn' }).click();
  await expect(box.getByRole('status')).toHaveText('Hệ thống đã ghi nhận bình chọn của bạn.');
  await expect(box.locator('.poll-results__option--mine')).toHaveCount(1);
});

test('the app takes the forms over: a star rates through the API, with no page load', async ({ page }) => {
  const id = await articleId(page.request, 'kiem-thu-bieu-mau-2');
  const loads: string[] = [];
  page.on('framenavigated', (frame) => loads.push(frame.url()));
  await page.goto(`/bai-viet/${id}`);
  await hydrated(page);
  await expect(page.locator('html[data-app]')).toHaveCount(1);
  await ratingOf(page).locator('label[for="danh-gia-3"]').click();
  await expect(ratingOf(page).getByRole('status')).toContainText('Cảm ơn bạn đã đánh giá');
  expect(loads).toHaveLength(1);
});

test('a form posted from another site is refused and counts nothing', async ({ page, baseURL }) => {
  const id = await articleId(page.request, 'kiem-thu-bieu-mau-1');
  const before = await (await page.request.get(`/api/articles/${id}`)).json();
  // Another site's page, as an attacker would serve it (no CSP of ours), with a form that
  // posts a rating to the portal.
  // (localhost and 127.0.0.1 are two sites to a browser.)
  const action = new URL(`/bai-viet/${id}/danh-gia`, baseURL).href;
  const theirs = new URL('/trang-doi-tac-gia', baseURL);
  theirs.hostname = theirs.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
  await page.route(theirs.href, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!DOCTYPE html><form method="post" action="${action}"><input name="diem" value="1"><button>Gửi</button></form>`,
    }),
  );
  await page.goto(theirs.href);
  const refused = page.waitForResponse((r) => r.url() === action);
  await page.getByRole('button', { name: 'Gửi' }).click();
  const response = await refused;
  expect(response.status()).toBe(403);
  expect((await response.json()).type).toBe('/problems/cross-site');
  const after = await (await page.request.get(`/api/articles/${id}`)).json();
  expect(after.rating).toEqual(before.rating);
});
