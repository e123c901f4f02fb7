// Starts the wasm app. The bundler writes the hashed file names into this tag's data
// attributes, so index.html needs no inline script and the CSP can forbid them all.
const tag = document.querySelector('script[data-app-js]');
const { default: init } = await import(tag.dataset.appJs);
await init({ module_or_path: tag.dataset.appWasm });
