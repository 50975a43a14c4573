/* "Listen to this page": the browser's own speech (speechSynthesis) reads the page's main text
   aloud, one sentence at a time, and marks the paragraph or list item being read. Nothing is
   sent anywhere by this script. Loaded by the small script in partials/app-listen.html on the
   first press of the button, which then starts reading.

   Pause is "stop, and remember the sentence": speechSynthesis.pause() does nothing or stops
   for good on some phones, so "Carry on" starts the paused sentence again instead. Reading one
   sentence at a time also avoids the cut-off some browsers make in long speeches. The buttons
   are ordinary buttons (keyboard and screen readers work as usual); focus never moves; the
   status line says only "Reading", "Paused", "Stopped" or "Finished" (or why it cannot read),
   so a screen reader is not talked over by this script. The box sits under the page's heading,
   so the status is seen beside the button that was pressed. */
(function () {
  "use strict";
  var box = document.querySelector(".app-listen");
  var speech = window.speechSynthesis;
  if (!box || !speech || !window.SpeechSynthesisUtterance) return;

  var playButton = box.querySelector("[data-app-listen]");
  var playLabel = playButton.querySelector("[data-app-listen-label]") || playButton;  /* beside its icon */
  var stopButton = box.querySelector("[data-app-listen-stop]");
  var status = box.querySelector(".app-listen__status");
  var LABEL = { idle: "Listen to this page", reading: "Pause", paused: "Carry on listening" };
  /* What is read: the page's text blocks, in order; never buttons, code, or what is hidden. */
  var BLOCKS = "h1, h2, h3, h4, h5, h6, p, li, dt, dd, th, td, figcaption, summary, .admonition-title";
  var SKIP = "button, pre, code, script, style, svg, .headerlink, .app-listen, .app-share, .app-print-header, " +
    ".app-qr, .app-language-bar, .app-visually-hidden, .md-source-file, [hidden], [aria-hidden=true]";
  var BREAK = /([.!?])\s+(?=\S)/g;
  var chunks = [];
  var index = 0;
  var state = "idle";
  var current = null;
  var speaking = null; /* the utterance whose end moves on to the next sentence */

  function visible(element) {
    return !!(element.offsetWidth || element.offsetHeight || element.getClientRects().length);
  }

  function textOf(element) {
    var copy = element.cloneNode(true);
    /* Nested blocks (a list inside a list item) are read on their own. */
    copy.querySelectorAll(SKIP + ", " + BLOCKS).forEach(function (node) { node.remove(); });
    copy.querySelectorAll("img[alt]").forEach(function (img) { img.replaceWith(" "); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function collect() {
    var article = document.querySelector("article") || document.body;
    var found = [];
    article.querySelectorAll(BLOCKS).forEach(function (element) {
      if (element.closest(SKIP) || !visible(element)) return;
      var text = textOf(element);
      if (!/[\p{L}\p{N}]/u.test(text)) return;
      var langHolder = element.closest("[lang]");
      var lang = langHolder ? langHolder.getAttribute("lang") : "en-GB";
      /* Headings are read whole ("Worried? Get help"); other text one sentence at a time. */
      var parts = /^H\d$/.test(element.tagName) ? [text] : text.replace(BREAK, "$1\n").split("\n");
      parts.forEach(function (sentence) {
        found.push({ element: element, text: sentence, lang: lang });
      });
    });
    /* The title first, then the page in order (a draft notice sits above the title). */
    return found.filter(function (c) { return c.element.tagName === "H1"; })
      .concat(found.filter(function (c) { return c.element.tagName !== "H1"; }));
  }

  function mark(element) {
    if (current === element) return;
    if (current) current.classList.remove("app-listen-reading");
    current = element;
    if (!element) return;
    element.classList.add("app-listen-reading");
    var place = element.getBoundingClientRect();
    if (place.top < 0 || place.bottom > window.innerHeight) element.scrollIntoView({ block: "center", behavior: "smooth" });
  }

  function show(next, words) {
    state = next;
    playLabel.textContent = LABEL[next];
    stopButton.hidden = next === "idle";
    if (words !== undefined) status.textContent = words;
  }

  function speakNext() {
    if (state !== "reading") return;
    if (index >= chunks.length) {
      mark(null);
      index = 0;
      show("idle", "Finished.");
      return;
    }
    var chunk = chunks[index];
    var utterance = new SpeechSynthesisUtterance(chunk.text);
    utterance.lang = chunk.lang;
    utterance.rate = 0.9;
    utterance.onend = function () {
      if (state !== "reading" || utterance !== speaking) return;
      index += 1;
      speakNext();
    };
    utterance.onerror = function (event) {
      if (utterance !== speaking || event.error === "interrupted" || event.error === "canceled") return;
      /* No voice, or the voice failed: say so once instead of racing through the page. */
      stop("Sorry, this browser could not read the page aloud.");
    };
    speaking = utterance;
    mark(chunk.element);
    speech.speak(utterance);
  }
  function play() {
    if (!chunks.length || state === "idle") {
      chunks = collect();
      index = state === "idle" ? 0 : index;
    }
    speech.cancel();
    show("reading", "Reading the page aloud.");
    whenVoiceReady(speakNext);
  }

  /* A browser can have speech but no voice at all (Firefox on a computer with none installed):
     it then says nothing and never ends. Voices may arrive a moment after the page (Chrome):
     wait for them up to 2 seconds, then say that this browser cannot read aloud. */
  var NO_VOICE = "Sorry, this browser has no voice to read the page aloud. Try another browser.";
  function whenVoiceReady(then) {
    if (typeof speech.getVoices !== "function" || speech.getVoices().length) { then(); return; }
    var done = false;
    function check() {
      if (done) return;
      done = true;
      if (speech.getVoices().length) then();
      else if (state === "reading") stop(NO_VOICE);
    }
    if (speech.addEventListener) speech.addEventListener("voiceschanged", check, { once: true });
    setTimeout(check, 2000);
  }

  function pause() {
    show("paused", "Paused.");
    speaking = null;
    speech.cancel();
  }

  function stop(message) {
    if (document.activeElement === stopButton) playButton.focus(); /* the Stop button is about to hide */
    speaking = null;
    speech.cancel();
    mark(null);
    index = 0;
    chunks = [];
    show("idle", message || "Stopped.");
  }

  playButton.addEventListener("click", function () {
    if (state === "reading") pause();
    else play();
  });
  stopButton.addEventListener("click", function () { stop(); });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && state !== "idle") stop();
  });
  /* Leaving the page stops the voice. */
  window.addEventListener("pagehide", function () { speech.cancel(); });

  window.appListen = { play: play, pause: pause, stop: stop };
  play(); /* loaded by the first press of the button */
})();
