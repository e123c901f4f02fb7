// Starts the wasm app. The bundler writes the hashed file names into this tag's data
// attributes, so index.html needs no inline script and the CSP can forbid them all.
//
// When the server wrote the page (the first view, `#first-view`), the app renders into
// the hidden `#app`; in the frame after (every answer it needed came with the page), the
// two are swapped in one step, so the reader sees no jump, and a selection in the text
// is carried over by its character offsets. The ids are `portal_contract::first_view`'s.
const tag = document.querySelector('script[data-app-js]');
const { default: init } = await import(tag.dataset.appJs);
await init({ module_or_path: tag.dataset.appWasm });

const firstView = document.getElementById('first-view');
const app = document.getElementById('app');
if (firstView && app) {
  requestAnimationFrame(() => {
    const kept = selectionIn(firstView.querySelector('main'));
    firstView.remove();
    app.hidden = false;
    if (kept) restoreSelection(app.querySelector('main'), kept);
  });
}

// The text nodes of `root`, each with the offset of its first character in the whole.
function textNodes(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes = [];
  let offset = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    nodes.push({ node, offset });
    offset += node.data.length;
  }
  return nodes;
}

function offsetOf(nodes, node, within) {
  const found = nodes.find((entry) => entry.node === node);
  return found ? found.offset + within : null;
}

function selectionIn(root) {
  const selection = document.getSelection();
  if (!root || !selection || selection.isCollapsed) return null;
  const nodes = textNodes(root);
  const anchor = offsetOf(nodes, selection.anchorNode, selection.anchorOffset);
  const focus = offsetOf(nodes, selection.focusNode, selection.focusOffset);
  return anchor === null || focus === null ? null : { anchor, focus };
}

function positionAt(nodes, offset) {
  const entry = nodes.findLast((candidate) => candidate.offset <= offset);
  return entry && [entry.node, Math.min(offset - entry.offset, entry.node.data.length)];
}

function restoreSelection(root, { anchor, focus }) {
  if (!root) return;
  const nodes = textNodes(root);
  const from = positionAt(nodes, anchor);
  const to = positionAt(nodes, focus);
  if (from && to) document.getSelection().setBaseAndExtent(...from, ...to);
}
