// axe-core (WCAG 2.2 A and AA) on every page kind, on a desktop and on a 375 px phone.
import { Page, expect, test } from '@playwright/test';
import { SEED_SLUG, SEED_TITLE, articleId, expectNoAxeViolations, hydrated } from './portal';

/** Waits until the app has taken over the page the server wrote (until then the written
 * page and the app's hidden copy both hold the page's parts). */
async function takenOver(page: Page) {
  await hydrated(page);
}

const screens = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 375, height: 740 },
];

for (const screen of screens) {
  test.describe(`on a ${screen.name} (${screen.width} px)`, () => {
    test.use({ viewport: { width: screen.width, height: screen.height } });

    test('home has no axe violations', async ({ page }) => {
      await page.goto('/');
      await takenOver(page);
      await expect(page.locator('.article-card').first()).toBeVisible();
      await expectNoAxeViolations(page);
    });

    test('a category page has no axe violations', async ({ page }) => {
      await page.goto('/chuyen-muc/dao-tao-tap-huan');
      await takenOver(page);
      await expect(page.locator('.pagination')).toBeVisible();
      await expectNoAxeViolations(page);
    });

    test('the article page has no axe violations', async ({ page, request }) => {
      await page.goto(`/bai-viet/${await articleId(request, SEED_SLUG)}`);
      await takenOver(page);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_TITLE);
      await expectNoAxeViolations(page);
    });

    test('search results and a tag page have no axe violations', async ({ page }) => {
      await page.goto('/tim-kiem?q=khuyen+cong');
      await expect(page.locator('.search-hit').first()).toBeVisible();
      await expectNoAxeViolations(page);
      await page.goto('/the/khuy%E1%BA%BFn%20c%C3%B4ng');
      await takenOver(page);
      await expect(page.locator('.article-card').first()).toBeVisible();
      await expectNoAxeViolations(page);
    });

    test("the centre's own page has no axe violations", async ({ page }) => {
      await page.goto('/trang/chuc-nang-nhiem-vu');
      await takenOver(page);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Chức năng, nhiệm vụ');
      await expectNoAxeViolations(page);
    });

    test('the organisation and the contacts have no axe violations', async ({ page }) => {
      await page.goto('/co-cau-to-chuc');
      await takenOver(page);
      await expect(page.locator('.person').first()).toBeVisible();
      await expectNoAxeViolations(page);
      await page.goto('/lien-he');
      await takenOver(page);
      await expect(page.getByRole('heading', { level: 2, name: 'Cán bộ đầu mối liên hệ' })).toBeVisible();
      await expectNoAxeViolations(page);
    });

    test('the 404 page has no axe violations', async ({ page }) => {
      await page.goto('/khong-co-trang-nay');
      await takenOver(page);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectNoAxeViolations(page);
    });
  });
}

test('on a phone nothing scrolls sideways', async ({ page, request }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto(`/bai-viet/${await articleId(request, SEED_SLUG)}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
