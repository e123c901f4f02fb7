// The newsroom as staff use it, against a server of its own (a fresh database: the demo
// content, the demo editor, and a citizen's account without a role).
import { ChildProcess, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { APIRequestContext, Page, expect, test } from '@playwright/test';
import { expectNoAxeViolations, freePort, hydrated, png, startServer, stop } from './portal';

const EDITOR = { username: 'demo', password: 'khuyencong-demo' };
const CITIZEN = { username: 'congdan', password: 'mat-khau-cong-dan' };
const COLLEAGUE = { username: 'dongnghiep', password: 'mat-khau-dong-nghiep' };

let server: ChildProcess;
let base: string;

test.beforeAll(async () => {
  const dir = mkdtempSync(join(process.env.PORTAL_SCRATCH_DIR!, 'newsroom-'));
  const database = join(dir, 'portal.db');
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = await startServer(port, database, ['--max-upload-mb', '1']);
  execFileSync(
    process.env.PORTAL_SERVER_BIN!,
    ['add-user', CITIZEN.username, '--display-name', 'Công dân', '--role', 'none', '--database', database],
    { input: `${CITIZEN.password}\n` },
  );
  execFileSync(
    process.env.PORTAL_SERVER_BIN!,
    ['add-user', COLLEAGUE.username, '--display-name', 'Đồng nghiệp', '--role', 'editor', '--database', database],
    { input: `${COLLEAGUE.password}\n` },
  );
});

test.afterAll(async () => {
  await stop(server);
});

async function signIn(page: Page, who = EDITOR) {
  await page.getByLabel('Tên đăng nhập').fill(who.username);
  await page.getByLabel('Mật khẩu').fill(who.password);
  const signedIn = page.waitForResponse((r) => r.url().endsWith('/api/session') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  expect((await signedIn).status()).toBe(200);
}

async function signInByApi(request: APIRequestContext, who = EDITOR) {
  const response = await request.post(`${base}/api/session`, { data: who });
  expect(response.status()).toBe(200);
}

/** `at` as a `datetime-local` value in Vietnam time, with its seconds unless they are
 * zero (the browser writes `…T04:35:00` as `…T04:35`, and Playwright's fill then reads the
 * value back as malformed). */
function vietnamLocal(at: Date): string {
  const text = new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 19);
  return text.endsWith(':00') ? text.slice(0, 16) : text;
}

/** The body editor (Quill's editing area), named by its label. */
const body = (page: Page) => page.getByRole('textbox', { name: 'Nội dung' });

/** Presses a toolbar button, then waits for the caret to be back in the body, as it is by
 * the time a person's next key comes. */
async function format(page: Page, button: string) {
  await page.getByRole('button', { name: button }).click();
  await expect(body(page)).toBeFocused();
}

async function writeArticle(page: Page, title: string) {
  await page.goto(`${base}/quan-tri/bai-viet/moi`);
  await page.getByLabel('Tiêu đề', { exact: true }).fill(title);
  await page.getByLabel('Tóm tắt').fill('Tóm tắt của bài viết thử.');
  await body(page).click();
  await format(page, 'Tiêu đề mục');
  await page.keyboard.type('Mục một');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Đoạn văn có ');
  await format(page, 'Chữ đậm');
  await page.keyboard.type('chữ đậm');
  await format(page, 'Chữ đậm');
  await page.keyboard.type(' ở giữa.');
}

test('an editor writes, previews and schedules an article; citizens see it only when its time comes', async ({ page, browser }) => {
  test.setTimeout(90_000);
  await page.goto(`${base}/quan-tri`);
  await signIn(page);
  await expect(page.getByRole('heading', { name: 'Bài viết', level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);

  const title = 'Hội thảo giới thiệu máy sấy nông sản tiết kiệm năng lượng';
  await writeArticle(page, title);
  await expectNoAxeViolations(page);
  await page.getByLabel('Hẹn giờ đăng').check();
  const at = new Date(Date.now() + 20_000);
  await page.getByLabel('Thời gian đăng (giờ Việt Nam)').fill(vietnamLocal(at));
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page.locator('.notice')).toHaveText('Đã lưu bài viết.');
  await expect(page.getByText(/Trạng thái: Hẹn giờ đăng · Phiên bản 1/)).toBeVisible();
  const id = Number(page.url().split('/').pop());

  const preview = page.waitForEvent('popup');
  await page.getByRole('link', { name: /Xem trước/ }).click();
  const shown = await preview;
  await expect(shown.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(shown.locator('.article__body h2')).toHaveText('Mục một');
  await expect(shown.locator('.article__body strong')).toHaveText('chữ đậm');
  await expect(shown.locator('.article__body')).toContainText('Đoạn văn có chữ đậm ở giữa.');
  await expectNoAxeViolations(shown);

  const citizen = await browser.newContext();
  const reader = citizen.request;
  expect((await reader.get(`${base}/bai-viet/${id}`)).status()).toBe(404);
  expect((await reader.get(`${base}/quan-tri/xem-truoc/${id}`, { maxRedirects: 0 })).status()).toBe(303);
  const listed = async () => JSON.stringify(await (await reader.get(`${base}/api/articles?per_page=50`)).json());
  expect(await listed()).not.toContain(title);

  await expect.poll(async () => (await reader.get(`${base}/api/articles/${id}`)).status(), {
    timeout: 45_000,
    intervals: [1_000],
  }).toBe(200);
  expect(await listed()).toContain(title);
  const readerPage = await citizen.newPage();
  await readerPage.goto(`${base}/bai-viet/${id}`);
  await expect(readerPage.getByRole('heading', { level: 1 })).toHaveText(title);
  await citizen.close();
});

test('a stale save is refused, says whose save came first, and keeps the text', async ({ page, playwright }) => {
  await page.goto(`${base}/quan-tri`);
  await signIn(page);
  await writeArticle(page, 'Bài viết hai người cùng sửa');
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page.locator('.notice')).toHaveText('Đã lưu bài viết.');
  const id = Number(page.url().split('/').pop());

  // A colleague saves first, from another browser.
  const colleague = await playwright.request.newContext();
  await signInByApi(colleague);
  const opened = await colleague.get(`${base}/api/newsroom/articles/${id}`);
  const current = await opened.json();
  const saved = await colleague.put(`${base}/api/newsroom/articles/${id}`, {
    headers: { 'if-match': opened.headers()['etag'] },
    data: { ...current.article, summary: 'Bản của đồng nghiệp.' },
  });
  expect(saved.status()).toBe(200);

  await body(page).click();
  await page.keyboard.press('End');
  await page.keyboard.type(' Câu viết thêm.');
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Cán bộ Trung tâm (tài khoản thử) đã lưu bài viết này lúc');
  await expect(page.getByRole('alert')).toContainText('(phiên bản 2)');
  await expect(body(page)).toContainText('Câu viết thêm.');
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Lưu đè bằng nội dung của tôi' }).click();
  await expect(page.locator('.notice')).toHaveText('Đã lưu bài viết.');
  const final = await (await colleague.get(`${base}/api/newsroom/articles/${id}`)).json();
  expect(final.version).toBe(3);
  expect(final.article.body_html).toContain('Câu viết thêm.');

  // The editor compares the colleague's version with the current one, word by word.
  const second = page.locator('.revisions__item').filter({ hasText: 'Phiên bản 2' });
  await second.locator('summary').click();
  const differences = second.locator('.compare');
  await expect(differences.getByRole('heading', { name: 'Tóm tắt' })).toBeVisible();
  await expect(differences.getByRole('heading', { name: 'Nội dung' })).toBeVisible();
  await expect(differences.locator('del').filter({ hasText: 'nghiệp' })).toHaveCount(1);
  await expect(differences.locator('ins').filter({ hasText: 'Câu viết thêm.' })).toHaveCount(1);
  await expect(differences.getByRole('heading', { name: 'Tiêu đề' })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await colleague.dispose();
});

test('an idle sign-out in the middle of writing loses no text', async ({ context }) => {
  await context.clock.install();
  await signInByApi(context.request);
  const page = await context.newPage();
  await writeArticle(page, 'Bài viết dở dang');
  // The editor walks away from the desk: the clock runs past the session's deadline (again,
  // if the typing's last keepalive answered after the first jump and moved it).
  const info = await (await page.request.get(`${base}/api/session`)).json();
  const away = info.idle_timeout_s * 1000 + 60_000;
  await expect(async () => {
    await context.clock.fastForward(away);
    await expect(page.getByText('Bạn đã được đăng xuất do không sử dụng Site.')).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  expect((await page.request.get(`${base}/api/session`)).status()).toBe(401);

  await signIn(page);
  await expect(page.getByRole('region', { name: 'Nội dung chưa lưu' })).toContainText('Bài viết dở dang');
  await page.getByRole('button', { name: 'Khôi phục nội dung chưa lưu' }).click();
  await expect(page.getByLabel('Tiêu đề', { exact: true })).toHaveValue('Bài viết dở dang');
  await expect(body(page)).toContainText('Đoạn văn có chữ đậm ở giữa.');
  await expect(page.getByLabel('Tóm tắt')).toHaveValue('Tóm tắt của bài viết thử.');
});

test('unsaved changes of a saved article are autosaved on the server every 30 s, and offered back elsewhere', async ({ context, browser, playwright }) => {
  await context.clock.install();
  await signInByApi(context.request);
  const created = await context.request.post(`${base}/api/newsroom/articles`, {
    data: { title: 'Bài viết được tự lưu', category: 'tin-hoat-dong', author: 'Phòng Khuyến công', status: 'draft', body_html: '<p>Bản đầu.</p>' },
  });
  const { id } = await created.json();
  const page = await context.newPage();
  await page.goto(`${base}/quan-tri/bai-viet/${id}`);
  await body(page).click();
  await page.keyboard.press('End');
  await page.keyboard.type(' Câu thêm chưa lưu.');
  const autosaved = page.waitForResponse((r) => r.url().endsWith(`/${id}/autosave`) && r.request().method() === 'PUT');
  await context.clock.runFor(31_000);
  expect((await autosaved).status()).toBe(204);

  await expectNoAxeViolations(page);

  // A colleague saves the article meanwhile (the editor's own save would drop the autosave).
  const colleague = await playwright.request.newContext();
  await signInByApi(colleague, COLLEAGUE);
  const opened = await colleague.get(`${base}/api/newsroom/articles/${id}`);
  const saved = await colleague.put(`${base}/api/newsroom/articles/${id}`, {
    headers: { 'if-match': opened.headers()['etag'] },
    data: { ...(await opened.json()).article, summary: 'Bản của đồng nghiệp.' },
  });
  expect(saved.status()).toBe(200);
  await colleague.dispose();

  // Another browser of the same editor (nothing in its tab) is offered the autosave…
  const elsewhere = await browser.newContext();
  await signInByApi(elsewhere.request);
  const other = await elsewhere.newPage();
  await other.goto(`${base}/quan-tri/bai-viet/${id}`);
  await other.getByRole('button', { name: 'Khôi phục nội dung chưa lưu' }).click();
  await expect(body(other)).toContainText('Bản đầu. Câu thêm chưa lưu.');
  // …which, saved, does not overwrite the colleague's save unseen.
  await other.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(other.getByRole('alert')).toContainText('đã lưu bài viết này lúc');
  const current = await (await context.request.get(`${base}/api/newsroom/articles/${id}`)).json();
  expect(current.article.summary).toBe('Bản của đồng nghiệp.');
  await elsewhere.close();
});

const PNG = png([200, 120, 40]);
const PICTURE_FIELD = 'Chọn hoặc thả ảnh (JPEG, PNG, WebP)';
const ATTACHMENT_FIELD = 'Chọn hoặc thả tệp (PDF, DOC, DOCX, XLS, XLSX, ODT, ODS, ZIP)';

test('an editor adds a picture and a PDF that citizens then see; a renamed HTML file and an oversize one are refused', async ({ page, browser }) => {
  await page.goto(`${base}/quan-tri`);
  await signIn(page);
  await writeArticle(page, 'Hội chợ có ảnh và kế hoạch kèm theo');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Chèn ảnh' }).click();
  page.once('dialog', (dialog) => dialog.accept('Toàn cảnh hội chợ'));
  await (await chooser).setFiles({ name: 'trong-bai.png', mimeType: 'image/png', buffer: png([10, 90, 160]) });
  await expect(body(page).locator('img')).toHaveAttribute('src', /^\/tep\/[0-9a-f]{64}\.png$/);
  await expect(body(page).locator('img')).toHaveAttribute('alt', 'Toàn cảnh hội chợ');
  await page.getByLabel(PICTURE_FIELD).setInputFiles({ name: 'hoi-cho.png', mimeType: 'image/png', buffer: PNG });
  await expect(page.locator('.upload__chosen')).toContainText('hoi-cho.png');
  await page.getByLabel('Chú thích ảnh').fill('Gian hàng tại hội chợ');
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n');
  await page.getByLabel(ATTACHMENT_FIELD).setInputFiles({ name: 'Kế hoạch 2026.pdf', mimeType: 'application/pdf', buffer: pdf });
  await expect(page.getByRole('link', { name: 'Kế hoạch 2026.pdf' })).toBeVisible();

  const html = Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>');
  await page.getByLabel(ATTACHMENT_FIELD).setInputFiles({ name: 'bao-cao.pdf', mimeType: 'application/pdf', buffer: html });
  await expect(page.locator('.notice')).toContainText('bao-cao.pdf: Chỉ nhận ảnh JPEG, PNG, WebP');
  const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1_200_000, 32)]);
  await page.getByLabel(ATTACHMENT_FIELD).setInputFiles({ name: 'lon.pdf', mimeType: 'application/pdf', buffer: big });
  await expect(page.locator('.notice')).toContainText('lon.pdf: Tệp lớn hơn giới hạn 1 MB');
  await expect(page.getByRole('link', { name: 'bao-cao.pdf' })).toHaveCount(0);

  await page.getByLabel('Đăng ngay').check();
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page.locator('.notice')).toHaveText('Đã lưu bài viết.');
  await expectNoAxeViolations(page);
  const id = Number(page.url().split('/').pop());

  const citizen = await browser.newContext();
  const reader = await citizen.newPage();
  await reader.goto(`${base}/bai-viet/${id}`);
  await hydrated(reader);
  await expect(reader.locator('.article__picture figcaption')).toHaveText('Gian hàng tại hội chợ');
  await expect(reader.locator('.article__picture img')).toHaveAttribute('alt', 'Gian hàng tại hội chợ');
  await expect(reader.locator('.article__body img')).toHaveAttribute('alt', 'Toàn cảnh hội chợ');
  const attachments = reader.getByRole('region', { name: 'Tệp đính kèm' });
  await expect(attachments).toContainText('Kế hoạch 2026.pdf (PDF, 1 KB)');
  const href = await attachments.getByRole('link', { name: 'Kế hoạch 2026.pdf' }).getAttribute('href');
  const served = await reader.request.get(`${base}${href}`);
  expect(served.headers()['content-type']).toBe('application/pdf');
  expect(served.headers()['content-disposition']).toContain("filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%202026.pdf");
  await expectNoAxeViolations(reader);

  // The lists show the lead picture small, in the written page and in the app alike.
  const card = reader.locator('.article-card').filter({ hasText: 'Hội chợ có ảnh và kế hoạch kèm theo' });
  await reader.goto(`${base}/`);
  await hydrated(reader);
  await expect(card.locator('img.article-card__thumbnail')).toHaveAttribute('src', /^\/tep\/[0-9a-f]{64}(-480)?\.png$/);
  await expect(card.locator('img.article-card__thumbnail')).toHaveAttribute('alt', '');
  await reader.getByRole('link', { name: 'Tin hoạt động', exact: true }).first().click();
  await expect(card.locator('img.article-card__thumbnail')).toBeVisible();
  await citizen.close();
});

/** The idle notice. */
const idleNotice = (page: Page) => page.getByRole('region', { name: 'Sắp hết phiên đăng nhập' });

/** The session's deadline on the page's (fake) clock, once no keepalive is on its way. */
async function deadline(page: Page): Promise<number> {
  await page.waitForLoadState('networkidle');
  const info = await (await page.request.get(`${base}/api/session`)).json();
  const remaining = Date.parse(info.expires_at) - Date.parse(info.now);
  return (await page.evaluate(() => Date.now())) + remaining;
}

async function createDraft(request: APIRequestContext, title: string): Promise<number> {
  const created = await request.post(`${base}/api/newsroom/articles`, {
    data: { title, category: 'tin-hoat-dong', author: 'Phòng Khuyến công', status: 'draft', body_html: '<p>Bản đầu.</p>' },
  });
  expect(created.status()).toBe(201);
  return (await created.json()).id;
}

async function autosavedBody(page: Page, id: number): Promise<string> {
  const autosaved = await page.request.get(`${base}/api/newsroom/articles/${id}/autosave`);
  expect(autosaved.status()).toBe(200);
  return (await autosaved.json()).article.body_html;
}

test('the idle notice says that the unsaved text is saved on the server', async ({ context }) => {
  await context.clock.install();
  await signInByApi(context.request);
  const id = await createDraft(context.request, 'Bài viết đang soạn khi sắp hết phiên');
  const page = await context.newPage();
  await page.goto(`${base}/quan-tri/bai-viet/${id}`);
  await body(page).click();
  await page.keyboard.press('End');
  await page.keyboard.type(' Câu chưa lưu khi vắng mặt.');
  // The typing's last keepalive (at most one a minute) goes before the deadline is read.
  await context.clock.runFor(61_000);
  // What is checked here is the notice's words (session.spec.ts checks its moment): a
  // keepalive still on its way when the deadline was read moves the notice by up to a
  // minute, so the clock may run that long (it failed once in a full run at 5 s), and one
  // sent as the clock jumped moves the deadline itself (it failed once in a full run with
  // the clock run a minute past it): then the deadline is read again.
  for (let attempt = 0; (await idleNotice(page).count()) === 0; attempt += 1) {
    expect(attempt, 'the idle notice shows').toBeLessThan(2);
    await context.clock.pauseAt((await deadline(page)) - 63_000);
    for (let waited = 0; waited < 65_000 && (await idleNotice(page).count()) === 0; waited += 250) {
      await context.clock.runFor(250);
    }
  }
  await expect(idleNotice(page)).toContainText(/Nội dung bạn đang soạn đã được lưu tự động lúc \d\d:\d\d\./);
  expect(await autosavedBody(page, id)).toContain('Câu chưa lưu khi vắng mặt.');
  await context.clock.resume();
  await expectNoAxeViolations(page);
});

test('a new article becomes a draft at its first autosave, and leaving the editor autosaves it', async ({ context }) => {
  await context.clock.install();
  await signInByApi(context.request);
  const page = await context.newPage();
  await writeArticle(page, 'Bài viết mới được tự lưu');
  await page.getByLabel('Đăng ngay').check();
  const created = page.waitForResponse((r) => r.url().endsWith('/api/newsroom/articles') && r.request().method() === 'POST');
  await context.clock.runFor(31_000);
  expect((await created).status()).toBe(201);
  await expect(page).toHaveURL(/\/quan-tri\/bai-viet\/\d+$/);
  const id = Number(page.url().split('/').pop());
  // An autosave never publishes: the article is a draft, and the choice stays unsaved.
  const stored = await (await page.request.get(`${base}/api/newsroom/articles/${id}`)).json();
  expect(stored.article.status).toBe('draft');
  expect((await page.request.get(`${base}/api/articles/${id}`)).status()).toBe(404);
  await expect(page.getByLabel('Đăng ngay')).toBeChecked();
  await expect(page.getByLabel('Tiêu đề', { exact: true })).toHaveValue('Bài viết mới được tự lưu');

  // Going to another newsroom page sends what was typed since.
  await body(page).click();
  await page.keyboard.press('End');
  await page.keyboard.type(' Câu trước khi rời trang.');
  const left = page.waitForResponse((r) => r.url().endsWith(`/${id}/autosave`) && r.request().method() === 'PUT');
  await page.getByRole('link', { name: 'Bình chọn' }).click();
  expect((await left).status()).toBe(204);
  expect(await autosavedBody(page, id)).toContain('Câu trước khi rời trang.');

  // Hiding the tab (a phone switching apps, a tab closed) sends it too, as a keepalive.
  await page.goto(`${base}/quan-tri/bai-viet/${id}`);
  await page.getByRole('button', { name: 'Khôi phục nội dung chưa lưu' }).click();
  await body(page).click();
  await page.keyboard.press('End');
  await page.keyboard.type(' Câu khi ẩn thẻ.');
  const hidden = page.waitForResponse((r) => r.url().endsWith(`/${id}/autosave`) && r.request().method() === 'PUT');
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  expect((await hidden).status()).toBe(204);
  expect(await autosavedBody(page, id)).toContain('Câu khi ẩn thẻ.');
});

test('a citizen and a signed-out reader reach no newsroom API, and the page says why', async ({ page, playwright }) => {
  const anonymous = await playwright.request.newContext();
  for (const path of ['/api/newsroom/articles', '/api/newsroom/users', '/api/newsroom/articles/1/revisions']) {
    expect((await anonymous.get(`${base}${path}`)).status(), path).toBe(401);
  }
  const created = await anonymous.post(`${base}/api/newsroom/articles`, { data: {} });
  expect(created.status()).toBe(401);

  await page.goto(`${base}/quan-tri`);
  await signIn(page, CITIZEN);
  await expect(page.getByRole('alert')).toHaveText('Tài khoản của bạn không có quyền quản trị nội dung.');
  await expectNoAxeViolations(page);
  for (const path of ['/api/newsroom/articles', '/api/newsroom/users']) {
    const refused = await page.request.get(`${base}${path}`);
    expect(refused.status(), path).toBe(403);
    expect((await refused.json()).type).toBe('/problems/forbidden');
  }
  await anonymous.dispose();
});

test('staff find the newsroom from the portal header', async ({ page }) => {
  await page.goto(`${base}/dang-nhap?quay-lai=%2Fquan-tri`);
  await signIn(page);
  await expect(page).toHaveURL(`${base}/quan-tri`);
  await page.goto(`${base}/binh-chon`);
  await page.getByRole('link', { name: 'Quản trị' }).click();
  await expect(page.getByRole('heading', { name: 'Bài viết', level: 1 })).toBeVisible();
});
