// The browser half of `cargo xtask bench`: time to article text, cold, with 4× CPU
// throttling, for the page as the server writes it (then hydrated by the app), for the
// app alone (the bare shell, as before the server wrote pages), and for a static HTML
// page of the same article (the limit a page can reach); when the rating can be clicked
// (a form: before the app has hydrated the page); the layout shift; a run with JavaScript off; and
// client-side navigation between articles. Prints JSON.
//
// Environment: PORTAL_URL, BENCH_SITE_DIR (where the static page is written),
// BENCH_STATIC_PATH (its address),
// BENCH_RUNS (default 10).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

const base = process.env.PORTAL_URL;
const runs = Number(process.env.BENCH_RUNS ?? 10);
const STATIC_NAME = process.env.BENCH_STATIC_PATH.replace(/^\//, '');

// Marks when the title and the first paragraph of the article are in the document and
// the frame that paints them is about to be drawn, and when a star of the rating can be
// clicked (times from navigation start, ms); sums the layout shifts.
const markTextPainted = () => {
  const shown = (e) => e && !e.closest('[hidden]');
  const ready = () => shown(document.querySelector('article h1')) && shown(document.querySelector('article p'));
  // The stars are a form: they rate before the app has hydrated the page too.
  const clickable = () => [...document.querySelectorAll('.rating__input')]
    .some((star) => shown(star) && !star.disabled && !star.closest('fieldset[disabled]'));
  const mark = (name) => requestAnimationFrame(() => {
    window[name] ??= performance.now();
  });
  const check = () => {
    if (ready()) mark('__textPaintedAt');
    if (clickable()) mark('__ratingReadyAt');
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
  document.addEventListener('DOMContentLoaded', check);
  window.__layoutShift = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__layoutShift += entry.value;
  }).observe({ type: 'layout-shift', buffered: true });
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

/** One cold load of `url`; with `shell`, the document is answered with the bare SPA shell. */
async function load(url, { shell, rating } = {}) {
  const { context, page } = await freshPage();
  if (shell) {
    await page.route(url, (route) => route.fulfill({ body: shell, contentType: 'text/html; charset=utf-8' }));
  }
  await page.goto(url);
  await page.waitForFunction(() => window.__textPaintedAt !== undefined, null, { timeout: 30_000 });
  const measured = { text: await page.evaluate(() => window.__textPaintedAt) };
  if (rating) {
    await page.waitForFunction(() => window.__ratingReadyAt !== undefined, null, { timeout: 30_000 });
    // Let the blocks that load after the takeover (sidebar, session) settle.
    await page.waitForTimeout(1000);
    measured.ratingReady = await page.evaluate(() => window.__ratingReadyAt);
    measured.shift = await page.evaluate(() => window.__layoutShift);
  }
  await context.close();
  return measured;
}

/**
 * `runs` cold loads of each kind (`kinds`: name → [url, options]), taken in turn (one of
 * each, then again), so that a busy or a quiet moment of the machine falls on every kind
 * alike and their ratio is not the machine's drift; each kind's samples by measure.
 */
async function loadsInTurn(kinds) {
  const samples = Object.fromEntries(
    Object.keys(kinds).map((name) => [name, { text: [], ratingReady: [], shift: [] }]),
  );
  for (let i = 0; i < runs; i++) {
    for (const [name, [url, options]] of Object.entries(kinds)) {
      const measured = await load(url, options);
      for (const [measure, value] of Object.entries(measured)) samples[name][measure].push(value);
    }
  }
  return samples;
}

/** The article with JavaScript off: its title and body must be in the written page. */
async function readsWithoutScript(path) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${base}${path}`);
  const title = await page.locator('article h1').count() ? await page.locator('article h1').innerText() : '';
  const body = await page.locator('.article__body').count() ? await page.locator('.article__body').innerText() : '';
  await context.close();
  return { title_chars: title.length, body_chars: body.length };
}

async function navigationTimes(path) {
  const { context, page } = await freshPage();
  await page.goto(`${base}${path}`);
  // Links navigate within the app once it has hydrated the page.
  await page.locator('html[data-app]').waitFor({ state: 'attached' });
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
const shell = readFileSync(join(process.env.BENCH_SITE_DIR, 'index.html'), 'utf8');
const { firstView, spa, staticPage } = await loadsInTurn({
  firstView: [`${base}${path}`, { rating: true }],
  spa: [`${base}${path}`, { shell, rating: true }],
  staticPage: [`${base}/${STATIC_NAME}`, {}],
});
const navigation = await navigationTimes(path);
const noScript = await readsWithoutScript(path);
await browser.close();

console.log(JSON.stringify({
  runs,
  first_view_ms: median(firstView.text),
  spa_ms: median(spa.text),
  static_ms: median(staticPage.text),
  rating_ready_ms: median(firstView.ratingReady),
  spa_rating_ready_ms: median(spa.ratingReady),
  layout_shift: median(firstView.shift),
  layout_shift_max: Math.max(...firstView.shift),
  navigation_ms: median(navigation),
  no_script: noScript,
  samples: {
    first_view: firstView.text,
    spa: spa.text,
    static: staticPage.text,
    rating_ready: firstView.ratingReady,
    layout_shift: firstView.shift,
    navigation,
  },
}));
