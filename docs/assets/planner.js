/* "What can my child do?" (docs/planner.md): a milestone and play planner that runs in the browser.
 *
 * Everything is worked out here, on the parent's device. Nothing is sent anywhere. Answers are
 * kept in localStorage only when the parent presses "Save on this device", and "Forget my
 * answers" removes them. The ages, milestones and activities come from the JSON block that
 * the planner marker (overrides/hooks/markers.py) writes into the page from the site's own data.
 *
 * The pure functions (dates, ages, corrected age, bands, checks) are window.AppPlanner, so
 * tests/test_planner.py can test them in Chromium. Dates are {y, m, d} objects with m from 1
 * to 12, worked out in UTC days, so time zones and clock changes never move a date.
 */
(function () {
  "use strict";

  var DAY_MS = 86400000;
  var TERM_DAYS_EARLY = 21;          // born at 37 weeks or later: 3 weeks or less before the due date
  var MAX_WEEKS_EARLY = 17;          // a due date more than 17 weeks after birth is a typing mistake
  var CORRECT_UNTIL_MONTHS = 24;     // corrected age is used until age 2 (NHS, Bliss, Tommy's)
  var STORAGE_KEY = "app-planner";

  // ---------------------------------------------------------------- pure functions

  function isLeapYear(y) {
    return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  }

  function daysInMonth(y, m) {
    return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  }

  /** "2024-02-29" -> {y: 2024, m: 2, d: 29}; null for anything that is not a real date. */
  function parseDate(text) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(text == null ? "" : text).trim());
    if (!match) return null;
    var y = Number(match[1]), m = Number(match[2]), d = Number(match[3]);
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
    return { y: y, m: m, d: d };
  }

  function pad(n, width) {
    var s = String(n);
    while (s.length < width) s = "0" + s;
    return s;
  }

  function toISO(date) {
    return pad(date.y, 4) + "-" + pad(date.m, 2) + "-" + pad(date.d, 2);
  }

  function dayNumber(date) {
    return Math.round(Date.UTC(date.y, date.m - 1, date.d) / DAY_MS);
  }

  function fromDayNumber(n) {
    var t = new Date(n * DAY_MS);
    return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
  }

  function addDays(date, days) {
    return fromDayNumber(dayNumber(date) + days);
  }

  /** Days from a to b (negative when b is before a). */
  function daysBetween(a, b) {
    return dayNumber(b) - dayNumber(a);
  }

  /** The same day n months later; a day the month does not have becomes its last day. */
  function addMonths(date, n) {
    var total = date.y * 12 + (date.m - 1) + n;
    var y = Math.floor(total / 12), m = (total % 12) + 1;
    return { y: y, m: m, d: Math.min(date.d, daysInMonth(y, m)) };
  }

  /** The local date on this device today (or on the given Date). */
  function today(now) {
    now = now || new Date();
    return { y: now.getFullYear(), m: now.getMonth() + 1, d: now.getDate() };
  }

  /**
   * Age in whole months and days from `from` to `to`; null if `to` is before `from`.
   * A month is complete when the day of the month reaches the birth day, so a baby born on
   * 31 January is 0 months old on 28 (or 29) February and 1 month and 1 day on 1 March.
   * A child born on 29 February turns 1 on 1 March in a year with no 29 February.
   */
  function ageBetween(from, to) {
    if (daysBetween(from, to) < 0) return null;
    var months = (to.y - from.y) * 12 + (to.m - from.m);
    if (to.d < from.d) months -= 1;
    return { months: months, days: daysBetween(addMonths(from, months), to) };
  }

  /** True when a baby this many days before their due date was born before 37 weeks. */
  function bornBefore37Weeks(daysEarly) {
    return daysEarly > TERM_DAYS_EARLY;
  }

  /**
   * Corrected age: the age counted from the due date, which is the age from birth minus the
   * time born early. Only for a baby born before 37 weeks, and only until 2 years from birth.
   * Returns null when it does not apply; {months: 0, days: 0, beforeDueDate: true} before the
   * due date.
   */
  function correctedAge(dob, on, daysEarly) {
    var actual = ageBetween(dob, on);
    if (!actual || !bornBefore37Weeks(daysEarly) || actual.months >= CORRECT_UNTIL_MONTHS) return null;
    var corrected = ageBetween(addDays(dob, daysEarly), on);
    return corrected || { months: 0, days: 0, beforeDueDate: true };
  }

  /**
   * The band whose months include this age (from <= months < to), or null. The last band also
   * takes its top edge, so a child who has just turned 5 (60 months) still sees the 5-year list.
   */
  function bandFor(months, bands) {
    var last = lastMonth(bands);
    for (var i = 0; i < bands.length; i++) {
      if (months >= bands[i].from && (months < bands[i].to || (months === last && bands[i].to === last))) {
        return bands[i];
      }
    }
    return null;
  }

  /** The oldest age the bands cover, in months (60 for "3 to 5 years"). */
  function lastMonth(bands) {
    return bands.reduce(function (most, band) { return Math.max(most, band.to); }, 0);
  }

  /**
   * Check the form's values ({dob, early: "no"|"due"|"weeks"|"", due, weeks}, as typed;
   * dobPartial and duePartial are true when a date field holds only part of a date, which it
   * reports as an empty value: WebKit's date fields do not move on after two digits).
   * Returns a list of {field, message}, in the order of the form; empty when all is well.
   */
  function validate(values, on) {
    var errors = [];
    var dob = parseDate(values.dob);
    if (!dob && values.dobPartial) {
      errors.push({ field: "dob", message: "Enter the whole date of birth: day, month and year." });
    } else if (!dob) {
      errors.push({ field: "dob", message: "Enter your child's date of birth." });
    } else if (daysBetween(on, dob) > 0) {
      errors.push({ field: "dob", message: "The date of birth must be today or in the past." });
    }
    if (!values.early) {
      errors.push({ field: "early", message: "Choose if your baby was born early." });
    } else if (values.early === "due") {
      var due = parseDate(values.due);
      if (!due && values.duePartial) {
        errors.push({ field: "due", message: "Enter the whole due date: day, month and year." });
      } else if (!due) {
        errors.push({ field: "due", message: "Enter your baby's due date." });
      } else if (dob && daysBetween(dob, due) <= 0) {
        errors.push({ field: "due", message: "The due date must be after the date of birth. " +
          "If your baby was born on or after their due date, choose No." });
      } else if (dob && daysBetween(dob, due) > MAX_WEEKS_EARLY * 7) {
        errors.push({ field: "due", message: "The due date must be no more than " + MAX_WEEKS_EARLY +
          " weeks after the date of birth. Check both dates." });
      }
    } else if (values.early === "weeks") {
      var text = String(values.weeks == null ? "" : values.weeks).trim();
      var weeks = /^\d{1,2}$/.test(text) ? Number(text) : NaN;
      if (!(weeks >= 1 && weeks <= MAX_WEEKS_EARLY)) {
        errors.push({ field: "weeks", message: "Enter how many weeks early your baby was born, " +
          "as a whole number from 1 to " + MAX_WEEKS_EARLY + "." });
      }
    }
    return errors;
  }

  /**
   * Everything the results need, from checked values: the age from birth, the corrected age
   * (or why it is not used), the age used, its band, and whether the child is past 5.
   */
  function assess(values, on, bands) {
    var dob = parseDate(values.dob);
    var actual = ageBetween(dob, on);
    var daysEarly = 0;
    if (values.early === "due") daysEarly = daysBetween(dob, parseDate(values.due));
    if (values.early === "weeks") daysEarly = Number(String(values.weeks).trim()) * 7;
    var corrected = correctedAge(dob, on, daysEarly);
    var reason = null;
    if (values.early === "due" || values.early === "weeks") {
      if (!bornBefore37Weeks(daysEarly)) reason = "term";
      else if (!corrected) reason = "over-2";
      else reason = corrected.beforeDueDate ? "before-due-date" : "corrected";
    }
    var used = corrected || actual;
    var band = bandFor(used.months, bands);
    return {
      actual: actual, corrected: corrected, used: used, reason: reason,
      daysEarly: daysEarly, weeksEarly: Math.round(daysEarly / 7),
      band: band, over5: !band && used.months >= lastMonth(bands)
    };
  }

  function plural(n, word) {
    return n + " " + word + (n === 1 ? "" : "s");
  }

  /** {months: 13, days: 3} -> "1 year, 1 month and 3 days". */
  function describeAge(age) {
    var parts = [];
    var years = Math.floor(age.months / 12), months = age.months % 12;
    if (years) parts.push(plural(years, "year"));
    if (months) parts.push(plural(months, "month"));
    if (age.days || !parts.length) parts.push(plural(age.days, "day"));
    if (parts.length === 1) return parts[0];
    return parts.slice(0, -1).join(", ") + " and " + parts[parts.length - 1];
  }

  var MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];

  /** 25 November 2026, as the NHS writes dates. */
  function describeDate(date) {
    return date.d + " " + MONTH_NAMES[date.m - 1] + " " + date.y;
  }

  var AppPlanner = {
    parseDate: parseDate, toISO: toISO, addDays: addDays, addMonths: addMonths,
    daysBetween: daysBetween, today: today, ageBetween: ageBetween, correctedAge: correctedAge,
    bornBefore37Weeks: bornBefore37Weeks, bandFor: bandFor, validate: validate, assess: assess,
    describeAge: describeAge, describeDate: describeDate, STORAGE_KEY: STORAGE_KEY
  };
  window.AppPlanner = AppPlanner;

  // ---------------------------------------------------------------- the page

  var dataBlock = document.getElementById("app-planner-data");
  var root = document.getElementById("planner");
  if (!dataBlock || !root) return;
  var data = JSON.parse(dataBlock.textContent);
  AppPlanner.data = data;

  function byId(id) { return document.getElementById(id); }

  function element(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === "text") node.textContent = attributes[name];
      else node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function paragraph(text, className) {
    return element("p", className ? { "class": className, text: text } : { text: text });
  }

  var form = byId("planner-form");
  var fields = { dob: byId("planner-dob"), due: byId("planner-due"), weeks: byId("planner-weeks") };
  var radios = Array.prototype.slice.call(form.querySelectorAll("input[name='planner-early']"));
  var results = byId("planner-results");
  var status = byId("planner-status");
  var saved = byId("planner-saved");
  var answers = {};  // {"15-0": "yes" | "no"}: the ticks, kept in memory until "Save"

  /** A date field that shows some of a date but has no value: the browser calls it bad input. */
  function partly(field) {
    return Boolean(!field.value && field.validity && field.validity.badInput);
  }

  function values() {
    var chosen = radios.filter(function (r) { return r.checked; })[0];
    return { dob: fields.dob.value, early: chosen ? chosen.value : "", due: fields.due.value,
             weeks: fields.weeks.value, dobPartial: partly(fields.dob), duePartial: partly(fields.due) };
  }

  function showMoreFields() {
    var early = values().early;
    byId("planner-due-field").hidden = early !== "due";
    byId("planner-weeks-field").hidden = early !== "weeks";
  }

  // Errors: a summary at the top linking to each field, and the message by the field itself.
  var ERROR_TARGETS = { dob: "planner-dob", early: "planner-early-no", due: "planner-due", weeks: "planner-weeks" };
  var DESCRIBED = { dob: fields.dob, early: byId("planner-early-field"), due: fields.due, weeks: fields.weeks };
  var HINTS = { early: "planner-early-hint", weeks: "planner-weeks-hint" };

  function clearErrors() {
    byId("planner-error-summary").hidden = true;
    byId("planner-error-list").textContent = "";
    Object.keys(DESCRIBED).forEach(function (field) {
      var message = byId("planner-" + field + "-error");
      message.hidden = true;
      message.textContent = "";
      byId("planner-" + field + "-field").classList.remove("app-field--error");
      DESCRIBED[field].removeAttribute("aria-invalid");
      if (HINTS[field]) DESCRIBED[field].setAttribute("aria-describedby", HINTS[field]);
      else DESCRIBED[field].removeAttribute("aria-describedby");
    });
  }

  function showErrors(errors) {
    clearErrors();
    var list = byId("planner-error-list");
    errors.forEach(function (error) {
      var link = element("a", { href: "#" + ERROR_TARGETS[error.field], text: error.message });
      link.addEventListener("click", function (event) {
        event.preventDefault();
        var target = byId(ERROR_TARGETS[error.field]);
        target.focus();
        target.scrollIntoView({ block: "center" });
      });
      list.appendChild(element("li", {}, [link]));
      var message = byId("planner-" + error.field + "-error");
      message.textContent = "";
      message.appendChild(element("span", { "class": "app-visually-hidden", text: "Error: " }));
      message.appendChild(document.createTextNode(error.message));
      message.hidden = false;
      byId("planner-" + error.field + "-field").classList.add("app-field--error");
      var described = [HINTS[error.field], "planner-" + error.field + "-error"].filter(Boolean).join(" ");
      DESCRIBED[error.field].setAttribute("aria-describedby", described);
      if (error.field !== "early") DESCRIBED[error.field].setAttribute("aria-invalid", "true");
    });
    var summary = byId("planner-error-summary");
    summary.hidden = false;
    summary.focus();
  }

  function ageParagraphs(result, on) {
    var out = [];
    var actual = describeAge(result.actual);
    if (result.reason === "corrected") {
      out.push(paragraph("Your baby was born about " + plural(result.weeksEarly, "week") + " early. " +
        "Their corrected age is " + describeAge(result.corrected) + "."));
      out.push(paragraph("Corrected age is their age counted from their due date. " +
        "We use it on this page until they are 2. Their age from birth is " + actual + "."));
    } else if (result.reason === "before-due-date") {
      out.push(paragraph("Your baby is " + actual + " old. They have not reached their due date yet, " +
        "so we show what most babies do in their first months."));
    } else {
      out.push(paragraph("Your child is " + actual + " old."));
      if (result.reason === "term") {
        out.push(paragraph("Your baby was born 3 weeks or less before their due date. " +
          "So we use their age from birth."));
      } else if (result.reason === "over-2") {
        out.push(paragraph("Your child was born early, but they are now 2 or older. " +
          "So we use their age from birth."));
      }
    }
    if (result.band) {
      var line = element("p", {}, ["We show the list for " + result.band.label + ". "]);
      if (result.band.url) {
        line.appendChild(element("a", { href: result.band.url, text: "Read more about " + result.band.label }));
        line.appendChild(document.createTextNode("."));
      }
      out.push(line);
    } else if (result.over5) {
      out.push(paragraph("The pages on this site are for children up to 5. If you are worried about " +
        "how your child moves or uses their hands, talk to their GP or health visitor."));
    }
    out.push(paragraph("Worked out on " + describeDate(on) + ".", "app-planner-print-only"));
    return out;
  }

  function checklist(result) {
    var out = [];
    data.checkpoints.filter(function (c) { return result.band && c.band === result.band.id; })
      .forEach(function (checkpoint) {
        var group = element("div", { "class": "app-planner-check" });
        group.appendChild(element("h3", { text: "By about " + checkpoint.age }));
        group.appendChild(paragraph(result.used.months >= checkpoint.months
          ? "Your child is this age or older."
          : "Your child is not this age yet.", "app-planner-check__when"));
        checkpoint.items.forEach(function (item, index) {
          var key = checkpoint.months + "-" + index;
          var name = "planner-m" + key;
          var legend = element("legend", { text: item.text });
          var choices = element("div", { "class": "app-planner-choices" });
          [["yes", "Can do"], ["no", "Not yet"]].forEach(function (choice) {
            var id = name + "-" + choice[0];
            var input = element("input", { type: "radio", id: id, name: name, value: choice[0] });
            input.checked = answers[key] === choice[0];
            input.addEventListener("change", function () { answers[key] = choice[0]; });
            choices.appendChild(element("span", { "class": "app-radio app-radio--inline" },
              [input, element("label", { "for": id, text: choice[1] })]));
          });
          group.appendChild(element("fieldset", { "class": "app-planner-item", "data-key": key }, [legend, choices]));
        });
        var source = element("p", { "class": "app-planner-source" }, ["Source: "]);
        source.appendChild(element("a", { href: checkpoint.source, text: "CDC milestones at " + checkpoint.age }));
        group.appendChild(source);
        out.push(group);
      });
    return out;
  }

  function ideas(result) {
    var chosen = data.activities.filter(function (a) {
      return result.band && a.tags.indexOf(result.band.tag) !== -1;
    });
    if (!chosen.length) {
      return [element("li", { text: "We do not have play ideas for this age yet." })];
    }
    return chosen.map(function (activity) {
      return element("li", {}, [
        element("a", { href: activity.url, text: activity.title }),
        element("span", { "class": "app-planner-ideas__text", text: ": " + activity.description })
      ]);
    });
  }

  function replaceChildren(node, children) {
    node.textContent = "";
    children.forEach(function (child) { node.appendChild(child); });
  }

  function render(result, on) {
    replaceChildren(byId("planner-age"), ageParagraphs(result, on));
    byId("planner-band").hidden = !result.band;
    replaceChildren(byId("planner-checklist"), checklist(result));
    replaceChildren(byId("planner-ideas"), ideas(result));
    results.hidden = false;
  }

  function show(options) {
    var on = today();
    var current = values();
    var errors = validate(current, on);
    if (errors.length) {
      if (!options.quiet) showErrors(errors);
      return false;
    }
    clearErrors();
    render(assess(current, on, data.bands), on);
    if (!options.quiet) byId("planner-results-title").focus();
    return true;
  }

  function say(message, moveFocus) {
    saved.textContent = "";
    status.textContent = message;
    if (moveFocus) status.focus();
  }

  /** Next to the Save button, where the parent is looking. */
  function sayBySave(message) {
    status.textContent = "";
    saved.textContent = message;
  }

  function storage() {
    try { return window.localStorage; } catch (error) { return null; }
  }

  function save() {
    var store = storage();
    var record = values();
    record.answers = answers;
    try {
      store.setItem(STORAGE_KEY, JSON.stringify(record));
      sayBySave("Saved on this device. If you change anything, press Save again. " +
        "Press Forget my answers to remove them.");
    } catch (error) {
      sayBySave("This browser did not let us save. Your answers are still on the screen.");
    }
  }

  function forget() {
    var store = storage();
    try { if (store) store.removeItem(STORAGE_KEY); } catch (error) { /* nothing was saved */ }
    answers = {};
    form.reset();
    clearErrors();
    showMoreFields();
    results.hidden = true;
    replaceChildren(byId("planner-checklist"), []);
    say("Your answers are gone from this device.", true);
  }

  function restore() {
    var store = storage();
    var record = null;
    try { record = store && JSON.parse(store.getItem(STORAGE_KEY) || "null"); } catch (error) { record = null; }
    if (!record || typeof record !== "object") return;
    fields.dob.value = record.dob || "";
    fields.due.value = record.due || "";
    fields.weeks.value = record.weeks || "";
    radios.forEach(function (r) { r.checked = r.value === record.early; });
    answers = record.answers && typeof record.answers === "object" ? record.answers : {};
    showMoreFields();
    if (show({ quiet: true })) {
      say("We found answers you saved on this device. Press Forget my answers to remove them.");
    }
  }

  // Show the planner instead of the list of age pages, now that it can run.
  byId("planner-fallback").hidden = true;
  root.hidden = false;
  var max = toISO(today());
  fields.dob.setAttribute("max", max);
  radios.forEach(function (r) { r.addEventListener("change", showMoreFields); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    say("");
    show({ quiet: false });
  });
  byId("planner-print").addEventListener("click", function () { window.print(); });
  byId("planner-save").addEventListener("click", save);
  byId("planner-forget").addEventListener("click", forget);
  restore();
})();
