/* Ticked play ideas, printed together (markers.py play-filter, print_packs.py print set).
   On Play ideas: the button says how many ideas are ticked and how many sheets they print on,
   then opens the print set with them in its address (print/?ideas=tummy-time,rolling#print).
   On the print set: the ideas in the address are ticked, the page says what will print, the
   address follows the ticks (to bookmark or send), and "#print" opens the print dialogue once.
   Without JavaScript both still work: the form sends the ticks, and the print set shows and
   prints whatever is ticked on it (CSS :has(:checked), extra.css). */
(function () {
  "use strict";

  function sheets(count) {
    return count + (count === 1 ? " idea: 1 sheet of A4" : " ideas: " + count + " sheets of A4");
  }

  var pick = document.querySelector("form.app-pick");
  if (pick) {
    var label = pick.querySelector("[data-app-pick-label]");
    var count = pick.querySelector(".app-pick__count");
    var ticked = function () {
      return Array.prototype.map.call(pick.querySelectorAll("input[name=ideas]:checked"), function (box) {
        return box.value;
      });
    };
    var update = function () {
      var n = ticked().length;
      label.textContent = n ? "Print the " + (n === 1 ? "idea" : n + " ideas") + " you ticked" : "Print the ideas you ticked";
      count.textContent = n ? sheets(n) + ", one for each idea." : "Tick the ideas to print. Each prints on one sheet of A4.";
    };
    pick.addEventListener("change", update);
    pick.addEventListener("submit", function (event) {
      event.preventDefault();
      var ideas = ticked();
      if (!ideas.length) {
        count.textContent = "Tick at least one play idea to print.";
        return;
      }
      location.href = pick.getAttribute("action") + "?ideas=" + ideas.join(",") + "#print";
    });
    update();
  }

  var set = document.querySelector(".app-sheets");
  if (set) {
    var boxes = Array.prototype.slice.call(set.querySelectorAll(".app-sheet__tick"));
    var said = document.querySelector(".app-sheets__count");
    var buttons = document.querySelector(".app-sheets__buttons");
    var button = buttons.querySelector("[data-app-sheets-print]");
    var wanted = [];
    new URLSearchParams(location.search).getAll("ideas").forEach(function (value) {
      wanted = wanted.concat(value.split(","));
    });
    boxes.forEach(function (box) {
      if (wanted.indexOf(box.value) !== -1) { box.checked = true; }
    });
    var show = function (keepAddress) {
      var chosen = boxes.filter(function (box) { return box.checked; });
      boxes.forEach(function (box) {
        /* For a browser without :has(): the sheet of an idea not ticked is hidden by its attribute too. */
        box.closest(".app-sheet").querySelector(".app-sheet__page").hidden = !box.checked;
      });
      var titles = chosen.map(function (box) { return box.parentNode.querySelector("strong").textContent; });
      said.textContent = chosen.length ? sheets(chosen.length) + ": " + titles.join(", ") + "."
        : "No ideas ticked yet. Tick the ideas to print below.";
      buttons.hidden = !chosen.length;
      button.textContent = chosen.length === 1 ? "Print this sheet" : "Print these " + chosen.length + " sheets";
      if (!keepAddress) {
        var query = chosen.length ? "?ideas=" + chosen.map(function (box) { return box.value; }).join(",") : "";
        history.replaceState(null, "", location.pathname + query);
      }
    };
    set.addEventListener("change", function () { show(false); });
    button.addEventListener("click", function () { window.print(); });
    show(true);
    if (location.hash === "#print") {
      history.replaceState(null, "", location.pathname + location.search);  /* once: not again on reload */
      if (boxes.some(function (box) { return box.checked; })) {
        window.addEventListener("load", function () { setTimeout(function () { window.print(); }, 0); });
      }
    }
  }
})();
