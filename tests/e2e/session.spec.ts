// Sign-in, and the idle timer's 60-second notice, against a server of its own with a
// five-minute idle timeout; Playwright's clock stands in for the waiting.
import { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { APIRequestContext, BrowserContext, Page, expect, test } from '@playwright/test';
import { SEED_TITLE, expectNoAxeViolations, freePort, hydrated, startServer, stop } from './portal';

const IDLE_TIMEOUT_S = 300;
const NOTICE = /Bạn đã không sử dụng Site, Bấm vào đây để duy trì trạng thái đăng nhập\. Thời gian chờ: \d+ giây/;
const SIGNED_OUT = 'Bạn đã được đăng xuất do không sử dụng Site.';

let server: ChildProcess;
let base: string;

test.beforeAll(async () => {
  const dir = mkdtempSync(join(process.env.PORTAL_SCRATCH_DIR!, 'session-'));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = await startServer(port, join(dir, 'portal.db'), ['--idle-timeout-s', String(IDLE_TIMEOUT_S)]);
});

test.afterAll(async () => {
  await stop(server);
});

const stay = (page: Page) => page.getByRole('button', { name: 'Bấm vào đây để duy trì trạng thái đăng nhập' });
const notice = (page: Page) => page.getByRole('region', { name: 'Sắp hết phiên đăng nhập' });

async function signInByApi(request: APIRequestContext) {
  const response = await request.post(`${base}/api/session`, {
    data: { username: 'demo', password: 'khuyencong-demo' },
  });
  expect(response.status()).toBe(200);
}

/** The session's deadline on the page's (fake) clock, once no keepalive is on its way. */
async function deadline(page: Page): Promise<number> {
  await page.waitForLoadState('networkidle');
  const info = await (await page.request.get(`${base}/api/session`)).json();
  const remaining = Date.parse(info.expires_at) - Date.parse(info.now);
  return (await page.evaluate(() => Date.now())) + remaining;
}

/**
 * Starts listening on the tabs' channel (a second channel object in the same page hears
 * what the page tells its other tabs); the returned function waits for the next message.
 */
async function listenToTabs(page: Page): Promise<() => Promise<unknown>> {
  await page.evaluate(() => {
    const channel = new BroadcastChannel('khuyencong-phien');
    (window as unknown as { told: Promise<unknown> }).told = new Promise((resolve) => {
      channel.onmessage = (event) => {
        channel.close();
        resolve(event.data);
      };
    });
  });
  return () => page.evaluate(() => (window as unknown as { told: Promise<unknown> }).told);
}

/** Opens the seed article without touching the page (no activity to reset the timer). */
/**
 * Lets the fake clock run in quarter seconds until the notice shows (at most `limitMs`),
 * so the test sees the very moment it appears.
 */
async function runUntilNotice(context: BrowserContext, page: Page, limitMs = 5_000) {
  for (let waited = 0; waited <= limitMs; waited += 250) {
    if ((await notice(page).count()) > 0) return;
    await context.clock.runFor(250);
  }
  throw new Error(`no idle notice within ${limitMs} ms`);
}

async function openSignedIn(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  const list = await (await page.request.get(`${base}/api/articles?per_page=50`)).json();
  const seed = list.items.find((a: { title: string }) => a.title === SEED_TITLE);
  await page.goto(`${base}/bai-viet/${seed.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_TITLE);
  await expect(page.getByText('Cán bộ Trung tâm (tài khoản thử)')).toBeVisible();
  // The written page names the user already; the idle timer runs once the app has it.
  await hydrated(page);
  return page;
}

test("a guest's page never loads the idle timer's code; a signed-in reader's does", async ({ browser }) => {
  const chunks = (page: Page) => {
    const names: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith('/app-') && path.endsWith('.wasm') && !path.endsWith('/portal_bg.wasm')) {
        names.push(path);
      }
    });
    return names;
  };
  const guest = await browser.newContext();
  const guestPage = await guest.newPage();
  const guestChunks = chunks(guestPage);
  const list = await (await guestPage.request.get(`${base}/api/articles?per_page=50`)).json();
  const seed = list.items.find((a: { title: string }) => a.title === SEED_TITLE);
  await guestPage.goto(`${base}/bai-viet/${seed.id}`);
  await hydrated(guestPage);
  await guestPage.waitForLoadState('networkidle');
  expect(guestChunks).toEqual([]);
  await guest.close();

  const signedIn = await browser.newContext();
  await signInByApi(signedIn.request);
  const page = await signedIn.newPage();
  const signedInChunks = chunks(page);
  await page.goto(`${base}/bai-viet/${seed.id}`);
  await hydrated(page);
  await expect.poll(() => signedInChunks.length).toBeGreaterThan(0);
  await signedIn.close();
});

test('signing in brings the reader back, and signing out signs out on the server', async ({ page }) => {
  await page.goto(`${base}/binh-chon`);
  await page.getByRole('link', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đăng nhập');
  await page.getByLabel('Tên đăng nhập').fill('demo');
  await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('alert')).toHaveText('Tên đăng nhập hoặc mật khẩu không đúng');
  await expectNoAxeViolations(page);
  await page.getByLabel('Mật khẩu').fill('khuyencong-demo');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page).toHaveURL(`${base}/binh-chon`);
  await expect(page.getByText('Cán bộ Trung tâm (tài khoản thử)')).toBeVisible();
  expect((await page.request.get(`${base}/api/session`)).status()).toBe(200);
  await page.getByRole('button', { name: 'Thoát' }).click();
  await expect(page.getByRole('link', { name: 'Đăng nhập' })).toBeVisible();
  expect((await page.request.get(`${base}/api/session`)).status()).toBe(401);
});

test('the notice appears exactly 60 s before expiry, counts down, and the link keeps the session', async ({ context }) => {
  await context.clock.install();
  await signInByApi(context.request);
  const page = await openSignedIn(context);
  const end = await deadline(page);
  await context.clock.pauseAt(end - 63_000);
  await expect(notice(page)).toHaveCount(0);
  await runUntilNotice(context, page);
  await expect(notice(page)).toHaveText(NOTICE);
  await expect(notice(page)).toContainText('Thời gian chờ: 60 giây');
  await expect(stay(page)).toBeFocused();
  await context.clock.runFor(1_000);
  await expect(notice(page)).toContainText('Thời gian chờ: 59 giây');
  await context.clock.runFor(19_000);
  await expect(notice(page)).toContainText('Thời gian chờ: 40 giây');
  await expect(page.getByRole('status').filter({ hasText: 'Thời gian chờ: 40 giây' })).toHaveCount(1);
  // Moving the mouse does not dismiss it.
  await page.mouse.move(100, 200);
  await page.mouse.move(300, 400);
  await expect(notice(page)).toBeVisible();
  // axe-core waits on timers of its own: let time flow while it looks.
  await context.clock.resume();
  await expectNoAxeViolations(page);

  const before = await (await page.request.get(`${base}/api/session`)).json();
  await stay(page).click();
  await expect(notice(page)).toHaveCount(0);
  // Nor do its words stay for a screen reader.
  await expect(page.getByRole('status').filter({ hasText: 'Thời gian chờ' })).toHaveCount(0);
  const after = await (await page.request.get(`${base}/api/session`)).json();
  expect(Date.parse(after.expires_at)).toBeGreaterThan(Date.parse(before.expires_at));
});

test('activity before the warning postpones it', async ({ context }) => {
  await context.clock.install();
  await signInByApi(context.request);
  const page = await openSignedIn(context);
  const end = await deadline(page);
  // 100 s after the page opened: past the keepalive throttle, before the warning.
  await context.clock.pauseAt(end - 200_000);
  const keepalive = page.waitForResponse((r) => r.url().endsWith('/api/session/keepalive'));
  const told = await listenToTabs(page);
  await page.mouse.move(50, 50);
  expect((await keepalive).status()).toBe(200);
  // The page tells its other tabs as it moves its own deadline: only then may the paused
  // clock run (else the answer could be applied after the jump, from a later now).
  await told();
  // The old warning time passes without a notice…
  await context.clock.runFor(141_000);
  await expect(notice(page)).toHaveCount(0);
  // …which comes 100 s later, as the deadline moved with the activity.
  await context.clock.runFor(100_000);
  await expect(notice(page)).toBeVisible();
});

test('at zero the reader is signed out, the server agrees, and the page stays readable', async ({ context }) => {
  await context.clock.install();
  await signInByApi(context.request);
  const page = await openSignedIn(context);
  const end = await deadline(page);
  await context.clock.pauseAt(end - 63_000);
  await runUntilNotice(context, page);
  const signOut = page.waitForResponse((r) => r.url().endsWith('/api/session') && r.request().method() === 'DELETE');
  await context.clock.runFor(61_000);
  await signOut;
  await expect(page.getByText(SIGNED_OUT)).toBeVisible();
  await expect(notice(page)).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Đăng nhập lại' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_TITLE);
  expect((await page.request.get(`${base}/api/session`)).status()).toBe(401);
  await context.clock.resume();
  await expectNoAxeViolations(page);
});

test('waking after the deadline signs out at once, with no stale countdown', async ({ context }) => {
  await context.clock.install();
  await signInByApi(context.request);
  const page = await openSignedIn(context);
  const end = await deadline(page);
  await context.clock.pauseAt(end - 200_000);
  const signOut = page.waitForResponse((r) => r.url().endsWith('/api/session') && r.request().method() === 'DELETE');
  // Like a laptop lid closed for 10 minutes: timers fire once, late.
  await context.clock.fastForward(600_000);
  await signOut;
  await expect(page.getByText(SIGNED_OUT)).toBeVisible();
  await expect(page.locator('.idle-notice__countdown')).toHaveCount(0);
  expect((await page.request.get(`${base}/api/session`)).status()).toBe(401);
});

test('tabs agree: the notice shows and hides together, and a tab in use keeps the idle one', async ({ context }) => {
  await context.clock.install();
  await signInByApi(context.request);
  const busy = await openSignedIn(context);
  const idle = await openSignedIn(context);
  await idle.waitForLoadState('networkidle');
  const end = await deadline(busy);
  await context.clock.pauseAt(end - 63_000);
  await runUntilNotice(context, busy);
  await runUntilNotice(context, idle, 1_000);
  await stay(busy).click();
  await expect(notice(busy)).toHaveCount(0);
  await expect(notice(idle)).toHaveCount(0);

  // Three more minutes of reading in one tab only.
  for (let i = 0; i < 6; i++) {
    await context.clock.runFor(30_000);
    await busy.mouse.move(10 + i * 20, 100);
  }
  await context.clock.runFor(2_000);
  await expect(notice(idle)).toHaveCount(0);
  await expect(idle.getByText(SIGNED_OUT)).toHaveCount(0);
  await expect(idle.getByText('Cán bộ Trung tâm (tài khoản thử)')).toBeVisible();

  // Signing out in one tab signs out the other.
  await busy.getByRole('button', { name: 'Thoát' }).click();
  await expect(idle.getByRole('link', { name: 'Đăng nhập' })).toBeVisible();
});

test('the notice works by keyboard alone: Enter on the link, or Esc', async ({ context }) => {
  await context.clock.install();
  await signInByApi(context.request);
  const page = await openSignedIn(context);
  const rating = page.getByRole('radio', { name: 'Bài viết tốt' });
  await rating.focus();
  let end = await deadline(page);
  await context.clock.pauseAt(end - 63_000);
  await runUntilNotice(context, page);
  await expect(stay(page)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(notice(page)).toHaveCount(0);
  await expect(rating).toBeFocused();

  end = await deadline(page);
  await context.clock.pauseAt(end - 63_000);
  await runUntilNotice(context, page);
  await page.keyboard.press('Escape');
  await expect(notice(page)).toHaveCount(0);
});

test('a reader with yesterday’s session cookie reads as a guest', async ({ context }) => {
  await context.addCookies([{ name: 'kc_session', value: 'f'.repeat(64), url: base }]);
  const page = await context.newPage();
  const list = await (await page.request.get(`${base}/api/articles?per_page=50`)).json();
  const seed = list.items.find((a: { title: string }) => a.title === SEED_TITLE);
  await page.goto(`${base}/bai-viet/${seed.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_TITLE);
  await expect(page.getByText('Phiên đăng nhập đã hết hạn')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Đăng nhập' })).toBeVisible();
  const cookies = await context.cookies(base);
  expect(cookies.find((c) => c.name === 'kc_session')).toBeUndefined();
});
