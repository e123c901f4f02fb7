// Shared helpers of the browser tests.
import { ChildProcess, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:net';
import { crc32, deflateSync } from 'node:zlib';
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

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Starts a server of its own (for tests that stop it or need other settings). */
export async function startServer(port: number, database: string, args: string[] = []): Promise<ChildProcess> {
  const server = spawn(
    process.env.PORTAL_SERVER_BIN!,
    [
      '--port', String(port), '--database', database, '--uploads-dir', `${database}-uploads`,
      '--search-index-dir', `${database}-search-index`,
      '--static-dir', process.env.PORTAL_STATIC_DIR!, ...args,
    ],
    { stdio: 'ignore' },
  );
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/categories`);
      if (response.ok) return server;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  server.kill();
  throw new Error('the server did not start');
}

export async function stop(server: ChildProcess) {
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  await exited;
}

/** A 1×1 PNG of the colour `rgb`. */
export function png(rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from([0, ...rgb]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The code an authenticator app shows for the base32 `secret` `steps` steps of 30 s from
 * now (RFC 6238: HMAC-SHA1, six digits), written apart from the server's. */
export function appCode(secret: string, steps = 0): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bits = [...secret.replace(/[\s=]/g, '').toUpperCase()]
    .map((c) => alphabet.indexOf(c).toString(2).padStart(5, '0'))
    .join('');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000) + steps));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 15;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/** Waits until the app has hydrated the page the server wrote. */
export async function hydrated(page: Page) {
  await expect(page.locator('html[data-app]')).toHaveCount(1);
}
