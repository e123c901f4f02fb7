// "Chia sẻ": an article passes on by e-mail, on Facebook, through the phone's share sheet
// (Zalo), or as a copied address, with no third-party script; without JavaScript the two
// links still work.
import { expect, test } from '@playwright/test';
import { SEED_SLUG, SEED_TITLE, articleId, expectNoAxeViolations, hydrated } from './portal';

test('the article is sent by e-mail, shared on Facebook, and its address copied', async ({ page, context, request }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const id = await articleId(request, SEED_SLUG);
  await page.goto(`/bai-viet/${id}`);
  await hydrated(page);
  const address = page.url();
  const share = page.getByRole('group', { name: 'Chia sẻ' });

  const mail = new URL((await share.getByRole('link', { name: 'Gửi bài viết qua email' }).getAttribute('href'))!);
  expect(mail.protocol).toBe('mailto:');
  expect(mail.searchParams.get('subject')).toBe(SEED_TITLE);
  expect(mail.searchParams.get('body')).toBe(address);

  const facebook = share.getByRole('link', { name: 'Chia sẻ lên Facebook' });
  const shared = new URL((await facebook.getAttribute('href'))!);
  expect(shared.origin + shared.pathname).toBe('https://www.facebook.com/sharer/sharer.php');
  expect(shared.searchParams.get('u')).toBe(address);
  await expect(facebook).toHaveAttribute('target', '_blank');

  await share.getByRole('button', { name: 'Sao chép liên kết' }).click();
  await expect(share.getByRole('status')).toHaveText('Đã sao chép liên kết của bài viết.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(address);
  await expectNoAxeViolations(page);
});

// Zalo documents no plain share address; the phone's share sheet (which lists Zalo) is
// the way. The sheet itself is the operating system's, so the test records what the page
// hands it, in the written page and in the app's.
test('the share sheet gets the title and address, and shows only where the browser has one', async ({ browser, request }) => {
  const id = await articleId(request, SEED_SLUG);
  const phone = await browser.newContext();
  await phone.addInitScript(() => {
    (window as any).shared = [];
    Object.defineProperty(Navigator.prototype, 'share', {
      configurable: true,
      value: async (data: ShareData) => { (window as any).shared.push(data); },
    });
  });
  const page = await phone.newPage();
  // The app is held back while the written page's button is pressed: a press during the
  // takeover could go down on one button and up on the other, and count for neither.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/*.wasm', async (route) => {
    await released;
    await route.continue();
  });
  await page.goto(`/bai-viet/${id}`, { waitUntil: 'domcontentloaded' });
  const sheet = page.getByRole('group', { name: 'Chia sẻ' }).getByRole('button', { name: 'Chia sẻ qua Zalo và ứng dụng khác' });
  await sheet.click();
  release();
  await hydrated(page);
  await sheet.click();
  const shared = await page.evaluate(() => (window as any).shared);
  expect(shared).toEqual([
    { title: SEED_TITLE, url: page.url() },
    { title: SEED_TITLE, url: page.url() },
  ]);
  await expectNoAxeViolations(page);
  await phone.close();

  const desktop = await browser.newContext();
  await desktop.addInitScript(() => { delete (Navigator.prototype as any).share; });
  const plain = await desktop.newPage();
  await plain.goto(`/bai-viet/${id}`);
  await hydrated(plain);
  await expect(plain.getByRole('button', { name: 'Chia sẻ qua Zalo và ứng dụng khác' })).toBeHidden();
  await desktop.close();
});

test('without JavaScript the links are there and the copy button is not', async ({ browser, request }) => {
  const id = await articleId(request, SEED_SLUG);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`/bai-viet/${id}`);
  const share = page.getByRole('group', { name: 'Chia sẻ' });
  const mail = new URL((await share.getByRole('link', { name: 'Gửi bài viết qua email' }).getAttribute('href'))!);
  expect(mail.searchParams.get('body')).toBe(page.url());
  await expect(share.getByRole('link', { name: 'Chia sẻ lên Facebook' })).toBeVisible();
  await expect(share.getByRole('button', { name: 'Sao chép liên kết' })).toBeHidden();
  await expect(share.getByRole('button', { name: 'Chia sẻ qua Zalo và ứng dụng khác' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'In ra' })).toBeHidden();
  await context.close();
});
