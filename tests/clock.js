// The browsers' clock for the suite: the page sees the day the suite runs as (TODAY, set by
// tests/conftest.py in place of __TODAY__) at the real time of day, and time still passes, so
// timers and deadlines in the page and in tests behave as on any day. Injected before the
// page's own scripts in all three engines (Playwright init script, puppeteer's
// evaluateOnNewDocument, a WebKit user script), so the planner's "today" follows TODAY.
(function () {
  "use strict";
  var RealDate = Date;
  var day = "__TODAY__".split("-").map(Number);
  var now = new RealDate();
  var shifted = new RealDate(day[0], day[1] - 1, day[2], now.getHours(), now.getMinutes(),
                             now.getSeconds(), now.getMilliseconds());
  var offset = shifted.getTime() - now.getTime();
  if (!offset) return;  // today is TODAY: leave the real Date alone

  function ClockDate() {
    var args = Array.prototype.slice.call(arguments);
    if (!new.target) return new RealDate(RealDate.now() + offset).toString();  // Date() gives a string
    if (!args.length) return new RealDate(RealDate.now() + offset);
    return new (Function.prototype.bind.apply(RealDate, [null].concat(args)))();
  }
  ClockDate.prototype = RealDate.prototype;
  ClockDate.now = function () { return RealDate.now() + offset; };
  ClockDate.parse = RealDate.parse;
  ClockDate.UTC = RealDate.UTC;
  Object.defineProperty(ClockDate, "name", { value: "Date" });
  window.Date = ClockDate;
})();
