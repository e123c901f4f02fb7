// The first view: pages the server writes before the app runs. Their head tags for
// previews and crawlers, reading and navigating with JavaScript off, the same words as the
// app writes, and a takeover that keeps the reader's place and selection.
import { Page, expect, test } from '@playwright/test';
import { SEED_SLUG, SEED_TITLE, articleId } from './portal';

// What both views write for an article and for a list (buttons and live widgets are the
// app's alone).
const ARTICLE_TEXT = [
  '.breadcrumb',
  'article h1',
  '.article__meta time',
  '.article__views',
  '.article__lead',
  '.article__body',
  '.article__author',
  '.article__source',
  '.article__tags',
  '.rating__total',
  '.neighbours',
];
const LIST_TEXT = ['.breadcrumb', 'main h1', '.article-list', '.pagination'];

async function textsOf(page: Page, selectors: string[]): Promise<Record<string, string[]>> {
  const texts: Record<string, string[]> = {};
  for (const selector of selectors) {
    texts[selector] = await page.locator(`main ${selector}`).allInnerTexts();
  }
  return texts;
}

test('an article shares with its own title, address and structured data', async ({ request }) => {
  const id = await articleId(request, SEED_SLUG);
  const response = await request.get(`/bai-viet/${id}`);
  expect(response.status()).toBe(200);
  const html = await response.text();
  // Read as a crawler reads it: the HTML as sent, no script run.
  const head = (property: string) =>
    html.match(new RegExp(`<meta property="${property}" content="([^"]*)"`))?.[1];
  expect(head('og:title')).toBe(SEED_TITLE);
  expect(head('og:type')).toBe('article');
  expect(head('og:url')).toMatch(new RegExp(`^https?://[^/]+/bai-viet/${id}$`));
  expect(head('og:image')).toMatch(/^https?:\/\//);
  const picture = await request.get(head('og:image')!);
  expect(picture.status()).toBe(200);
  expect(picture.headers()['content-type']).toMatch(/^image\/(png|jpeg|webp|gif)$/);
  expect(html).toContain(`<link rel="canonical" href="${head('og:url')}">`);
  // The app's JS and wasm, which boot.js loads, are preloaded from the head.
  const boot = html.match(/<script type="module" src="\/boot.js" data-app-js="([^"]+)" data-app-wasm="([^"]+)"/);
  expect(boot).toBeTruthy();
  const headTags = html.slice(0, html.indexOf('</head>'));
  expect(headTags).toContain(`<link rel="modulepreload" href="${boot![1]}"`);
  expect(headTags).toMatch(new RegExp(`<link rel="preload" href="${boot![2]}"[^>]* as="fetch" type="application/wasm">`));
  const jsonLd = html.match(/<script type="application\/ld\+json">([^<]*)<\/script>/)?.[1];
  const data = JSON.parse(jsonLd!);
  expect(data['@type']).toBe('NewsArticle');
  expect(data.headline).toBe(SEED_TITLE);
  expect(new Date(data.datePublished).toISOString()).toBe('2021-03-28T20:33:00.000Z');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the article, the lists and the links between them read and navigate', async ({ page, request }) => {
    const id = await articleId(request, SEED_SLUG);
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tin mới nhất');
    await page.getByRole('link', { name: SEED_TITLE }).click();
    await expect(page).toHaveURL(new RegExp(`/bai-viet/${id}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_TITLE);
    await expect(page.locator('.article__meta time')).toHaveText('Thứ hai - 29/03/2021 03:33');
    await expect(page.locator('.article__body p').first()).toBeVisible();
    await expect(page.getByText('Cần bật JavaScript để đánh giá bài viết.')).toBeVisible();
    await expect(page.getByText('Cần bật JavaScript để bình chọn.')).toBeVisible();

    // Up the breadcrumb to the category, then along the menu.
    const crumb = page.getByRole('navigation', { name: 'Vị trí trang' }).getByRole('link').nth(1);
    const category = (await crumb.innerText()).trim();
    await crumb.click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(category);
    await expect(page.getByRole('link', { name: SEED_TITLE })).toBeVisible();
    await page.getByRole('navigation', { name: 'Chuyên mục' }).getByRole('link', { name: 'Trang nhất' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tin mới nhất');
  });

  test('an unknown article is the portal\'s not-found page, with its 404', async ({ page }) => {
    const response = await page.goto('/bai-viet/987654321');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Không tìm thấy trang');
    await page.getByRole('link', { name: 'Về trang chủ' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tin mới nhất');
  });
});

// "Thứ tư, 02/12/2026": today as the portal's day (Vietnam time), whatever the reader's zone.
function todayInVietnam(): string {
  const days = ['Chủ nhật', 'Thứ hai', 'Thứ ba', 'Thứ tư', 'Thứ năm', 'Thứ sáu', 'Thứ bảy'];
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    weekday: 'short',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).formatToParts(new Date());
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(part('weekday'));
  return `${days[weekday]}, ${part('day')}/${part('month')}/${part('year')}`;
}

test('the header says today in Vietnam time, written and in the app, for a reader in New York', async ({ browser }) => {
  for (const javaScriptEnabled of [false, true]) {
    const context = await browser.newContext({ javaScriptEnabled, timezoneId: 'America/New_York' });
    const page = await context.newPage();
    await page.goto('/');
    if (javaScriptEnabled) await expect(page.locator('#first-view')).toHaveCount(0);
    await expect(page.locator('.site-header__date')).toHaveText(todayInVietnam());
    await context.close();
  }
});

test('a new reader\'s first view is sent by the app, with the cookie the page issued, and the article is not asked again', async ({ browser, request }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const id = await articleId(request, SEED_SLUG);
  let askedAgain = 0;
  page.on('request', (r) => { if (new URL(r.url()).pathname === `/api/articles/${id}`) askedAgain += 1; });
  const sent = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/articles/${id}/views`);
  await page.goto(`/bai-viet/${id}`);
  const answer = await sent;
  expect(answer.status()).toBe(204);
  expect(await answer.request().headerValue('cookie')).toContain('kc_visitor=');
  await expect(page.locator('#first-view')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_TITLE);
  expect(askedAgain).toBe(0);
  await context.close();
});

test('every demo article and list reads the same before and after the app takes over', async ({ browser, request }) => {
  // Two loads of every demo page, one of them starting the app.
  test.setTimeout(180_000);
  const list = await (await request.get('/api/articles?per_page=50')).json();
  const paths: string[] = ['/', ...list.items.map((a: { id: number }) => `/bai-viet/${a.id}`)];
  const categories = new Set<string>(list.items.map((a: { category: { slug: string } }) => a.category.slug));
  paths.push(...[...categories].map((slug) => `/chuyen-muc/${slug}`));
  // One reader in both: the view counted by the first visit is not counted again.
  const written = await browser.newContext({ javaScriptEnabled: false });
  const before = await written.newPage();
  await before.goto('/');
  const running = await browser.newContext({ storageState: await written.storageState() });
  const after = await running.newPage();
  for (const path of paths) {
    const selectors = path.startsWith('/bai-viet/') ? ARTICLE_TEXT : LIST_TEXT;
    await before.goto(path);
    await after.goto(path);
    // The app has taken over once the server's markup is gone.
    await expect(after.locator('#first-view')).toHaveCount(0);
    await expect(after.locator('main h1')).toBeVisible();
    expect(await textsOf(after, selectors), path).toEqual(await textsOf(before, selectors));
  }
  await written.close();
  await running.close();
});

test('the app takes over with no request for the page\'s data, no jump, the place and selection kept', async ({ page, request }) => {
  const id = await articleId(request, SEED_SLUG);
  // A reader the portal has met (a new one's first view is counted by the app's request).
  await page.request.get('/');
  const asked: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/api/articles') || path === '/api/categories') asked.push(path);
  });
  // Hold the app back until the reader has scrolled and selected in the written page.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/*.wasm', async (route) => {
    await released;
    await route.continue();
  });
  await page.addInitScript(() => {
    (window as unknown as { __shift: number }).__shift = 0;
    new PerformanceObserver((entries) => {
      for (const entry of entries.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) {
        if (!entry.hadRecentInput) (window as unknown as { __shift: number }).__shift += entry.value;
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.setViewportSize({ width: 375, height: 640 });
  await page.goto(`/bai-viet/${id}`, { waitUntil: 'domcontentloaded' });
  await expect(page.locator('#first-view .article__lead')).toBeVisible();
  // Where scripts run, the notes that they are needed stay hidden.
  await expect(page.locator('#first-view .needs-script')).toHaveCount(2);
  for (const note of await page.locator('#first-view .needs-script').all()) await expect(note).toBeHidden();
  await page.evaluate(() => {
    document.getSelection()!.selectAllChildren(document.querySelector('#first-view .article__lead')!);
    window.scrollTo(0, 300);
  });
  const scrolled = await page.evaluate(() => window.scrollY);
  expect(scrolled).toBeGreaterThan(0);
  release();

  await expect(page.locator('#first-view')).toHaveCount(0);
  await expect(page.locator('#app')).toBeVisible();
  const lead = await page.locator('main .article__lead').innerText();
  expect(await page.evaluate(() => document.getSelection()!.toString().trim())).toBe(lead.trim());
  expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
  // The stars become clickable: the app's own widget is in place.
  await expect(page.locator('.rating__input').first()).toBeEnabled();
  expect(asked).toEqual([]);
  const shift = await page.evaluate(() => (window as unknown as { __shift: number }).__shift);
  expect(shift).toBeLessThanOrEqual(0.05);
});
