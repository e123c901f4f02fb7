import { Page, expect, test } from '@playwright/test';
import { expectNoAxeViolations, hydrated } from './portal';

const panel = (page: Page) => page.getByRole('region', { name: 'Bình chọn SẢN PHẨM CNNTTB' });

/** The poll box on /binh-chon whose question is `question`. */
function pollBox(page: Page, question: string) {
  return page.locator('.poll').filter({ has: page.getByText(question, { exact: true }) });
}

function ballotPosts(page: Page): string[] {
  const posts: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().includes('/votes')) posts.push(r.url());
  });
  return posts;
}

test('voting for one product records it and shows 100 %', async ({ page }) => {
  await page.goto('/');
  await hydrated(page);
  const box = panel(page);
  await expect(box.getByRole('group', { name: 'Bạn yêu thích sản phẩm công nghiệp nông thôn tiêu biểu nào của tỉnh?' })).toBeVisible();
  await expect(box.getByRole('radio')).toHaveCount(6);
  await expectNoAxeViolations(page);

  await box.getByRole('radio', { name: 'Miến dong Bằng Phúc' }).check();
  await box.getByRole('button', { name: 'Bình chọn' }).click();
  await expect(box.getByRole('status')).toHaveText('Hệ thống đã ghi nhận bình chọn của bạn.');
  const mine = box.locator('.poll-results__option--mine');
  await expect(mine).toContainText('Miến dong Bằng Phúc');
  await expect(mine).toContainText('100% (1 lượt)');
  await expect(box.getByText(/^Tổng số: 1 lượt - Tính từ: Thứ năm - 01\/01\/2026 00:00$/)).toBeVisible();
  await expect(box.getByText('Số người đã bình chọn: 1')).toBeVisible();
  await expect(box.getByRole('heading', { level: 3 })).toBeFocused();
  await expect(box.locator('progress').first()).toHaveAttribute('aria-hidden', 'true');
  await expectNoAxeViolations(page);

  await page.reload();
  await hydrated(page);
  const again = panel(page);
  await expect(again.getByRole('radio', { name: 'Miến dong Bằng Phúc' })).toBeChecked();
  await again.getByRole('button', { name: 'Bình chọn' }).click();
  await expect(again.getByRole('alert')).toHaveText(
    /^Bạn đã bình chọn! Vui lòng đợi (60|59) phút sau để có thể bình chọn lại\.$/,
  );
  await expectNoAxeViolations(page);
});

test('"Kết quả" shows the results without voting', async ({ page }) => {
  const posts = ballotPosts(page);
  await page.goto('/');
  await hydrated(page);
  const box = panel(page);
  await box.getByRole('button', { name: 'Kết quả' }).click();
  await expect(box.getByRole('heading', { level: 3 })).toBeFocused();
  await expect(box.locator('.poll-results__option')).toHaveCount(6);
  await expect(box.locator('.poll-results__figures').first()).toHaveText(/^\d+(,\d{1,2})?% \(\d+ lượt\)$/);
  await expect(box.getByText(/^Tổng số: \d+ lượt - Tính từ: /)).toBeVisible();
  await expectNoAxeViolations(page);
  await box.getByRole('link', { name: 'Quay lại bình chọn' }).click();
  await expect(box.getByRole('radio')).toHaveCount(6);
  expect(posts).toEqual([]);
});

test('too many checkboxes or none: inline error, nothing sent', async ({ page }) => {
  const posts = ballotPosts(page);
  await page.goto('/binh-chon');
  await hydrated(page);
  const box = pollBox(page, 'Câu hỏi kiểm thử nhiều lựa chọn');
  await box.getByRole('button', { name: 'Bình chọn' }).click();
  await expect(box.getByRole('alert')).toHaveText('Bạn cần chọn từ 1 đến 2 phương án');
  for (const name of ['Lựa chọn 1', 'Lựa chọn 2', 'Lựa chọn 3']) {
    await box.getByRole('checkbox', { name }).check();
  }
  await box.getByRole('button', { name: 'Bình chọn' }).click();
  await expect(box.getByRole('alert')).toHaveText('Bạn cần chọn từ 1 đến 2 phương án');
  await expectNoAxeViolations(page);
  expect(posts).toEqual([]);

  await box.getByRole('checkbox', { name: 'Lựa chọn 3' }).uncheck();
  await box.getByRole('button', { name: 'Bình chọn' }).click();
  await expect(box.getByRole('status')).toHaveText('Hệ thống đã ghi nhận bình chọn của bạn.');
  await expect(box.locator('.poll-results__option--mine')).toHaveCount(2);
  expect(posts).toHaveLength(1);

  await page.reload();
  await hydrated(page);
  const again = pollBox(page, 'Câu hỏi kiểm thử nhiều lựa chọn');
  await expect(again.getByRole('checkbox', { name: 'Lựa chọn 1' })).toBeChecked();
  await expect(again.getByRole('checkbox', { name: 'Lựa chọn 2' })).toBeChecked();
  await again.getByRole('button', { name: 'Bình chọn' }).click();
  await expect(again.getByRole('alert')).toHaveText('Bạn chỉ được bình chọn 1 lần');
});

test('a closed poll shows its results only', async ({ page }) => {
  await page.goto('/binh-chon');
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 2, name: 'Đã kết thúc' })).toBeVisible();
  const closed = pollBox(page, 'Bình chọn sản phẩm công nghiệp nông thôn tiêu biểu năm 2021');
  await expect(closed.getByText('Cuộc bình chọn đã kết thúc')).toBeVisible();
  await expect(closed.getByRole('radio')).toHaveCount(0);
  await expect(closed.getByRole('button', { name: 'Bình chọn' })).toHaveCount(0);
  await expect(closed.locator('.poll-results__option')).toHaveCount(3);
  await expect(page.getByText('Câu hỏi chưa đến ngày')).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test('voting works by keyboard alone', async ({ page }) => {
  await page.goto('/binh-chon');
  await hydrated(page);
  const box = pollBox(page, 'Câu hỏi kiểm thử một lựa chọn');
  await box.getByRole('radio', { name: 'Phương án A' }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(box.getByRole('radio', { name: 'Phương án B' })).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(box.getByRole('button', { name: 'Bình chọn' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(box.getByRole('status')).toHaveText('Hệ thống đã ghi nhận bình chọn của bạn.');
  await expect(box.locator('.poll-results__option--mine')).toContainText('Phương án B');
  await expect(box.getByRole('heading', { level: 3 })).toBeFocused();
});

test('the panel links to the page of all polls', async ({ page }) => {
  await page.goto('/');
  await hydrated(page);
  await panel(page).getByRole('link', { name: 'Xem tất cả các cuộc bình chọn' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Các cuộc bình chọn');
  await expect(page).toHaveTitle('Các cuộc bình chọn');
  // The featured poll shows once, in the page, not again in the sidebar.
  await expect(panel(page)).toHaveCount(0);
  await expect(page.locator('.poll').filter({ hasText: 'Chè búp Tân Cương' })).toHaveCount(2);
  await expectNoAxeViolations(page);
});
