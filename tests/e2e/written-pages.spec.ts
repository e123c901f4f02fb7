// The pages the server writes with the app's components, which the app then hydrates:
// their head tags for previews and crawlers, every route reading and navigating with
// JavaScript off, and a hydration that asks nothing again, warns of nothing, moves
// nothing and keeps the reader's place and selection.
import { APIRequestContext, expect, test } from '@playwright/test';
import { SEED_SLUG, SEED_TITLE, articleId, hydrated } from './portal';

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
  // The app's JS and wasm are not preloaded: boot.js fetches them once the page has
  // painted, so they never compete with its text and style sheet.
  const boot = html.match(/<script type="module" src="\/boot.js" data-app-js="([^"]+)" data-app-wasm="([^"]+)"/);
  expect(boot).toBeTruthy();
  expect(html).not.toContain('rel="modulepreload"');
  expect(html).not.toContain('rel="preload"');
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
    // The stars and the featured poll are forms that work without it.
    await expect(page.getByRole('button', { name: 'Gửi đánh giá' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Bình chọn SẢN PHẨM CNNTTB' }).getByRole('button', { name: 'Bình chọn' })).toBeVisible();

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
    if (javaScriptEnabled) await hydrated(page);
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
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_TITLE);
  expect(askedAgain).toBe(0);
  await context.close();
});

/** Every citizens' route, as the server writes it. */
async function everyRoute(request: APIRequestContext): Promise<string[]> {
  const id = await articleId(request, SEED_SLUG);
  const article = await (await request.get(`/api/articles/${id}`)).json();
  const polls = await (await request.get('/api/polls')).json();
  return [
    '/',
    `/chuyen-muc/${article.category.slug}`,
    `/chuyen-muc/${article.category.slug}?trang=2`,
    `/bai-viet/${id}`,
    `/the/${encodeURIComponent(article.tags[0])}`,
    '/tim-kiem?q=khuy%E1%BA%BFn+c%C3%B4ng',
    '/tim-kiem',
    '/binh-chon',
    '/dang-nhap',
    '/trang/chuc-nang-nhiem-vu',
    '/co-cau-to-chuc',
    '/lien-he',
    '/khong-co-trang-nay',
    '/bai-viet/987654321',
    '/trang/khong-co',
    `/nhung/bai-viet/${id}`,
    `/nhung/binh-chon/${polls[0].id}`,
  ];
}

test('every citizens\' page hydrates as written: nothing asked again, no warning, no shift, the same nodes', async ({ browser, request }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext();
  // A reader the portal has met: a new one's first page leaves their visit to the app.
  await context.request.get('/');
  for (const path of await everyRoute(request)) {
    const page = await context.newPage();
    const said: string[] = [];
    page.on('console', (m) => {
      // Chromium's note on the preloads' integrity attribute is about the browser, and it
      // logs the not-found page's own 404.
      const ours = !m.text().includes('integrity') && !m.text().includes('status of 404');
      if (['error', 'warning'].includes(m.type()) && ours) said.push(m.text());
    });
    page.on('pageerror', (e) => said.push(e.message));
    const asked: string[] = [];
    page.on('request', (r) => { if (new URL(r.url()).pathname.startsWith('/api/')) asked.push(r.url()); });
    await page.addInitScript(() => {
      // Each shift with the nodes that moved and how, so a failure says what moved.
      const shifts: string[] = [];
      (window as unknown as { __shifts: string[] }).__shifts = shifts;
      type Source = { node: Element | null; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly };
      const rect = (r: DOMRectReadOnly) => `${r.x},${r.y} ${r.width}×${r.height}`;
      const named = (node: Element | null) =>
        node ? `${node.nodeName.toLowerCase()}${node.id ? `#${node.id}` : ''}.${node.className}` : '?';
      new PerformanceObserver((entries) => {
        for (const entry of entries.getEntries() as unknown as { value: number; sources: Source[] }[]) {
          const moved = entry.sources.map((s) => `${named(s.node)} ${rect(s.previousRect)} → ${rect(s.currentRect)}`);
          shifts.push(`${entry.value}: ${moved.join('; ')}`);
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/*.wasm', async (route) => {
      await released;
      await route.continue();
    });
    await page.goto(path, { waitUntil: 'domcontentloaded' });
    const text = await page.locator('#app').innerText();
    await page.evaluate(() => {
      (window as unknown as { __heading: Element | null }).__heading = document.querySelector('main h1, main legend');
    });
    release();
    await hydrated(page);
    expect(await page.locator('#app').innerText(), path).toBe(text);
    const sameNode = await page.evaluate(
      () => (window as unknown as { __heading: Element | null }).__heading === document.querySelector('main h1, main legend'),
    );
    expect(sameNode, `${path}: hydration keeps the written nodes`).toBe(true);
    expect(said, path).toEqual([]);
    expect(asked, `${path}: the page came with every answer`).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __shifts: string[] }).__shifts), `${path}: no shift`).toEqual([]);
    await page.close();
  }
  await context.close();
});

test.describe('every route without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('reads: the header, the sidebar, the footer and the page itself', async ({ page, request }) => {
    for (const path of await everyRoute(request)) {
      const response = await page.goto(path);
      const missing = ['/khong-co-trang-nay', '/bai-viet/987654321', '/trang/khong-co'].includes(path);
      expect(response?.status(), path).toBe(missing ? 404 : 200);
      if (path.startsWith('/nhung/')) {
        await expect(page.locator('.embed__more'), path).toBeVisible();
        await expect(page.locator('.site-header'), path).toHaveCount(0);
        continue;
      }
      await expect(page.locator('main h1'), path).toBeVisible();
      await expect(page.locator('.site-header__date'), path).toHaveText(todayInVietnam());
      await expect(page.getByRole('navigation', { name: 'Chuyên mục' }).getByRole('link'), path).not.toHaveCount(0);
      await expect(page.locator('.sidebar .block').first(), path).toBeVisible();
      await expect(page.locator('.site-footer__agency'), path).toBeVisible();
    }
  });

  test('search and the polls page read as they are asked', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('searchbox').first().fill('khuyến công');
    await page.getByRole('button', { name: 'Tìm' }).first().click();
    await expect(page).toHaveURL(/\/tim-kiem\?q=/);
    await expect(page.locator('.search__count')).toContainText('kết quả cho “khuyến công”');
    await expect(page.locator('.search-hit').first()).toBeVisible();
    await page.goto('/binh-chon');
    await expect(page.getByRole('heading', { level: 2, name: 'Đang diễn ra' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Bình chọn' }).first()).toBeVisible();
  });
});

test('the app hydrates with no request for the page\'s data, no jump, the place and selection kept', async ({ page, request }) => {
  const id = await articleId(request, SEED_SLUG);
  // A reader the portal has met (a new one's first view is counted by the app's request).
  await page.request.get('/');
  const asked: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/api/')) asked.push(path);
  });
  // Hold the app back until the reader has scrolled and selected in the written page.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/*.wasm', async (route) => {
    await released;
    await route.continue();
  });
  await page.setViewportSize({ width: 375, height: 640 });
  await page.goto(`/bai-viet/${id}`, { waitUntil: 'domcontentloaded' });
  await expect(page.locator('main .article__lead')).toBeVisible();
  // Where scripts run, a click on a star rates: the form's button stays hidden.
  await expect(page.locator('main .rating__send')).toBeHidden();
  await page.evaluate(() => {
    document.getSelection()!.selectAllChildren(document.querySelector('main .article__lead')!);
    window.scrollTo(0, 300);
  });
  const scrolled = await page.evaluate(() => window.scrollY);
  expect(scrolled).toBeGreaterThan(0);
  release();

  await hydrated(page);
  const lead = await page.locator('main .article__lead').innerText();
  expect(await page.evaluate(() => document.getSelection()!.toString().trim())).toBe(lead.trim());
  expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
  // The stars answer: the app's own widget is live.
  await page.locator('.rating__star').nth(3).hover();
  await expect(page.locator('.rating__preview')).not.toBeEmpty();
  expect(asked).toEqual([]);
});

test('a guest\'s pages log no error and make no failing request', async ({ browser, request }) => {
  const id = await articleId(request, SEED_SLUG);
  const pages = ['/', '/chuyen-muc/tin-hoat-dong', `/bai-viet/${id}`, '/the/khuy%E1%BA%BFn%20c%C3%B4ng',
    '/tim-kiem?q=khuy%E1%BA%BFn%20c%C3%B4ng', '/binh-chon', '/dang-nhap', '/trang/gioi-thieu', `/nhung/bai-viet/${id}`];
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${page.url()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`); });
  for (const path of pages) {
    await page.goto(path);
    await hydrated(page);
  }
  expect(problems).toEqual([]);
  await context.close();
});
