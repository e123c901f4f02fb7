// The browser half of `cargo xtask bench`: time to article text, cold, with 4× CPU
// throttling, for the SPA and for a static HTML page of the same article (the limit a
// page can reach), and client-side navigation between articles. Prints JSON.
//
// Environment: PORTAL_URL, BENCH_SITE_DIR (where the static page is written),
// BENCH_RUNS (default 10).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

const base = process.env.PORTAL_URL;
const runs = Number(process.env.BENCH_RUNS ?? 10);
const STATIC_NAME = 'bai-viet-tinh.html';

// Marks when the title and the first paragraph of the article are in the document and
// the frame that paints them is about to be drawn (time from navigation start, ms).
const markTextPainted = () => {
  const ready = () => document.querySelector('h1') && document.querySelector('article p');
  const mark = () => requestAnimationFrame(() => {
    window.__textPaintedAt ??= performance.now();
  });
  new MutationObserver(() => ready() && mark()).observe(document, { childList: true, subtree: true });
  document.addEventListener('DOMContentLoaded', () => ready() && mark());
};

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

async function freshPage() {
  const context = await browser.newContext({ viewport: { width: 412, height: 915 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.addInitScript(markTextPainted);
  return { context, page };
}

async function articlePath() {
  const response = await fetch(`${base}/api/articles?per_page=50`);
  const list = await response.json();
  const seed = list.items.find((a) => a.slug === 'chi-thi-04-ct-bct-day-manh-hoat-dong-khuyen-cong');
  return `/bai-viet/${seed.id}`;
}

/** The rendered article as a static page: same markup and CSS, no scripts. */
async function writeStaticPage(path) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}${path}`);
  await page.locator('article h1').waitFor();
  const html = await page.evaluate(() => {
    document.querySelectorAll('script, link[rel="modulepreload"], link[rel="preload"]').forEach((e) => e.remove());
    return '<!DOCTYPE html>\n' + document.documentElement.outerHTML;
  });
  writeFileSync(join(process.env.BENCH_SITE_DIR, STATIC_NAME), html);
  await context.close();
}

async function timeToText(url) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const { context, page } = await freshPage();
    await page.goto(url);
    await page.waitForFunction(() => window.__textPaintedAt !== undefined, null, { timeout: 30_000 });
    times.push(await page.evaluate(() => window.__textPaintedAt));
    await context.close();
  }
  return times;
}

async function navigationTimes(path) {
  const { context, page } = await freshPage();
  await page.goto(`${base}${path}`);
  await page.locator('.neighbours a').first().waitFor();
  const times = [];
  for (let i = 0; i < runs; i++) {
    // Alternate between the first newer and the first older article.
    const link = page.locator('.neighbours a').first();
    const target = (await link.textContent()).trim();
    const started = await page.evaluate((title) => {
      window.__navigatedAt = undefined;
      new MutationObserver((_, observer) => {
        const h1 = document.querySelector('article h1');
        if (h1 && h1.textContent.trim() === title) {
          observer.disconnect();
          requestAnimationFrame(() => (window.__navigatedAt = performance.now()));
        }
      }).observe(document, { childList: true, subtree: true, characterData: true });
      return performance.now();
    }, target);
    await link.click();
    await page.waitForFunction(() => window.__navigatedAt !== undefined);
    times.push((await page.evaluate(() => window.__navigatedAt)) - started);
  }
  await context.close();
  return times;
}

const path = await articlePath();
await writeStaticPage(path);
const spa = await timeToText(`${base}${path}`);
const staticPage = await timeToText(`${base}/${STATIC_NAME}`);
const navigation = await navigationTimes(path);
await browser.close();

console.log(JSON.stringify({
  runs,
  spa_ms: median(spa),
  static_ms: median(staticPage),
  navigation_ms: median(navigation),
  samples: { spa, static: staticPage, navigation },
}));
