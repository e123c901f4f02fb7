// Shared helpers of the browser tests.
import { APIRequestContext, Page, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const SEED_TITLE =
  'Bộ Công Thương ban hành Chỉ thị về việc đẩy mạnh các hoạt động khuyến công, tạo động lực mới cho phát triển công nghiệp nông thôn giai đoạn 2021 - 2025.';
export const SEED_SLUG = 'chi-thi-04-ct-bct-day-manh-hoat-dong-khuyen-cong';
export const HOSTILE_SLUG = 'kiem-thu-noi-dung-doc-hai';

/** The id of the article with `slug`, looked up through the API. */
export async function articleId(request: APIRequestContext, slug: string): Promise<number> {
  const response = await request.get('/api/articles?per_page=50');
  expect(response.ok()).toBeTruthy();
  const list = await response.json();
  const found = list.items.find((item: { slug: string }) => item.slug === slug);
  expect(found, `article ${slug}`).toBeTruthy();
  return found.id;
}

/** Fails with the list of violations when axe-core finds any (WCAG 2.2 A and AA). */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(summary).toEqual([]);
}
