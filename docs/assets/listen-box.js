/* "Listen to this page" (overrides/partials/app-listen.html): the box under the heading is
   hidden until this finds speech in the browser. It runs where it stands, right after the box
   and before the rest of the page is laid out, so nothing below moves when the box appears:
   lean_pages.py puts it inside every page at that place (data-app-inline). The first press of
   Listen loads listen.js, which does the reading; this only shows the box and waits. */
(function () {
  "use strict";
  var box = document.querySelector(".app-listen");
  if (!box || !window.speechSynthesis || !window.SpeechSynthesisUtterance) return;
  box.hidden = false;
  box.querySelector("[data-app-listen]").addEventListener("click", function () {
    if (window.appListen) return;
    window.appListen = "loading";
    var script = document.createElement("script");
    script.src = box.getAttribute("data-app-listen-src");
    document.head.appendChild(script);
  }, { once: true });
})();
