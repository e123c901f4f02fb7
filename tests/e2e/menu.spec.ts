// The category menu: on a phone it folds behind "Danh mục", so an article starts on the
// first screen; it opens and closes by pointer, keyboard and screen reader; without
// JavaScript, and on a wide screen, its links are simply there.
import { Page, expect, test } from '@playwright/test';
import { SEED_SLUG, articleId, expectNoAxeViolations, hydrated } from './portal';

const PHONE = { width: 375, height: 640 };

function menu(page: Page) {
  const nav = page.getByRole('navigation', { name: 'Chuyên mục' });
  return { nav, toggle: nav.getByRole('button', { name: 'Danh mục' }), home: nav.getByRole('link', { name: 'Trang nhất' }) };
}

test.describe('on a phone', () => {
  test.use({ viewport: PHONE });

  test('the menu folds, the article starts on the first screen, and the button opens and closes it', async ({ page, request }) => {
    const id = await articleId(request, SEED_SLUG);
    await page.goto(`/bai-viet/${id}`);
    await hydrated(page);
    const { nav, toggle, home } = menu(page);
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(home).toBeHidden();
    const heading = await page.getByRole('heading', { level: 1 }).boundingBox();
    expect(heading!.y + heading!.height).toBeLessThan(PHONE.height);

    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(home).toBeVisible();
    await expectNoAxeViolations(page);
    await page.keyboard.press('Escape');
    await expect(home).toBeHidden();
    await expect(toggle).toBeFocused();

    // By keyboard: open, then follow a category; the new page finds the menu closed.
    await page.keyboard.press('Enter');
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const category = nav.getByRole('link').nth(1);
    const title = (await category.innerText()).trim();
    await category.click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(home).toBeHidden();
  });

  test('without JavaScript the links are there and no button is', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
    const page = await context.newPage();
    await page.goto('/');
    const { toggle, home } = menu(page);
    await expect(home).toBeVisible();
    await expect(toggle).toBeHidden();
    await context.close();
  });
});

test('on a wide screen the links are there and no button is', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  await hydrated(page);
  const { toggle, home } = menu(page);
  await expect(home).toBeVisible();
  await expect(toggle).toBeHidden();
});

test("the centre's own pages the menu lists open in the app, after the home page", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  await hydrated(page);
  const { nav } = menu(page);
  const links = nav.getByRole('link');
  await expect(links.nth(1)).toHaveText('Giới thiệu');
  await expect(links.nth(2)).toHaveText('Chức năng, nhiệm vụ');
  await expect(nav.getByRole('link', { name: /Quy chế/ })).toHaveCount(0);
  // Taken by the app's router: the document stays the one loaded.
  await page.evaluate(() => ((window as unknown as { __same: boolean }).__same = true));
  await links.nth(2).click();
  await expect(page).toHaveURL(/\/trang\/chuc-nang-nhiem-vu$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Chức năng, nhiệm vụ');
  await expect(page.locator('main .article__body li').first()).toContainText('Xây dựng kế hoạch');
  await expect(page).toHaveTitle('Chức năng, nhiệm vụ');
  expect(await page.evaluate(() => (window as unknown as { __same?: boolean }).__same)).toBe(true);
});

test("the footer's links lead to the organisation and the contacts, in the app", async ({ page }) => {
  await page.goto('/');
  await hydrated(page);
  const footer = page.getByRole('navigation', { name: 'Về Trung tâm' });
  await footer.getByRole('link', { name: 'Cơ cấu tổ chức' }).click();
  await expect(page).toHaveURL(/\/co-cau-to-chuc$/);
  await expect(page.getByRole('heading', { level: 2, name: 'Ban Giám đốc' })).toBeVisible();
  await expect(page.getByRole('link', { name: '0912 000 001' })).toHaveAttribute('href', 'tel:0912000001');
  await footer.getByRole('link', { name: 'Liên hệ' }).click();
  await expect(page).toHaveURL(/\/lien-he$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Liên hệ');
  await expect(page.locator('main .person')).toHaveCount(3);
});
