/* What the theme leaves out for people who use a keyboard (WCAG 2.1.1 and 1.4.13): the menu
   opens from a real button, which Tab reaches and Enter and Space press, and Escape closes the
   menu and any glossary definition that is open. The theme's menu "button" is a <label> for a
   hidden checkbox, which no key can reach; without JavaScript it stays, and works by tap.
   extra.css keeps the closed menu out of the Tab order. lean_pages.py puts this file inside
   every page; it needs nothing else to run. */
(function () {
  "use strict";
  var drawer = document.getElementById("__drawer");
  var label = document.querySelector("label.md-header__button[for='__drawer']");
  var button = null;

  function setMenu(open) {
    if (drawer.checked === open) return;
    drawer.checked = open;
    drawer.dispatchEvent(new Event("change"));  /* the theme listens for it, as for a tap */
  }

  if (drawer && label) {
    button = document.createElement("button");
    button.type = "button";
    button.className = label.className + " app-menu-button";
    button.setAttribute("aria-label", "Menu");
    button.setAttribute("aria-expanded", String(drawer.checked));
    Array.prototype.forEach.call(label.childNodes, function (node) { button.appendChild(node.cloneNode(true)); });
    label.replaceWith(button);
    drawer.addEventListener("change", function () {
      button.setAttribute("aria-expanded", String(drawer.checked));
    });
    button.addEventListener("click", function () {
      setMenu(!drawer.checked);
      /* Into the menu that has just opened, at its first link. */
      var first = drawer.checked && document.querySelector(".md-sidebar--primary a[href]");
      if (first) first.focus();
    });
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" && event.key !== "Esc") return;
    if (button && drawer.checked) {
      setMenu(false);
      button.focus();
    }
    /* A definition closes, and stays closed until the pointer or focus moves to a term again. */
    document.querySelectorAll(".md-tooltip2--active").forEach(function (tip) {
      tip.classList.remove("md-tooltip2--active");
    });
  });
})();
