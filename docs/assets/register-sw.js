/* Offline use: register the service worker (sw.js at the site's root, written by
   overrides/hooks/offline.py at each build) once the page has loaded, so it never
   delays the first paint. Its scope is the site's root, wherever the site is served:
   the theme's settings (#__config) give the root relative to this page. */
(function () {
  "use strict";
  var config = document.getElementById("__config");
  if (!("serviceWorker" in navigator) || !config) return;
  var base = (JSON.parse(config.textContent).base || ".").replace(/\/?$/, "/");
  var worker = new URL("sw.js", new URL(base, document.baseURI)).href;
  function register() {
    navigator.serviceWorker.register(worker).catch(function () {});
  }
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
})();
