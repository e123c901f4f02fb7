// Starts the wasm app. The bundler writes the hashed file names into this tag's data
// attributes, so index.html needs no inline script and the CSP can forbid them all. The
// app hydrates the page the server wrote (or, in the dev loop, renders it).
fontSizeChoice();
shareSheet();
starsBeforeTheApp();
withoutTheAppIfItStops();

// The app is fetched once the page has painted, so it never competes with the text and
// the style sheet for a phone's network or its main thread; until it runs, the page's
// forms (the stars, the ballots) post by themselves.
await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted, 0)));
preloadChunks();
const tag = document.querySelector('script[data-app-js]');
const { default: init } = await import(tag.dataset.appJs);
await init({ module_or_path: tag.dataset.appWasm });

// If the app stops (a trap: a page's wasm chunk that a dropped connection kept from
// arriving stops it), the page goes on without it: links and the back button load pages
// as plain links do, a link clicked just before is followed, and the helpers here stand
// in again. The app's router listens for clicks on the window; this listener, capturing
// there, comes first.
function withoutTheAppIfItStops() {
  let clicked;
  let stopped = false;
  window.addEventListener('click', (event) => {
    const link = event.target.closest?.('a[href]');
    if (!link || link.target || link.hasAttribute('download') || link.origin !== location.origin) return;
    if (stopped) event.stopImmediatePropagation();
    else clicked = { href: link.href, at: Date.now() };
  }, true);
  const stop = (error) => {
    if (stopped || !(error instanceof WebAssembly.RuntimeError)) return;
    stopped = true;
    document.documentElement.removeAttribute('data-app');
    window.addEventListener('popstate', () => location.reload());
    const justClicked = clicked && Date.now() - clicked.at < 10_000;
    if (justClicked && clicked.href !== location.href) location.assign(clicked.href);
  };
  window.addEventListener('error', (event) => stop(event.error));
  window.addEventListener('unhandledrejection', (event) => stop(event.reason));
}

// The wasm chunks of the page's own code (named by the server, see `src/pages/lazy.rs`)
// load beside the main module: the app fetches them before it takes the page over, and
// would otherwise ask only once the main module runs. A `fetch` preload is what the
// app's own fetch of each then finds.
function preloadChunks() {
  const chunks = document.querySelector('[data-app-chunks]')?.dataset.appChunks;
  for (const href of chunks?.split(' ') ?? []) {
    const link = Object.assign(document.createElement('link'), { rel: 'preload', href });
    link.as = 'fetch';
    link.crossOrigin = 'anonymous';
    document.head.append(link);
  }
}

// The app marks <html> once it runs (`portal::portal`); until then these helpers stand in.
function appRuns() {
  return document.documentElement.hasAttribute('data-app');
}

// Before the app runs, a click on a star rates at once, as the app's stars do: the rating
// form is posted with it. As in the app, the click a browser sends when an arrow key
// moves the selection only moves it.
function starsBeforeTheApp() {
  let moving = false;
  document.addEventListener('keydown', (event) => {
    if (event.target.matches?.('.rating__input')) moving = event.key.startsWith('Arrow');
  });
  document.addEventListener('click', (event) => {
    const star = event.target.closest?.('.rating__input');
    if (!star || appRuns()) return;
    if (moving) {
      moving = false;
      return;
    }
    star.checked = true;
    star.form.requestSubmit();
  });
}

// "Cỡ chữ" (`portal_contract::font_size`): a size button sets the size on <html>, keeps
// it in a cookie for a year (the server writes later pages at that size), marks itself
// pressed and announces the size. Listening on the document serves the buttons before
// the app runs and after. A page the server did not write (the dev loop's) takes the
// size from the cookie here, before the app renders.
function fontSizeChoice() {
  const root = document.documentElement;
  const kept = document.cookie.match(/(?:^|;\s*)font-size=(\w+)/);
  if (!root.dataset.fontSize && kept) root.dataset.fontSize = kept[1];
  document.addEventListener('click', (event) => {
    const chosen = event.target.closest('[data-font-choice]');
    if (!chosen) return;
    const size = chosen.dataset.fontChoice;
    root.dataset.fontSize = size;
    const secure = location.protocol === 'https:' ? '; secure' : '';
    document.cookie = `font-size=${size}; path=/; max-age=31536000; samesite=lax${secure}`;
    for (const button of document.querySelectorAll('[data-font-choice]')) {
      button.setAttribute('aria-pressed', String(button.dataset.fontChoice === size));
    }
    const status = chosen.closest('.font-size')?.querySelector('[role="status"]');
    if (status) status.textContent = chosen.dataset.announce;
  });
}

// "Chia sẻ qua Zalo và ứng dụng khác": the phone's own share sheet (the Web Share API),
// where Zalo is listed when it is installed. The button shows only in a browser that has
// a share sheet (CSS keys on `data-web-share`); a dismissed sheet is no error.
function shareSheet() {
  if (typeof navigator.share !== 'function') return;
  document.documentElement.dataset.webShare = '';
  document.addEventListener('click', (event) => {
    const button = event.target.closest('[data-share-url]');
    if (!button) return;
    const { shareTitle: title, shareUrl: url } = button.dataset;
    navigator.share({ title, url }).catch(() => {});
  });
}
