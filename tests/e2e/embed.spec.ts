// Partner sites embed articles and polls: a host page served from another origin
// (localhost) frames the portal (127.0.0.1), which runs with that host on its allow-list.
import { ChildProcess, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { Server, createServer } from 'node:http';
import { join } from 'node:path';
import { FrameLocator, Page, expect, test } from '@playwright/test';
import { expectNoAxeViolations, freePort, startServer, stop } from './portal';

let portal: ChildProcess;
let portalUrl: string;
let listedHost: Server;
let unlistedHost: Server;
let listedUrl: string;
let unlistedUrl: string;

/** A partner page embedding `path` (as embed.js expects it) in a 600 px wide box. */
function hostPage(path: string): string {
  return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Trang đối tác</title></head>
<body><main><h1>Trang đối tác</h1>
<div id="khung" style="width: 600px"><div data-khuyencong-embed="${path}"></div></div>
<p>Nội dung của trang đối tác.</p>
<script src="${portalUrl}/embed.js"></script></main></body></html>`;
}

async function serveHost(): Promise<[Server, string]> {
  const server = createServer((req, res) => {
    const path = new URL(req.url!, 'http://x').searchParams.get('nhung') ?? '';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(hostPage(path));
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  return [server, `http://localhost:${(server.address() as { port: number }).port}`];
}

test.beforeAll(async () => {
  [listedHost, listedUrl] = await serveHost();
  [unlistedHost, unlistedUrl] = await serveHost();
  const port = await freePort();
  portalUrl = `http://127.0.0.1:${port}`;
  const dir = mkdtempSync(join(process.env.PORTAL_SCRATCH_DIR!, 'embed-'));
  const database = join(dir, 'portal.db');
  for (const content of ['server/content/demo.jsonl', 'tests/fixtures/test-content.jsonl']) {
    execFileSync(process.env.PORTAL_SERVER_BIN!, ['import', content, '--database', database]);
  }
  portal = await startServer(port, database, ['--embed-origins', listedUrl]);
});

test.afterAll(async () => {
  await stop(portal);
  listedHost.close();
  unlistedHost.close();
});

async function idOf(page: Page, kind: 'articles' | 'polls', slug: string): Promise<number> {
  const url = kind === 'articles' ? `${portalUrl}/api/articles?per_page=50` : `${portalUrl}/api/polls`;
  const body = await (await page.request.get(url)).json();
  const items = kind === 'articles' ? body.items : body;
  return items.find((item: { slug: string }) => item.slug === slug).id;
}

async function openEmbed(page: Page, path: string): Promise<FrameLocator> {
  // Not waiting for the frame's load: a test may hold one of its pictures back.
  await page.goto(`${listedUrl}/?nhung=${encodeURIComponent(path)}`, { waitUntil: 'domcontentloaded' });
  return page.frameLocator('#khung iframe');
}

/** The frame's height on the host page matches the content inside it within 2 px. */
async function expectSizedToFit(page: Page, frame: FrameLocator) {
  await expect
    .poll(async () => {
      const outer = await page.locator('#khung iframe').evaluate((el) => el.getBoundingClientRect().height);
      const inner = await frame.locator('.embed').evaluate((el) => el.getBoundingClientRect().height);
      return Math.abs(outer - inner);
    })
    .toBeLessThanOrEqual(2);
}

const frameHeight = (page: Page) =>
  page.locator('#khung iframe').evaluate((el) => el.getBoundingClientRect().height);

test('an article is embedded, sized to fit after load, after an image and after a resize', async ({ page }) => {
  // Hold the picture back, to see the frame grow when it arrives.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/images/san-pham/tho-cam.svg', async (route) => {
    await held;
    await route.continue();
  });
  const id = await idOf(page, 'articles', 'kiem-thu-nhung-bai-viet');
  const frame = await openEmbed(page, `bai-viet/${id}`);
  await expect(page.locator('#khung iframe')).toHaveAttribute('title', 'Bài viết của Trung tâm Khuyến công');
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText('Bài kiểm thử khung nhúng');
  await expect(frame.getByText('Tác giả: Kiểm thử')).toBeVisible();
  await expect(frame.getByRole('region', { name: 'Đánh giá bài viết' })).toBeVisible();
  await expect(frame.getByRole('banner')).toHaveCount(0);
  await expect(frame.getByRole('complementary')).toHaveCount(0);
  await expect(frame.getByRole('link', { name: 'Xem trên cổng thông tin' })).toHaveAttribute('target', '_blank');
  await expectSizedToFit(page, frame);
  const beforeImage = await frameHeight(page);

  release();
  await expect
    .poll(() => frame.locator('.article__body img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
    .toBe(true);
  await expectSizedToFit(page, frame);
  expect(await frameHeight(page)).toBeGreaterThan(beforeImage);

  const wide = await frameHeight(page);
  await page.locator('#khung').evaluate((el: HTMLElement) => (el.style.width = '320px'));
  await expectSizedToFit(page, frame);
  expect(await frameHeight(page)).not.toBe(wide);

  await expectNoAxeViolations(page);
});

test('rating from inside the frame works and counts once', async ({ page }) => {
  const id = await idOf(page, 'articles', 'kiem-thu-nhung-bai-viet');
  const frame = await openEmbed(page, `bai-viet/${id}`);
  // The app answers the form (with it, no page load inside the frame).
  await expect(frame.locator('html[data-app]')).toHaveCount(1);
  const rating = frame.getByRole('region', { name: 'Đánh giá bài viết' });
  await rating.locator('label[for="danh-gia-4"]').click();
  await expect(rating.locator('.rating__total')).toHaveText('Tổng số điểm của bài viết là: 4 trong 1 đánh giá');
  await expectSizedToFit(page, frame);

  await page.reload();
  const again = page.frameLocator('#khung iframe').getByRole('region', { name: 'Đánh giá bài viết' });
  await expect(again.getByText('Bạn đã đánh giá bài viết này rồi')).toBeVisible();
  const article = await (await page.request.get(`${portalUrl}/api/articles/${id}`)).json();
  expect(article.rating).toMatchObject({ total: 4, count: 1 });
});

test('the poll embed votes, shows the results and resizes', async ({ page }) => {
  const id = await idOf(page, 'polls', 'kiem-thu-nhung-binh-chon');
  const frame = await openEmbed(page, `binh-chon/${id}`);
  // The app answers the form (with it, no page load inside the frame).
  await expect(frame.locator('html[data-app]')).toHaveCount(1);
  await expect(page.locator('#khung iframe')).toHaveAttribute('title', 'Bình chọn sản phẩm của Trung tâm Khuyến công');
  await expectSizedToFit(page, frame);
  const before = await frameHeight(page);
  await frame.getByRole('radio', { name: 'Sản phẩm nhúng 2' }).check();
  await frame.getByRole('button', { name: 'Bình chọn' }).click();
  await expect(frame.getByRole('status')).toHaveText('Hệ thống đã ghi nhận bình chọn của bạn.');
  await expect(frame.locator('.poll-results__option--mine')).toContainText('100% (1 lượt)');
  await expectSizedToFit(page, frame);
  expect(await frameHeight(page)).not.toBe(before);
  await expectNoAxeViolations(page);
});

test('a host that is not on the list gets no content', async ({ page }) => {
  const refusals: string[] = [];
  page.on('console', (message) => {
    if (/frame-ancestors/.test(message.text())) refusals.push(message.text());
  });
  const id = await idOf(page, 'articles', 'kiem-thu-nhung-bai-viet');
  await page.goto(`${unlistedUrl}/?nhung=${encodeURIComponent(`bai-viet/${id}`)}`);
  await expect.poll(() => refusals.length).toBeGreaterThan(0);
  await expect(page.frameLocator('#khung iframe').locator('.embed')).toHaveCount(0);
});

test('a height message from a foreign origin changes nothing', async ({ page }) => {
  const id = await idOf(page, 'articles', 'kiem-thu-nhung-bai-viet');
  const frame = await openEmbed(page, `bai-viet/${id}`);
  await expectSizedToFit(page, frame);
  const before = await frameHeight(page);
  // Posted by the host page itself, so from the wrong origin. A listener added after
  // embed.js's runs after it: once it fires, embed.js has seen the message.
  await page.evaluate(
    () =>
      new Promise<void>((delivered) => {
        window.addEventListener('message', () => delivered(), { once: true });
        window.postMessage({ type: 'khuyencong:height', version: 1, height: 5000 }, '*');
      }),
  );
  expect(await frameHeight(page)).toBe(before);
  await expectSizedToFit(page, frame);
});

test('where the browser blocks the frame cookie, the reader is sent to the portal', async ({ page }) => {
  await page.route('**/api/reader', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: '{"known":false}' }),
  );
  const id = await idOf(page, 'articles', 'kiem-thu-nhung-bai-viet');
  const frame = await openEmbed(page, `bai-viet/${id}`);
  await expect(frame.getByRole('note')).toContainText('Trình duyệt của bạn đang chặn cookie');
  await expect(frame.getByRole('link', { name: 'Mở trên cổng thông tin để tham gia' })).toHaveAttribute(
    'href',
    `/bai-viet/${id}`,
  );
  await expect(frame.getByRole('radio')).toHaveCount(0);
});
