/* "Share this page" uses the phone's own share sheet (Web Share API) and falls back to
   copying the address. "Print this page" opens the print dialogue. Collapsed sections are
   opened for printing. Without JavaScript the buttons stay hidden and the address shows. */
(function () {
  "use strict";
  var bar = document.querySelector(".app-share__buttons");
  if (bar) {
    var status = bar.querySelector(".app-share__status");
    var url = document.querySelector("link[rel=canonical]");
    var address = url ? url.href : location.href.split("#")[0];
    bar.hidden = false;
    bar.querySelector("[data-app-share]").addEventListener("click", function () {
      var title = document.title;
      if (navigator.share) {
        navigator.share({ title: title, url: address }).catch(function () {});
      } else if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(address).then(function () {
          status.textContent = "Link copied. You can paste it into a message.";
        }, function () {
          status.textContent = "Copy this address: " + address;
        });
      } else {
        status.textContent = "Copy this address: " + address;
      }
    });
    bar.querySelector("[data-app-print]").addEventListener("click", function () {
      window.print();
    });
  }
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("article details:not([open])").forEach(function (details) {
      details.setAttribute("open", "");
      details.setAttribute("data-app-opened-for-print", "");
    });
  });
  window.addEventListener("afterprint", function () {
    document.querySelectorAll("[data-app-opened-for-print]").forEach(function (details) {
      details.removeAttribute("open");
      details.removeAttribute("data-app-opened-for-print");
    });
  });
})();
