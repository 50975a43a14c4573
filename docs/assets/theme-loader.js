/* Loads the theme's script and full style sheet on the reader's first touch, scroll, key,
   pointer or focus. overrides/hooks/lean_pages.py puts this file inside every page, with the
   two addresses it loads in the JSON block #app-theme just before it. */
(function () {
  "use strict";
  var root = document.documentElement;
  var settings = JSON.parse(document.getElementById("app-theme").textContent);
  var events = ["pointerdown", "pointerover", "touchstart", "keydown", "focusin", "scroll", "wheel"];
  var searchKey = false;
  root.classList.add("app-js");
  function load(event) {
    events.forEach(function (name) { window.removeEventListener(name, load, true); });
    var target = event && event.target;
    searchKey = event && event.type === "keydown" && !event.ctrlKey && !event.metaKey && !event.altKey &&
      /^[/sf]$/.test(event.key) && !(target && target.closest && target.closest("input, textarea, select, [contenteditable]"));
    if (searchKey) event.preventDefault();
    var cut = document.getElementById("app-theme-css");
    var sheet = document.createElement("link");
    sheet.rel = "stylesheet";
    sheet.href = new URL(settings.css, document.baseURI).href;
    cut.parentNode.insertBefore(sheet, cut);
    var script = document.createElement("script");
    script.src = new URL(settings.js, document.baseURI).href;
    script.onload = function () {
      /* The theme wraps each table itself: give it back the table as it expects to find it. */
      document.querySelectorAll(".md-typeset__scrollwrap > .md-typeset__table > table:not([class])").forEach(function (table) {
        table.parentNode.parentNode.replaceWith(table);
      });
      /* The theme starts on DOMContentLoaded, which has passed: announce it once more. */
      document.dispatchEvent(new Event("DOMContentLoaded"));
      if (sheet.sheet) cut.remove();
      else sheet.addEventListener("load", function () { cut.remove(); });
      var toggle = document.getElementById("__search");
      if (toggle && (searchKey || toggle.checked)) {
        if (!toggle.checked) { toggle.checked = true; toggle.dispatchEvent(new Event("change")); }
        var query = document.querySelector("[data-md-component=search-query]");
        if (query) query.focus();
      }
    };
    document.body.appendChild(script);
  }
  /* Only a key press may be held back (a search shortcut); the rest never delay scrolling. */
  events.forEach(function (name) { window.addEventListener(name, load, { capture: true, passive: name !== "keydown" }); });
})();
