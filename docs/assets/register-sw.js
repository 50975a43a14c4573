/* Offline use: register the service worker (sw.js at the site's root, written by
   overrides/hooks/offline.py at each build) once the page has loaded, so it never
   delays the first paint. Its scope is the site's root, wherever the site is served. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!("serviceWorker" in navigator) || !script) return;
  var worker = new URL("../sw.js", script.src).href;
  function register() {
    navigator.serviceWorker.register(worker).catch(function () {});
  }
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
})();
