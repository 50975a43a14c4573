/* Offline use: register the service worker (sw.js at the site's root, written by
   overrides/hooks/offline.py at each build) once the page has loaded, so it never
   delays the first paint. Its scope is the site's root, wherever the site is served:
   the theme's settings (#__config) give the root relative to this page.
   The worker says whether its copy for offline reading could be saved ("ready", or
   "unavailable" when the device had no room): only "unavailable" is kept, in localStorage under
   app-offline, so the offline page (docs/offline.md) can show its note #app-offline-unavailable. */
(function () {
  "use strict";
  var WORKER = "sw.js";  /* from the site's root; a language's site, a folder down, says so (translations.py) */
  var KEY = "app-offline";
  var note = document.getElementById("app-offline-unavailable");
  function state() {
    try { return localStorage.getItem(KEY); } catch (error) { return null; }
  }
  function showNote() {
    if (note) note.hidden = "serviceWorker" in navigator && state() !== "unavailable";
  }
  showNote();
  var config = document.getElementById("__config");
  if (!("serviceWorker" in navigator) || !config) return;
  navigator.serviceWorker.addEventListener("message", function (event) {
    var data = event.data || {};
    if (data.app !== "offline" || (data.offline !== "ready" && data.offline !== "unavailable")) return;
    /* Only the failure is kept: a device where all is well stores nothing (the privacy page's
       promise that nothing is kept until a parent presses Save). */
    try {
      if (data.offline === "unavailable") localStorage.setItem(KEY, "unavailable");
      else localStorage.removeItem(KEY);
    } catch (error) { /* storage blocked: nothing to keep */ }
    showNote();
  });
  navigator.serviceWorker.startMessages();  // from the worker as it installs, before this page has one
  var base = (JSON.parse(config.textContent).base || ".").replace(/\/?$/, "/");
  var worker = new URL(WORKER, new URL(base, document.baseURI)).href;
  function register() {
    navigator.serviceWorker.register(worker).catch(function () {});
  }
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
})();
