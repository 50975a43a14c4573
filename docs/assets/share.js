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
  /* Copy buttons (the health visitor's kit, a page's short link): shown only where the browser
     can copy; each copies its own text and says "Copied" in the nearest status line. */
  if (navigator.clipboard && window.isSecureContext) {
    document.querySelectorAll("[data-app-copy]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var box = button.closest(".app-share") || button.closest("article") || document;
        var said = box.querySelector(".app-copy__status, .app-share__status");
        navigator.clipboard.writeText(button.getAttribute("data-app-copy")).then(function () {
          if (said) { said.textContent = "Copied: " + button.getAttribute("data-app-copy"); }
          button.textContent = "Copied";
          setTimeout(function () { button.textContent = "Copy"; }, 3000);
        }, function () {
          if (said) { said.textContent = "Could not copy. Select the text and copy it."; }
        });
      });
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
