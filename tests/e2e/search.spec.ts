// Search: the header box on every page, the results page, its filters and its address.
import { expect, test } from '@playwright/test';
import { SEED_TITLE, expectNoAxeViolations } from './portal';

test('typed without diacritics, the seed article is found and its words are marked', async ({ page }) => {
  await page.goto('/');
  const box = page.getByRole('searchbox', { name: 'Tìm kiếm' });
  await expect(box).toHaveAttribute('placeholder', 'Tìm kiếm…');
  await box.fill('chi thi khuyen cong');
  await box.press('Enter');
  await expect(page).toHaveURL(/\/tim-kiem\?q=chi(\+|%20)thi(\+|%20)khuyen(\+|%20)cong/);
  const results = page.locator('.search-hit');
  await expect(results.first().getByRole('heading', { level: 2 })).toHaveText(SEED_TITLE);
  await expect(results.first().locator('mark').first()).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /Tìm thấy \d+ kết quả cho “chi thi khuyen cong”/ })).toBeVisible();
  await expect(page).toHaveTitle('Tìm kiếm: chi thi khuyen cong');
  await expectNoAxeViolations(page);

  // The address holds the search: reload and back both work.
  await page.reload();
  await expect(results.first().getByRole('heading', { level: 2 })).toHaveText(SEED_TITLE);
  await results.first().getByRole('link', { name: SEED_TITLE }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_TITLE);
  await page.goBack();
  await expect(results.first().getByRole('heading', { level: 2 })).toHaveText(SEED_TITLE);
});

test('the filters narrow to a category, and nothing found says so with a tip', async ({ page }) => {
  await page.goto('/tim-kiem?q=khuyen+cong');
  await expect(page.locator('.search-hit').first()).toBeVisible();
  const filters = page.getByRole('search', { name: 'Tìm kiếm nâng cao' });
  await filters.getByLabel('Chuyên mục').selectOption({ label: 'Văn bản, chính sách' });
  await filters.getByRole('button', { name: 'Tìm kiếm' }).click();
  await expect(page).toHaveURL(/chuyen-muc=chinh-sach/);
  const categories = page.locator('.search-hit__meta a');
  await expect(categories.first()).toHaveText('Văn bản, chính sách');
  expect(new Set(await categories.allTextContents())).toEqual(new Set(['Văn bản, chính sách']));

  await page.goto('/tim-kiem?q=xyzzy+khong+co');
  await expect(page.getByText('Không tìm thấy kết quả nào cho “xyzzy khong co”.')).toBeVisible();
  await expect(page.getByText(/Gợi ý:/)).toBeVisible();
  await expectNoAxeViolations(page);
});

test('a one-letter query is explained, not sent', async ({ page }) => {
  const searches: string[] = [];
  page.on('request', (r) => { if (r.url().includes('/api/search')) searches.push(r.url()); });
  await page.goto('/tim-kiem?q=a');
  await expect(page.getByRole('alert').filter({ hasText: 'Từ khóa tìm kiếm phải có từ 2 đến 200 ký tự.' })).toBeVisible();
  expect(searches).toEqual([]);
});

test('tags link to their pages, and breadcrumbs say where a page stands', async ({ page, request }) => {
  const list = await (await request.get('/api/articles?per_page=50')).json();
  const seed = list.items.find((a: { title: string }) => a.title === SEED_TITLE);
  await page.goto(`/bai-viet/${seed.id}`);
  const trail = page.getByRole('navigation', { name: 'Vị trí trang' });
  await expect(trail.getByRole('link', { name: 'Trang nhất' })).toBeVisible();
  await expect(trail.getByRole('link', { name: 'Văn bản, chính sách' })).toBeVisible();
  await expect(trail.locator('[aria-current="page"]')).toHaveText(SEED_TITLE);
  await expect(page.getByText('Từ khóa:')).toBeVisible();
  await page.getByRole('link', { name: 'Chỉ thị 04/CT-BCT' }).click();
  await expect(page).toHaveURL(/\/the\/Ch%E1%BB%89%20th%E1%BB%8B%2004%2FCT-BCT$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Từ khóa: Chỉ thị 04/CT-BCT');
  await expect(page.locator('.article-card')).toHaveCount(1);
  await expect(page.locator('.article-card__views')).toHaveText(/^Đã xem: \d+$/);
  await expect(trail.locator('[aria-current="page"]')).toHaveText('Từ khóa: Chỉ thị 04/CT-BCT');
  await expectNoAxeViolations(page);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Từ khóa: Chỉ thị 04/CT-BCT');
});
