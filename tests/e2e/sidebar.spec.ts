import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './portal';

const sidebar = (page: import('@playwright/test').Page) =>
  page.getByRole('complementary', { name: 'Tiện ích' });

test('every block renders with its title, in the order of the data', async ({ page }) => {
  await page.goto('/');
  const titles = sidebar(page).locator('.block__title');
  await expect(titles).toHaveText([
    'KQ DỊCH VỤ CÔNG TRỰC TUYẾN',
    'Bình chọn SẢN PHẨM CNNTTB',
    'Tiềm năng, thế mạnh và các sản phẩm thương mại',
    'Liên kết Website',
    'Thống kê truy cập',
  ]);
  const services = page.getByRole('region', { name: 'KQ DỊCH VỤ CÔNG TRỰC TUYẾN' });
  await expect(services.getByRole('link', { name: /Cổng dịch vụ công trực tuyến/ })).toHaveAttribute(
    'href',
    'https://dichvucong.example.gov.vn/',
  );
  await expect(services.getByText('Tỷ lệ đúng hạn', { exact: true })).toBeVisible();
  await expect(services.getByText('99,25%', { exact: true })).toBeVisible();
  await expect(services.getByText('Số liệu đến ngày 30/11/2026')).toBeVisible();
  const showcase = page.getByRole('region', { name: 'Tiềm năng, thế mạnh và các sản phẩm thương mại' });
  await expect(showcase.getByRole('link')).toHaveCount(4);
  const links = page.getByRole('region', { name: 'Liên kết Website' });
  await expect(links.getByRole('heading', { level: 3 })).toHaveText([
    'Cơ quan Trung ương',
    'Cơ quan địa phương',
    'Đối tác',
  ]);
  await expect(links.getByRole('link', { name: 'Bộ Công Thương (mở trong thẻ mới)' })).toHaveAttribute(
    'rel',
    'noopener noreferrer',
  );
  await expectNoAxeViolations(page);
});

test('the chart has a text alternative', async ({ page }) => {
  await page.goto('/');
  const chart = page.getByRole('img', { name: 'Biểu đồ kết quả giải quyết hồ sơ năm 2026' });
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAccessibleName('Biểu đồ kết quả giải quyết hồ sơ năm 2026');
  await expect(chart).toHaveAccessibleDescription(
    'Năm 2026: tiếp nhận 1.284 hồ sơ; giải quyết đúng hạn 1.197, quá hạn 9, đang giải quyết 78; tỷ lệ đúng hạn 99,25%.',
  );
});

test('a showcase card opens its article', async ({ page }) => {
  await page.goto('/');
  const showcase = page.getByRole('region', { name: 'Tiềm năng, thế mạnh và các sản phẩm thương mại' });
  await showcase.getByRole('link', { name: 'Miến dong làng nghề Bằng Phúc' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Miến dong Bằng Phúc: sản phẩm làng nghề vươn ra thị trường cả nước',
  );
});

test.describe('a weblink to a partner page served here', () => {
  let partner: Server;
  let partnerUrl: string;

  test.beforeAll(async () => {
    partner = createServer((_, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!DOCTYPE html><html lang="vi"><title>Trang đối tác</title><h1>Trang đối tác</h1></html>');
    });
    await new Promise<void>((resolve) => partner.listen(0, 'localhost', resolve));
    const { port } = partner.address() as { port: number };
    partnerUrl = `http://localhost:${port}/trang-doi-tac`;
    const dir = mkdtempSync(join(process.env.PORTAL_SCRATCH_DIR!, 'weblink-'));
    const file = join(dir, 'weblink.jsonl');
    writeFileSync(
      file,
      JSON.stringify({
        kind: 'weblink',
        slug: 'trang-doi-tac-kiem-thu',
        group: 'Đối tác',
        title: 'Trang đối tác kiểm thử',
        url: partnerUrl,
        position: 99,
      }) + '\n',
    );
    execFileSync(process.env.PORTAL_SERVER_BIN!, ['import', file, '--database', process.env.PORTAL_DATABASE!]);
  });

  test.afterAll(() => new Promise<void>((resolve) => partner.close(() => resolve())));

  test('opens in a new tab at the stored address and counts the visit', async ({ page }) => {
    // Another process wrote the link: the server's kept frame shows it within a second.
    await expect
      .poll(async () => JSON.stringify(await (await page.request.get('/api/sidebar')).json()))
      .toContain('Trang đối tác kiểm thử');
    await page.goto('/');
    const name = 'Trang đối tác kiểm thử (mở trong thẻ mới)';
    const item = page
      .getByRole('region', { name: 'Liên kết Website' })
      .locator('.weblink')
      .filter({ has: page.getByRole('link', { name }) });
    const link = item.getByRole('link', { name });
    await expect(item).toContainText('Lượt truy cập: 0');
    const [popup] = await Promise.all([page.waitForEvent('popup'), link.click()]);
    await popup.waitForLoadState();
    expect(popup.url()).toBe(partnerUrl);
    await expect(popup.getByRole('heading', { name: 'Trang đối tác' })).toBeVisible();
    await popup.close();
    await page.reload();
    await expect(item).toContainText('Lượt truy cập: 1');
  });
});

test('on a 375 px screen the sidebar follows the article', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto('/');
  await expect(sidebar(page).locator('.block').first()).toBeVisible();
  const main = await page.locator('main').boundingBox();
  const aside = await sidebar(page).boundingBox();
  expect(aside!.y).toBeGreaterThanOrEqual(main!.y + main!.height);
  expect(aside!.width).toBeLessThanOrEqual(375);
  await expectNoAxeViolations(page);
});
