// The newsroom's polls, sidebar and users as staff keep them, against a server of its
// own (a fresh database: the demo content, the demo editor, and an admin).
import { ChildProcess, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { Locator, Page, expect, test } from '@playwright/test';
import { expectNoAxeViolations, freePort, png, startServer, stop } from './portal';

const EDITOR = { username: 'demo', password: 'khuyencong-demo' };
const ADMIN = { username: 'quantri', password: 'mat-khau-quan-tri' };

let server: ChildProcess;
let base: string;

test.beforeAll(async () => {
  const dir = mkdtempSync(join(process.env.PORTAL_SCRATCH_DIR!, 'newsroom-sidebar-'));
  const database = join(dir, 'portal.db');
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = await startServer(port, database);
  execFileSync(
    process.env.PORTAL_SERVER_BIN!,
    ['add-user', ADMIN.username, '--display-name', 'Quản trị viên', '--role', 'admin', '--database', database],
    { input: `${ADMIN.password}\n` },
  );
});

test.afterAll(async () => {
  await stop(server);
});

async function signIn(page: Page, path: string, who = EDITOR) {
  await page.goto(`${base}${path}`);
  await page.getByLabel('Tên đăng nhập').fill(who.username);
  await page.getByLabel('Mật khẩu').fill(who.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

/** The line that says how the last action went. */
const notice = (scope: Page | Locator) => scope.locator('p.notice');
const option = (page: Page, n: number) => page.getByLabel(`Phương án ${n}`, { exact: true });
const optionRow = (page: Page, n: number) => page.locator('.poll-option').nth(n - 1);

test('an editor adds a poll, citizens vote, and an option with ballots is renamed but never moved', async ({ page, browser }) => {
  await signIn(page, '/quan-tri/binh-chon');
  await expect(page.getByRole('heading', { name: 'Bình chọn', level: 1 })).toBeVisible();
  await expect(page.getByRole('row')).toHaveCount(4); // the header and the demo's three polls
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'Thêm cuộc bình chọn' }).click();
  await page.getByLabel('Câu hỏi').fill('Làng nghề nào bạn muốn đến thăm?');
  await option(page, 1).fill('Gốm Phù Lãng');
  await option(page, 2).fill('Mây tre Phú Vinh');
  await page.getByRole('button', { name: 'Thêm phương án' }).click();
  await option(page, 3).fill('Lụa Vạn Phúc');
  await page.getByLabel('Ảnh của phương án 1 (JPEG, PNG, WebP)').setInputFiles({ name: 'gom.png', mimeType: 'image/png', buffer: png([150, 80, 40]) });
  await expect(optionRow(page, 1).locator('img.upload__thumbnail')).toHaveAttribute('src', /^\/tep\/[0-9a-f]{64}\.png$/);
  await page.getByLabel('Bài viết giới thiệu phương án 2 (đường dẫn của bài, không bắt buộc)').fill('ho-tro-may-moc-che-bien-che');
  await page.getByLabel('Số phương án mỗi người được chọn').fill('4');
  await page.getByRole('button', { name: 'Lưu' }).click();
  await expect(notice(page)).toHaveText(
    'Số phương án được chọn phải từ 1 đến số phương án của cuộc bình chọn',
  );
  await page.getByLabel('Số phương án mỗi người được chọn').fill('1');
  await page.getByLabel('Kết thúc (giờ Việt Nam; để trống nếu chưa định)').fill('2099-12-31T17:00');
  await page.getByRole('button', { name: 'Lưu' }).click();
  await expect(notice(page)).toHaveText('Đã lưu cuộc bình chọn.');
  await expect(page).toHaveURL(/\/quan-tri\/binh-chon\/\d+$/);
  const saved = await (await page.request.get(`${base}/api/newsroom/polls/${page.url().split('/').pop()}`)).json();
  expect(saved.poll.ends_at).toBe('2099-12-31T10:00:00Z');
  await expect(page.getByRole('heading', { name: 'Sửa cuộc bình chọn' })).toBeVisible();
  await expectNoAxeViolations(page);

  // A citizen votes for the second option on the portal's page of polls.
  const citizen = await browser.newPage();
  await citizen.goto(`${base}/binh-chon`);
  const box = citizen.locator('.poll').filter({ has: citizen.getByText('Làng nghề nào bạn muốn đến thăm?', { exact: true }) });
  await expect(box.locator('img[src^="/tep/"]')).toHaveCount(1);
  await box.getByRole('radio', { name: 'Mây tre Phú Vinh' }).check();
  await box.getByRole('button', { name: 'Bình chọn' }).click();
  await expect(box.getByRole('status')).toHaveText('Hệ thống đã ghi nhận bình chọn của bạn.');

  await page.reload();
  await expect(optionRow(page, 2)).toContainText('1 lượt chọn');
  await expect(page.getByText('Tổng số: 1 lượt chọn của 1 người bình chọn')).toBeVisible();
  // The voted option cannot move or go, nor can the first be moved past it.
  await expect(optionRow(page, 2).getByRole('button', { name: 'Lên' })).toBeDisabled();
  await expect(optionRow(page, 2).getByRole('button', { name: 'Xuống' })).toBeDisabled();
  await expect(optionRow(page, 2).getByRole('button', { name: 'Xóa' })).toBeDisabled();
  await expect(optionRow(page, 1).getByRole('button', { name: 'Xóa' })).toBeDisabled();
  await expect(optionRow(page, 3).getByRole('button', { name: 'Xóa' })).toBeEnabled();
  await option(page, 2).fill('Mây tre đan Phú Vinh');
  await optionRow(page, 3).getByRole('button', { name: 'Xóa' }).click();
  await expect(page.locator('.poll-option')).toHaveCount(2);
  await page.getByRole('button', { name: 'Lưu' }).click();
  await expect(notice(page)).toHaveText('Đã lưu cuộc bình chọn.');

  await citizen.reload();
  await expect(box.getByText('Mây tre đan Phú Vinh')).toBeVisible();
  await expect(box.getByText('Lụa Vạn Phúc')).toHaveCount(0);

  await page.getByRole('button', { name: 'Kết thúc ngay' }).click();
  await expect(notice(page)).toHaveText('Đã kết thúc cuộc bình chọn.');
  await expect(page.getByText('Đã kết thúc', { exact: true })).toBeVisible();
  await citizen.reload();
  await expect(box.getByRole('radio')).toHaveCount(0);
  await citizen.close();
});

/** The titles of the sidebar's linked websites on the portal's home page, once `shown` is
 * among them. */
async function linkedSites(page: Page, shown: string): Promise<string[]> {
  await page.goto(`${base}/`);
  const links = page.getByRole('region', { name: 'Liên kết', exact: true }).getByRole('link');
  await expect(links.filter({ hasText: shown })).toHaveCount(1);
  const texts = await links.allTextContents();
  return texts.map((text) => text.replace(/\s*\(mở trong thẻ mới\)$/, ''));
}

test('an editor adds, reorders and hides linked websites and sets the blocks and figures', async ({ page, browser }) => {
  await signIn(page, '/quan-tri/khoi-ben');
  await expect(page.getByRole('heading', { name: 'Khối bên', level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);

  const links = page.getByRole('region', { name: 'Liên kết Website' });
  await links.getByLabel('Nhóm (ví dụ: Cơ quan Trung ương)').fill('Đối tác');
  await links.getByLabel('Tên website').fill('Hiệp hội Làng nghề Việt Nam');
  await links.getByLabel('Địa chỉ (bắt đầu bằng https://)').fill('https://langnghe.example.vn/');
  await links.getByRole('button', { name: 'Thêm liên kết' }).click();
  await expect(notice(links)).toHaveText('Đã thêm liên kết.');
  await links.getByRole('button', { name: 'Đưa Hiệp hội Làng nghề Việt Nam lên' }).click();
  await expect(notice(links)).toHaveText('Đã đổi thứ tự liên kết.');
  await links.getByRole('button', { name: 'Ẩn Bộ Công Thương' }).click();
  await expect(notice(links)).toHaveText('Đã ẩn liên kết.');
  await expect(links.getByRole('row').filter({ hasText: 'Bộ Công Thương' })).toContainText('Đã ẩn');

  const blocks = page.getByRole('region', { name: 'Các khối' });
  await blocks.getByLabel('Tiêu đề khối Liên kết Website').fill('Liên kết');
  await blocks.getByLabel('Hiện khối Thống kê truy cập').uncheck();
  await blocks.getByRole('button', { name: 'Đưa khối Liên kết Website lên' }).click();
  await blocks.getByRole('button', { name: 'Lưu các khối' }).click();
  await expect(notice(blocks)).toHaveText('Đã lưu các khối.');

  const figures = page.getByRole('region', { name: 'Kết quả dịch vụ công trực tuyến' });
  await figures.getByLabel('Đã giải quyết đúng hạn').fill('99999');
  await figures.getByRole('button', { name: 'Lưu số liệu' }).click();
  await expect(notice(figures)).toHaveText(
    'Số hồ sơ đúng hạn, trễ hạn và đang xử lý cộng lại vượt quá số hồ sơ đã tiếp nhận',
  );
  await figures.getByLabel('Hồ sơ đã tiếp nhận').fill('200000');
  await figures.getByRole('button', { name: 'Lưu số liệu' }).click();
  await expect(notice(figures)).toHaveText('Đã lưu số liệu.');
  await expectNoAxeViolations(page);

  const citizen = await browser.newPage();
  const sites = await linkedSites(citizen, 'Hiệp hội Làng nghề Việt Nam');
  expect(sites).toContain('Cục Công Thương địa phương');
  expect(sites).not.toContain('Bộ Công Thương');
  expect(sites.indexOf('Hiệp hội Làng nghề Việt Nam')).toBeLessThan(sites.indexOf('Sàn thương mại điện tử sản phẩm OCOP của tỉnh'));
  await expect(citizen.getByRole('region', { name: 'Thống kê truy cập' })).toHaveCount(0);
  await expect(citizen.getByRole('region', { name: 'KQ DỊCH VỤ CÔNG TRỰC TUYẾN' }).getByText('200.000').first()).toBeVisible();
  const titles = await citizen.locator('.block__title').allTextContents();
  expect(titles.indexOf('Liên kết')).toBeLessThan(titles.indexOf('Tiềm năng, thế mạnh và các sản phẩm thương mại'));
  await citizen.close();
});

test('an admin adds, disables and re-enables a user and sets their password; an editor has no users page', async ({ page, browser }) => {
  const colleagueName = `bientap-${test.info().repeatEachIndex}`;
  await signIn(page, '/quan-tri', EDITOR);
  await expect(page.getByRole('heading', { name: 'Bài viết', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Người dùng' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Thoát' }).click();
  // Signed out once the server has answered; a page loaded before would still be the editor's.
  await expect(page.getByRole('button', { name: 'Thoát' })).toHaveCount(0);

  await signIn(page, '/quan-tri', ADMIN);
  await page.getByRole('link', { name: 'Người dùng' }).click();
  await expect(page.getByRole('heading', { name: 'Người dùng', level: 1 })).toBeVisible();
  await page.getByLabel('Tên đăng nhập').fill(colleagueName);
  await page.getByLabel('Tên hiển thị').fill('Biên tập viên Hai');
  await page.getByLabel('Mật khẩu (ít nhất 8 ký tự)').fill('mat-khau-hai');
  await page.getByRole('button', { name: 'Thêm người dùng' }).click();
  await expect(notice(page)).toHaveText('Đã thêm người dùng.');
  const row = page.getByRole('row').filter({ hasText: colleagueName });
  await expect(row).toContainText('Đang hoạt động');
  await expectNoAxeViolations(page);

  const colleague = await browser.newPage();
  await signIn(colleague, '/quan-tri', { username: colleagueName, password: 'mat-khau-hai' });
  await expect(colleague.getByRole('heading', { name: 'Bài viết', level: 1 })).toBeVisible();

  await row.getByRole('button', { name: 'Khóa' }).click();
  await expect(notice(page)).toHaveText('Đã khóa tài khoản.');
  await expect(row).toContainText('Đã khóa');
  const ended = await colleague.request.get(`${base}/api/newsroom/articles`);
  expect(ended.status()).toBe(401);

  await row.getByRole('button', { name: 'Mở khóa' }).click();
  await expect(notice(page)).toHaveText('Đã mở khóa tài khoản.');
  await row.getByText('Đặt lại mật khẩu').click();
  await row.getByLabel(`Mật khẩu mới cho ${colleagueName}`).fill('mat-khau-moi-hai');
  await row.getByRole('button', { name: 'Đặt mật khẩu' }).click();
  await expect(notice(page)).toHaveText('Đã đặt mật khẩu mới.');
  await row.getByLabel(`Quyền của ${colleagueName}`).selectOption('Quản trị viên');
  await expect(notice(page)).toHaveText('Đã đổi quyền.');

  await signIn(colleague, '/quan-tri', { username: colleagueName, password: 'mat-khau-moi-hai' });
  await expect(colleague.getByRole('link', { name: 'Người dùng' })).toBeVisible();
  await colleague.close();
});

test('an admin reads who did what in the audit log, filtered by user and action; an editor cannot', async ({ page }) => {
  await signIn(page, '/quan-tri', EDITOR);
  await expect(page.getByRole('heading', { name: 'Bài viết', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Nhật ký' })).toHaveCount(0);
  await page.goto(`${base}/quan-tri/nhat-ky`);
  await expect(page.getByRole('alert')).toContainText('không có quyền');
  await page.getByRole('button', { name: 'Thoát' }).click();
  await expect(page.getByRole('button', { name: 'Thoát' })).toHaveCount(0);

  await signIn(page, '/quan-tri', ADMIN);
  await page.getByRole('link', { name: 'Nhật ký' }).click();
  await expect(page.getByRole('heading', { name: 'Nhật ký thao tác', level: 1 })).toBeVisible();
  await page.getByLabel('Tên đăng nhập').fill(EDITOR.username);
  await page.getByLabel('Thao tác').selectOption('Đăng nhập');
  await page.getByRole('button', { name: 'Lọc' }).click();
  await expect(page).toHaveURL(/nguoi-dung=demo&thao-tac=sign-in/);
  const rows = page.getByRole('row').filter({ hasText: EDITOR.username });
  await expect(rows.first()).toContainText('Đăng nhập');
  await expect(rows.first()).toContainText('127.0.0.1');
  await expect(page.getByRole('row').filter({ hasText: 'Lưu bài viết' })).toHaveCount(0);
  await expectNoAxeViolations(page);
});
