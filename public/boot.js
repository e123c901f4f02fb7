// Starts the wasm app. The bundler writes the hashed file names into this tag's data
// attributes, so index.html needs no inline script and the CSP can forbid them all. The
// app hydrates the page the server wrote (or, in the dev loop, renders it).
fontSizeChoice();
shareSheet();

const tag = document.querySelector('script[data-app-js]');
const { default: init } = await import(tag.dataset.appJs);
await init({ module_or_path: tag.dataset.appWasm });

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
