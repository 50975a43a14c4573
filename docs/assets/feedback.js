/* "Tell us about this page" (markers.py feedback, docs/about/feedback.md).
   The foot of each page links here with the page's path from the site's root in the address:
   about/feedback/?page=ages/1-2-years/.
   This script shows that page's address and puts it into the email's subject and first line, so
   the Patient Experience team knows which page a parent means. Only an address of this site is
   taken; anything else is ignored. Without JavaScript the email still opens and asks for the page. */
(function () {
  "use strict";

  var holder = document.querySelector("[data-app-feedback]");
  if (!holder) {
    return;
  }
  // The page's path from the site's root, as the foot writes it: ages/1-2-years/ (a leading / is
  // allowed). Letters, digits, - _ . / only: never another site (//host) or a scheme (x:).
  var given = new URLSearchParams(window.location.search).get("page");
  if (!given || given.length > 300 || !/^[\w\-.\/]+$/.test(given) || given.indexOf("//") !== -1) {
    return;
  }
  var root = new URL(holder.getAttribute("data-app-feedback-root"), window.location.href);
  var page;
  try {
    page = new URL(given.replace(/^\/+/, ""), root);
  } catch (error) {
    return;
  }
  if (page.origin !== root.origin || page.pathname.indexOf(root.pathname) !== 0) {
    return;  // not a page of this site
  }
  page.search = "";
  page.hash = "";
  var address = page.href;

  var shown = holder.querySelector(".app-feedback__page");
  shown.querySelector(".app-feedback__address").textContent = address;
  shown.hidden = false;

  var email = holder.querySelector("a.app-feedback__email");
  var subject = holder.getAttribute("data-app-feedback-subject") + ": " + address;
  var body = "Page: " + address + "\n\n" + holder.getAttribute("data-app-feedback-body");
  email.href = email.href.split("?")[0] + "?subject=" + encodeURIComponent(subject) + "&body=" + encodeURIComponent(body);
}());
