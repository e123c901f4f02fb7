/*
 * Khuyến công embed, protocol version 1. Shows the portal's articles and polls in your
 * page, sized to fit their content.
 *
 *   <div data-khuyencong-embed="bai-viet/123"></div>      (or "binh-chon/7")
 *   <script src="https://PORTAL/embed.js" async></script>
 *
 * Optional: data-khuyencong-title="…" sets the frame's title (read by screen readers).
 * The framed page posts {type: "khuyencong:height", version: 1, height: <CSS px>} to
 * this page's origin whenever its content changes size; this script accepts only such
 * messages, only from the portal's origin, and only from one of its own frames.
 * Your origin must be on the portal's embed allow-list, or browsers refuse the frame.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !window.URL) return;
  var portal = new URL(script.src).origin;
  var PATH = /^(bai-viet|binh-chon)\/\d+$/;
  var TITLES = {
    'bai-viet': 'Bài viết của Trung tâm Khuyến công',
    'binh-chon': 'Bình chọn sản phẩm của Trung tâm Khuyến công'
  };
  var MAX_HEIGHT = 20000;

  function mount(host) {
    var path = host.getAttribute('data-khuyencong-embed');
    if (!PATH.test(path) || host.querySelector('iframe')) return;
    var frame = document.createElement('iframe');
    frame.src = portal + '/nhung/' + path + '?nguon=' + encodeURIComponent(location.origin);
    frame.title = host.getAttribute('data-khuyencong-title') || TITLES[path.split('/')[0]];
    frame.style.width = '100%';
    frame.style.height = '320px';
    frame.style.border = '0';
    frame.style.display = 'block';
    host.appendChild(frame);
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== portal) return;
    var data = event.data;
    if (!data || data.type !== 'khuyencong:height' || data.version !== 1) return;
    if (typeof data.height !== 'number' || !(data.height >= 0)) return;
    var frames = document.querySelectorAll('[data-khuyencong-embed] > iframe');
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        frames[i].style.height = Math.min(Math.ceil(data.height), MAX_HEIGHT) + 'px';
      }
    }
  });

  var hosts = document.querySelectorAll('[data-khuyencong-embed]');
  for (var i = 0; i < hosts.length; i++) mount(hosts[i]);
})();
