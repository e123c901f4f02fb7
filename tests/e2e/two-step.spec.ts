// Two-step sign-in as staff meet it, against a server of its own that requires it of
// staff (`--require-two-step`): setting it up from the QR code's key, keeping the
// recovery codes, signing in with a code, and an admin resetting a lost phone.
import { ChildProcess, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { APIRequestContext, Page, expect, test } from '@playwright/test';
import { appCode, expectNoAxeViolations, freePort, startServer, stop } from './portal';

const EDITOR = { username: 'demo', password: 'khuyencong-demo' };
const ADMIN = { username: 'quantri', password: 'mat-khau-quan-tri' };
const COLLEAGUE = { username: 'dongnghiep', password: 'mat-khau-dong-nghiep' };

let server: ChildProcess;
let base: string;

test.beforeAll(async () => {
  const dir = mkdtempSync(join(process.env.PORTAL_SCRATCH_DIR!, 'two-step-'));
  const database = join(dir, 'portal.db');
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = await startServer(port, database, ['--require-two-step']);
  for (const [who, role] of [[ADMIN, 'admin'], [COLLEAGUE, 'editor']] as const) {
    execFileSync(
      process.env.PORTAL_SERVER_BIN!,
      ['add-user', who.username, '--display-name', who.username, '--role', role, '--database', database],
      { input: `${who.password}\n` },
    );
  }
});

test.afterAll(async () => {
  await stop(server);
});

/** Sets up two-step sign-in for `who` through the API; their recovery codes. */
async function setUpByApi(request: APIRequestContext, who: { username: string; password: string }) {
  expect((await request.post(`${base}/api/session`, { data: who })).status()).toBe(200);
  const setup = await request.post(`${base}/api/session/two-step/setup`, { headers: { 'content-type': 'application/json' } });
  const { secret } = await setup.json();
  const enabled = await request.post(`${base}/api/session/two-step`, {
    data: { password: who.password, code: appCode(secret) },
  });
  expect(enabled.status()).toBe(200);
  return (await enabled.json()).codes as string[];
}

/** Signs in on the portal's sign-in page with the password, then `code`. */
async function signInInTwoSteps(page: Page, who: { username: string; password: string }, code: string) {
  await page.goto(`${base}/dang-nhap?quay-lai=/quan-tri`);
  await page.getByLabel('Tên đăng nhập').fill(who.username);
  await page.getByLabel('Mật khẩu').fill(who.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  const codeField = page.getByLabel('Mã xác thực');
  await expect(codeField).toBeFocused();
  await expect(page.getByLabel('Mật khẩu')).toBeHidden();
  await codeField.fill('000000');
  await page.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(page.getByRole('alert')).toHaveText('Mã xác thực không đúng hoặc đã được dùng, vui lòng nhập mã mới');
  await codeField.fill(code);
  await page.getByRole('button', { name: 'Xác nhận' }).click();
}

test('staff held to two-step sign-in set it up from the QR code, keep their recovery codes, then sign in with a code', async ({ page }) => {
  await page.goto(`${base}/quan-tri`);
  await page.getByLabel('Tên đăng nhập').fill(EDITOR.username);
  await page.getByLabel('Mật khẩu').fill(EDITOR.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page).toHaveURL(/\/quan-tri\/xac-thuc-hai-buoc$/);
  await expect(page.getByText('Cổng thông tin yêu cầu cán bộ bật xác thực hai bước')).toBeVisible();
  await page.getByRole('link', { name: 'Bài viết', exact: true }).click();
  await expect(page).toHaveURL(/\/quan-tri\/xac-thuc-hai-buoc$/);

  await page.getByRole('button', { name: 'Bắt đầu cài đặt' }).click();
  await expect(page.getByRole('img', { name: 'Mã QR để thêm tài khoản vào ứng dụng xác thực' })).toBeVisible();
  const secret = (await page.locator('.two-step__key').textContent())!;
  await page.getByLabel('Mật khẩu').fill(EDITOR.password);
  await page.getByLabel('Mã xác thực').fill(appCode(secret));
  await page.getByRole('button', { name: 'Bật xác thực hai bước' }).click();
  const codes = page.locator('.two-step__codes li');
  await expect(codes).toHaveCount(10);
  const recovery = (await codes.first().textContent())!;
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Tôi đã lưu các mã khôi phục' }).click();
  await expect(page.getByText('Xác thực hai bước đang bật cho tài khoản của bạn.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Tắt xác thực hai bước' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Bài viết', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Bài viết', level: 1 })).toBeVisible();

  await page.getByRole('button', { name: 'Thoát' }).click();
  await expect(page.getByRole('button', { name: 'Thoát' })).toHaveCount(0);
  await signInInTwoSteps(page, EDITOR, recovery);
  await expect(page.getByRole('heading', { name: 'Bài viết', level: 1 })).toBeVisible();
});

test('an admin resets the two-step sign-in of a colleague who lost their phone', async ({ page, playwright }) => {
  const colleague = await playwright.request.newContext();
  await setUpByApi(colleague, COLLEAGUE);
  const adminCodes = await setUpByApi(await playwright.request.newContext(), ADMIN);
  await signInInTwoSteps(page, ADMIN, adminCodes[0]);
  await page.getByRole('link', { name: 'Người dùng' }).click();
  const row = page.getByRole('row').filter({ hasText: COLLEAGUE.username });
  await expect(row).toContainText('Đã bật');
  page.once('dialog', (dialog) => dialog.accept());
  await row.getByRole('button', { name: 'Đặt lại xác thực hai bước' }).click();
  await expect(page.locator('p.notice')).toHaveText('Đã đặt lại xác thực hai bước.');
  await expect(row).toContainText('Chưa bật');
  expect((await colleague.get(`${base}/api/session`)).status()).toBe(401);
  await expectNoAxeViolations(page);
  await colleague.dispose();
});
