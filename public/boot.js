// Starts the wasm app. The bundler writes the hashed file names into this tag's data
// attributes, so index.html needs no inline script and the CSP can forbid them all.
//
// When the server wrote the page (the first view, `#first-view`), the app renders into
// the hidden `#app`; once its page is there (every answer it needed came with the page),
// the two are swapped in one step, so the reader sees no jump, and a selection in the
// text is carried over to the same element of the app's page. The ids are
// `portal_contract::first_view`'s.
fontSizeChoice();
shareSheet();

const tag = document.querySelector('script[data-app-js]');
const { default: init } = await import(tag.dataset.appJs);
await init({ module_or_path: tag.dataset.appWasm });

const firstView = document.getElementById('first-view');
const app = document.getElementById('app');
if (firstView && app) {
  whenPageRendered(app, () =>
    requestAnimationFrame(() => {
      const kept = selectionIn(firstView.querySelector('main'));
      firstView.remove();
      app.hidden = false;
      if (kept) restoreSelection(app.querySelector('main'), kept);
    }),
  );
}

// Calls `then` once the app's main column holds its page: a heading, nothing loading.
function whenPageRendered(root, then) {
  const rendered = () => root.querySelector('main h1') && !root.querySelector('main .loading');
  if (rendered()) return then();
  const observer = new MutationObserver(() => {
    if (!rendered()) return;
    observer.disconnect();
    then();
  });
  observer.observe(root, { childList: true, subtree: true });
}

// A point of the text as the nearest element with a class (the n-th of that class in
// `root`) and a character offset in it, which the app's page of the same text shares.
function pointIn(root, node, offset) {
  const element = (node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement)?.closest('[class]');
  if (!element || !root.contains(element)) return null;
  const selector = classSelector(element);
  const index = [...root.querySelectorAll(selector)].indexOf(element);
  const before = document.createRange();
  before.setStart(element, 0);
  before.setEnd(node, offset);
  return { selector, index, offset: before.toString().length };
}

function classSelector(element) {
  return [...element.classList].map((name) => `.${CSS.escape(name)}`).join('');
}

function selectionIn(root) {
  const selection = document.getSelection();
  if (!root || !selection || selection.isCollapsed) return null;
  const anchor = pointIn(root, selection.anchorNode, selection.anchorOffset);
  const focus = pointIn(root, selection.focusNode, selection.focusOffset);
  return anchor && focus && { anchor, focus };
}

// The text node and offset in it of `point` in `root`.
function positionOf(root, { selector, index, offset }) {
  const element = root.querySelectorAll(selector)[index];
  if (!element) return null;
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  let last = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (offset <= node.data.length) return [node, offset];
    offset -= node.data.length;
    last = node;
  }
  return last && [last, last.data.length];
}

function restoreSelection(root, { anchor, focus }) {
  if (!root) return;
  const from = positionOf(root, anchor);
  const to = positionOf(root, focus);
  if (from && to) document.getSelection().setBaseAndExtent(...from, ...to);
}

// "Cỡ chữ" (`portal_contract::font_size`): a size button sets the size on <html>, keeps
// it in a cookie for a year (the server writes later pages at that size), marks itself
// pressed and announces the size. Listening on the document serves the written page's
// buttons before the app runs and the app's after. A page the server did not write
// takes the size from the cookie here, before the app renders.
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
