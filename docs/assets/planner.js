/* "What can my child do?" (docs/planner.md): a milestone and play planner that runs in the browser.
 *
 * Everything is worked out here, on the parent's device. Nothing is sent anywhere. Answers are
 * kept in localStorage only when the parent presses "Save on this device", and "Forget my
 * answers" removes them. The ages, milestones and activities come from the JSON block that
 * the planner marker (overrides/hooks/markers.py) writes into the page from the site's own data.
 *
 * The pure functions (dates, ages, corrected age, bands, checks) are window.AppPlanner, so
 * tests/planner.test.mjs can test them in Node (a page with no planner form, where the script
 * stops after them) and tests/test_planner.py in Chromium. Dates are {y, m, d} objects with m
 * from 1 to 12, worked out in UTC days, so time zones and clock changes never move a date.
 */
(function () {
  "use strict";

  var DAY_MS = 86400000;
  var TERM_DAYS_EARLY = 21;          // born at 37 weeks or later: 3 weeks or less before the due date
  var MAX_WEEKS_EARLY = 17;          // a due date more than 17 weeks after birth is a typing mistake
  var CORRECT_UNTIL_MONTHS = 24;     // corrected age is used until age 2 (NHS, Bliss, Tommy's)
  var FULL_TERM_WEEKS = 40;          // the due date is 40 weeks of pregnancy: born at 31 weeks is 9 weeks early
  var BORN_WEEKS_MIN = FULL_TERM_WEEKS - MAX_WEEKS_EARLY;   // 23 weeks, the earliest the due date route allows
  var BORN_WEEKS_MAX = 42;           // a pregnancy rarely goes past 42 weeks; more is a typing mistake
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

  var MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];

  /** "2024-03-15" -> {day: "15", month: "03", year: "2024"}; the boxes of a date as typed. */
  function partsOf(value) {
    if (value && typeof value === "object") {
      return { day: String(value.day || ""), month: String(value.month || ""), year: String(value.year || "") };
    }
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value == null ? "" : value).trim());
    return match ? { day: match[3], month: match[2], year: match[1] } : { day: "", month: "", year: "" };
  }

  /** A month box: 1 to 12, or a month's name or its first three letters ("Mar", "march"). */
  function monthNumber(text) {
    if (/^\d{1,2}$/.test(text)) return Number(text);
    var word = text.toLowerCase();
    for (var i = 0; word.length >= 3 && i < MONTH_NAMES.length; i++) {
      if (MONTH_NAMES[i].toLowerCase().indexOf(word) === 0) return i + 1;
    }
    return NaN;
  }

  // The first code point of each run of digits 0 to 9 that parents' keyboards type, so "١٢" and
  // "１２" read as 12: a table, not /\p{Nd}/u, which old phones' JavaScript cannot even parse.
  var DIGIT_ZEROS = [
    0x0660,  // Arabic-Indic (Arabic keyboards)
    0x06F0,  // Extended Arabic-Indic (Urdu, Persian)
    0x0966,  // Devanagari (Hindi, Marathi, Nepali)
    0x09E6,  // Bengali
    0x0A66,  // Gurmukhi (Punjabi)
    0x0AE6,  // Gujarati
    0x0B66,  // Odia
    0x0BE6,  // Tamil
    0x0C66,  // Telugu
    0x0CE6,  // Kannada
    0x0D66,  // Malayalam
    0x0E50,  // Thai
    0x1040,  // Myanmar
    0x17E0,  // Khmer
    0xFF10   // full-width (Chinese and Japanese keyboards)
  ];

  /** "١٢" or "１２" -> "12": every digit in the table becomes 0 to 9; anything else stays. */
  function latinDigits(text) {
    return String(text == null ? "" : text).replace(/[^\x00-\x7f]/g, function (character) {
      var code = character.charCodeAt(0);
      for (var i = 0; i < DIGIT_ZEROS.length; i++) {
        if (code >= DIGIT_ZEROS[i] && code <= DIGIT_ZEROS[i] + 9) return String(code - DIGIT_ZEROS[i]);
      }
      return character;
    });
  }

  function plainBox(text) {
    return latinDigits(text).replace(/\s+/g, "");
  }

  /**
   * A whole date typed or pasted into one box -> {day, month, year}, or null: "12/03/2025",
   * "12-03-2025", "12.03.2025", "12 3 2025" and "12 March 2025" in the UK's order, and
   * "2025-03-12" year first. The year must have 4 numbers, so a date half typed is left alone.
   */
  function splitDate(text) {
    var plain = latinDigits(text).trim();
    var dayFirst = /^(\d{1,2})[\s\/.\-]+(\d{1,2}|[A-Za-z]{3,})[\s\/.\-,]+(\d{4})$/.exec(plain);
    if (dayFirst) return { day: dayFirst[1], month: dayFirst[2], year: dayFirst[3] };
    var yearFirst = /^(\d{4})[\/.\-](\d{1,2})[\/.\-](\d{1,2})$/.exec(plain);
    if (yearFirst) return { day: yearFirst[3], month: yearFirst[2], year: yearFirst[1] };
    return null;
  }

  /**
   * Day, month and year boxes -> {date} or {error: {message, boxes}}, in the GOV.UK pattern's
   * words: `words.empty` when all three are empty ("Enter your child's date of birth"),
   * "<name> must include a month" when some are empty, "<name> must be a real date" when a box
   * cannot be right, and `words.year` when the year is not 4 numbers. `boxes` are the wrong
   * boxes, first to last: the error links to the first.
   */
  function readDate(value, words) {
    var parts = partsOf(value);
    // A whole date in the day box, with the other two empty, is read as the three boxes.
    if (!plainBox(parts.month) && !plainBox(parts.year)) parts = splitDate(parts.day) || parts;
    var day = plainBox(parts.day), month = plainBox(parts.month), year = plainBox(parts.year);
    var missing = [];
    if (!day) missing.push("day");
    if (!month) missing.push("month");
    if (!year) missing.push("year");
    if (missing.length === 3) return { error: { message: words.empty, boxes: ["day", "month", "year"] } };
    if (missing.length) {
      return { error: { message: words.name + " must include a " + missing.join(" and "), boxes: missing } };
    }
    var d = /^\d{1,2}$/.test(day) ? Number(day) : NaN;
    var m = monthNumber(month);
    var wrong = [];
    if (!(d >= 1 && d <= 31)) wrong.push("day");
    if (!(m >= 1 && m <= 12)) wrong.push("month");
    if (wrong.length) return { error: { message: words.name + " must be a real date", boxes: wrong } };
    if (!/^\d{4}$/.test(year)) return { error: { message: words.year, boxes: ["year"] } };
    var y = Number(year);
    if (y < 1900 || d > daysInMonth(y, m)) {
      return { error: { message: words.name + " must be a real date", boxes: y < 1900 ? ["year"] : ["day"] } };
    }
    return { date: { y: y, m: m, d: d } };
  }

  /** A date from boxes or from "2024-03-15"; null when it is not a whole, real date. */
  function dateOf(value) {
    return readDate(value, { empty: "", name: "", year: "" }).date || null;
  }

  var DOB_WORDS = { empty: "Enter your child's date of birth", name: "Date of birth",
                    year: "Year of birth must include 4 numbers" };
  var DUE_WORDS = { empty: "Enter your baby's due date", name: "Due date",
                    year: "Year of the due date must include 4 numbers" };
  var WHOLE_DATE = ["day", "month", "year"];
  // The site is for children up to 5, so a year of birth more than 6 years back is probably a
  // slip (1925 for 2025): the parent is asked to check it, and a second press accepts it.
  var LIKELY_YEARS = 6;

  /** True when this date of birth is in a year more than LIKELY_YEARS before today's. */
  function unlikelyYear(dob, on) {
    return dob.y < on.y - LIKELY_YEARS;
  }

  function digitsApart(a, b) {
    var x = String(a), y = String(b), apart = Math.abs(x.length - y.length);
    for (var i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) apart += 1;
    return apart;
  }

  /**
   * The year of the last LIKELY_YEARS that an unlikely year was probably meant to be, or 0:
   * the same last two numbers first (1925 -> 2025), then one number different (2015 -> 2025),
   * the latest first, never a date still to come.
   */
  function likelyYear(dob, on) {
    var recent = [];
    for (var y = on.y; y >= on.y - LIKELY_YEARS; y--) {
      var moved = { y: y, m: dob.m, d: Math.min(dob.d, daysInMonth(y, dob.m)) };
      if (daysBetween(on, moved) <= 0) recent.push(y);
    }
    var sameEnd = recent.filter(function (y) { return y % 100 === dob.y % 100; });
    var oneApart = recent.filter(function (y) { return digitsApart(y, dob.y) === 1; });
    return sameEnd[0] || oneApart[0] || 0;
  }

  /** The "did you mean" words for an unlikely year, in the GOV.UK error pattern. */
  function yearCheckMessage(dob, on) {
    var meant = likelyYear(dob, on);
    var again = "press Show what my child can do again";
    return meant
      ? "Check the year of birth: did you mean " + meant + "? If " + dob.y + " is right, " + again
      : "Check the year of birth: " + dob.y + " is more than " + LIKELY_YEARS + " years ago. If it is right, " + again;
  }

  /** "31" -> 31; NaN for anything that is not a whole number (digits from any keyboard count). */
  function wholeNumber(typed) {
    var text = plainBox(typed);
    return /^\d{1,3}$/.test(text) ? Number(text) : NaN;
  }

  /**
   * What is wrong with the weeks of pregnancy a baby was born at, in the GOV.UK error pattern's
   * words ("Enter...", "must be a whole number", "must be between"); "" when it is right.
   */
  function bornWeeksProblem(typed) {
    var text = plainBox(typed);
    var name = "Weeks of pregnancy at birth";
    if (!text) return "Enter how many weeks of pregnancy your baby was born at";
    if (/^\d+([.,]\d+|\+\d)$/.test(text)) return name + " must be a whole number, such as 31";
    var weeks = wholeNumber(text);
    if (isNaN(weeks)) return name + " must be a number, such as 31";
    if (weeks < BORN_WEEKS_MIN || weeks > BORN_WEEKS_MAX) {
      return name + " must be between " + BORN_WEEKS_MIN + " and " + BORN_WEEKS_MAX;
    }
    return "";
  }

  /** Born at 31 weeks of pregnancy -> 63 days before the due date (negative after it). */
  function daysEarlyFromBirthWeek(weeks) {
    return (FULL_TERM_WEEKS - weeks) * 7;
  }

  /**
   * Check the form's values ({name, dob, early: "no"|"due"|"born"|"weeks"|"", due, born, weeks}; dob and due
   * are {day, month, year} as typed, or "2024-03-15"; confirmed is a date of birth in an unlikely
   * year that the parent has confirmed). The name is optional and never checked.
   * Returns a list of {field, message, boxes}, in the order of the form; empty when all is well.
   */
  function validate(values, on) {
    var errors = [];
    var born = readDate(values.dob, DOB_WORDS);
    var dob = born.date;
    if (born.error) {
      errors.push({ field: "dob", message: born.error.message, boxes: born.error.boxes });
    } else if (daysBetween(on, dob) > 0) {
      errors.push({ field: "dob", message: "Date of birth must be today or in the past", boxes: WHOLE_DATE });
    } else if (unlikelyYear(dob, on) && values.confirmed !== toISO(dob)) {
      // `confirm` is the date to pass back as values.confirmed when the parent presses again.
      errors.push({ field: "dob", message: yearCheckMessage(dob, on), boxes: ["year"], confirm: toISO(dob) });
    }
    if (!values.early) {
      errors.push({ field: "early", message: "Choose if your baby was born early", boxes: [] });
    } else if (values.early === "due") {
      var expected = readDate(values.due, DUE_WORDS);
      var due = expected.date;
      if (expected.error) {
        errors.push({ field: "due", message: expected.error.message, boxes: expected.error.boxes });
      } else if (dob && daysBetween(dob, due) <= 0) {
        errors.push({ field: "due", boxes: WHOLE_DATE, message: "Due date must be after the date of birth. " +
          "If your baby was born on or after their due date, choose No" });
      } else if (dob && daysBetween(dob, due) > MAX_WEEKS_EARLY * 7) {
        errors.push({ field: "due", boxes: WHOLE_DATE, message: "Due date must be no more than " + MAX_WEEKS_EARLY +
          " weeks after the date of birth. Check both dates" });
      }
    } else if (values.early === "born") {
      var problem = bornWeeksProblem(values.born);
      if (problem) errors.push({ field: "born", boxes: [], message: problem });
    } else if (values.early === "weeks") {
      var text = plainBox(values.weeks);
      var weeks = /^\d{1,2}$/.test(text) ? Number(text) : NaN;
      if (!(weeks >= 1 && weeks <= MAX_WEEKS_EARLY)) {
        // 31 here is most likely the week of pregnancy the baby was born at: say where it goes.
        var gestation = weeks >= BORN_WEEKS_MIN && weeks <= BORN_WEEKS_MAX
          ? ". If your baby was born at " + weeks + " weeks of pregnancy, choose the answer above this one" : "";
        errors.push({ field: "weeks", boxes: [], message: "Enter how many weeks early your baby was born, " +
          "as a whole number from 1 to " + MAX_WEEKS_EARLY + gestation });
      }
    }
    return errors;
  }

  /**
   * Everything the results need, from checked values: the age from birth, the corrected age
   * (or why it is not used), the age used, its band, and whether the child is past 5.
   */
  function assess(values, on, bands) {
    var dob = dateOf(values.dob);
    var actual = ageBetween(dob, on);
    var daysEarly = 0;
    if (values.early === "due") daysEarly = daysBetween(dob, dateOf(values.due));
    if (values.early === "weeks") daysEarly = Number(plainBox(values.weeks)) * 7;
    var bornAt = values.early === "born" ? wholeNumber(values.born) : null;
    if (bornAt !== null) daysEarly = daysEarlyFromBirthWeek(bornAt);
    var corrected = correctedAge(dob, on, daysEarly);
    var reason = null;
    if (values.early === "due" || values.early === "weeks" || values.early === "born") {
      if (!bornBefore37Weeks(daysEarly)) reason = "term";
      else if (!corrected) reason = "over-2";
      else reason = corrected.beforeDueDate ? "before-due-date" : "corrected";
    }
    var used = corrected || actual;
    var band = bandFor(used.months, bands);
    return {
      actual: actual, corrected: corrected, used: used, reason: reason, bornAt: bornAt,
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

  // ---------------------------------------------------------------- children saved on the device

  /** What a parent may have typed in a box; anything else becomes "". */
  function text(value, longest) {
    return typeof value === "string" || typeof value === "number" ? String(value).slice(0, longest) : "";
  }

  /**
   * One saved child, kept to the fields the planner knows; null when it has no date of birth.
   * `id` never changes once given, so two tabs never mistake one child for another; `n` only
   * numbers the label ("Child 2").
   */
  function cleanChild(record, n) {
    if (!record || typeof record !== "object") return null;
    var dob = partsOf(record.dob), due = partsOf(record.due);
    if (!dob.day && !dob.month && !dob.year) return null;
    var answers = {};
    if (record.answers && typeof record.answers === "object") {
      Object.keys(record.answers).forEach(function (key) {
        if (/^\d+-\d+$/.test(key) && (record.answers[key] === "yes" || record.answers[key] === "no")) {
          answers[key] = record.answers[key];
        }
      });
    }
    return {
      id: typeof record.id === "string" && /^[\w-]{1,40}$/.test(record.id) ? record.id : "",
      n: n, name: text(record.name, 40).trim(),
      dob: { day: text(dob.day, 10), month: text(dob.month, 10), year: text(dob.year, 10) },
      early: ["no", "due", "born", "weeks"].indexOf(record.early) !== -1 ? record.early : "",
      due: { day: text(due.day, 10), month: text(due.month, 10), year: text(due.year, 10) },
      born: text(record.born, 10), weeks: text(record.weeks, 10), answers: answers
    };
  }

  var FORMAT = 2;   // {version: 2, children: [...]}; each child's `id` was added later, and is optional

  /**
   * Which format a stored value is in: "v2"; "v1", the first planner's one child
   * {dob: "2024-03-15", early, due, weeks, answers}; "newer", a version above 2 (written by a
   * newer planner.js, then read by an older one after a rollback); or "unreadable".
   */
  function formatOf(stored) {
    if (!stored || typeof stored !== "object" || Array.isArray(stored)) return "unreadable";
    if (typeof stored.version === "number" && stored.version > FORMAT) return "newer";
    if (stored.version === FORMAT && Array.isArray(stored.children)) return "v2";
    if (stored.version === undefined && typeof stored.dob === "string") return "v1";
    return "unreadable";
  }

  /**
   * A stored value (already parsed, in format v1 or v2) -> {children, unread}. A child that
   * cannot be read (no date of birth) is kept in `unread` as it was, so that writing the list
   * back never drops it. A child without an id gets "n" and its number: the same in every tab.
   */
  function readSaved(stored) {
    var children = [], unread = [];
    var records = formatOf(stored) === "v1" ? [stored] : formatOf(stored) === "v2" ? stored.children : [];
    records.forEach(function (record) {
      var n = record && Number(record.n);
      var child = cleanChild(record, formatOf(stored) === "v1" ? 1 : n >= 1 && n <= 99 && n === Math.floor(n) ? n : 0);
      if (child) children.push(child);
      else unread.push(record);
    });
    // Every child has its own number, used for "Child 2" when there is no name, and its own id.
    var used = {}, ids = {};
    children.forEach(function (child) {
      if (!child.n || used[child.n]) child.n = nextNumber(children);
      used[child.n] = true;
      if (!child.id || ids[child.id]) child.id = "n" + child.n;
      ids[child.id] = true;
    });
    return { children: children, unread: unread };
  }

  /**
   * The text localStorage holds (or null) -> {state, children, unread, raw}. state is "empty",
   * "ok", "newer" or "unreadable"; for the last two the page must leave `raw` exactly as it is.
   */
  function readStored(raw) {
    var found = { state: "empty", children: [], unread: [], raw: raw == null ? null : String(raw) };
    if (found.raw === null) return found;
    var stored;
    try { stored = JSON.parse(found.raw); } catch (error) { found.state = "unreadable"; return found; }
    var format = formatOf(stored);
    if (format === "newer" || format === "unreadable") { found.state = format; return found; }
    var list = readSaved(stored);
    found.state = "ok";
    found.children = list.children;
    found.unread = list.unread;
    return found;
  }

  /** The text to store for a list; null when nothing is left, so the key is removed. */
  function storedText(list) {
    var records = list.children.concat(list.unread);
    return records.length ? JSON.stringify({ version: FORMAT, children: records }) : null;
  }

  /**
   * Puts children back that were forgotten (by Undo) into the list now saved, leaving every
   * child there as it is: a child already there (by id) is not doubled, and a number taken
   * meanwhile by another child is changed for the next one free.
   */
  function mergeChildren(list, back) {
    var children = list.children.slice();
    back.forEach(function (child) {
      if (children.some(function (c) { return c.id === child.id; })) return;
      var taken = children.some(function (c) { return c.n === child.n; });
      var copy = JSON.parse(JSON.stringify(child));
      if (taken) copy.n = nextNumber(children);
      children.push(copy);
    });
    children.sort(function (a, b) { return a.n - b.n; });
    return { children: children, unread: list.unread };
  }

  function nextNumber(children) {
    var most = 0;
    children.forEach(function (child) { most = Math.max(most, child.n || 0); });
    return most + 1;
  }

  /** A new child's id: the time and a random part, so two tabs never make the same one. */
  function newId() {
    return "c" + new Date().getTime().toString(36) + Math.random().toString(36).slice(2, 8);
  }

  /** "Amira", or "Child 2" for a child saved without a name. */
  function childLabel(child) {
    return child.name ? child.name : "Child " + child.n;
  }

  /** "Amira's plan"; "Your child's plan" without a name. */
  function planTitle(name) {
    name = String(name || "").trim();
    return (name ? name : "Your child") + "'s plan";
  }

  /** 25 November 2026, as the NHS writes dates. */
  function describeDate(date) {
    return date.d + " " + MONTH_NAMES[date.m - 1] + " " + date.y;
  }

  var AppPlanner = {
    parseDate: parseDate, toISO: toISO, addDays: addDays, addMonths: addMonths,
    daysBetween: daysBetween, today: today, ageBetween: ageBetween, correctedAge: correctedAge,
    bornBefore37Weeks: bornBefore37Weeks, bandFor: bandFor, validate: validate, assess: assess,
    daysEarlyFromBirthWeek: daysEarlyFromBirthWeek,
    readDate: readDate, partsOf: partsOf, readSaved: readSaved, readStored: readStored, storedText: storedText,
    mergeChildren: mergeChildren, latinDigits: latinDigits, splitDate: splitDate, likelyYear: likelyYear,
    childLabel: childLabel,
    planTitle: planTitle, describeAge: describeAge, describeDate: describeDate, STORAGE_KEY: STORAGE_KEY
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

  function paragraph(words, className) {
    return element("p", className ? { "class": className, text: words } : { text: words });
  }

  var BOXES = ["day", "month", "year"];
  var form = byId("planner-form");
  var nameField = byId("planner-name");
  var weeksField = byId("planner-weeks");
  var bornField = byId("planner-born");
  var radios = Array.prototype.slice.call(form.querySelectorAll("input[name='planner-early']"));
  var results = byId("planner-results");
  var status = byId("planner-status");
  var saved = byId("planner-saved");
  var answers = {};    // {"15-0": "yes" | "no"}: the ticks, kept in memory until "Save"
  var openChild = "";       // the id of the saved child on screen, "" for a child not saved yet
  var confirmedBirth = "";  // a date of birth in an unlikely year that the parent has confirmed
  var shown = null;         // what the results on screen were worked out from, for the answers to update

  function box(field, part) { return byId("planner-" + field + "-" + part); }

  function dateBoxes(field) {
    return { day: box(field, "day").value, month: box(field, "month").value, year: box(field, "year").value };
  }

  function setDateBoxes(field, parts) {
    BOXES.forEach(function (part) { box(field, part).value = parts[part] || ""; });
  }

  function values() {
    var chosen = radios.filter(function (r) { return r.checked; })[0];
    return { name: nameField.value.trim(), dob: dateBoxes("dob"), early: chosen ? chosen.value : "",
             due: dateBoxes("due"), born: bornField.value, weeks: weeksField.value, confirmed: confirmedBirth };
  }

  function showMoreFields() {
    var early = values().early;
    byId("planner-due-field").hidden = early !== "due";
    byId("planner-born-field").hidden = early !== "born";
    byId("planner-weeks-field").hidden = early !== "weeks";
  }

  // Errors: a summary at the top linking to the first wrong box of each field, and the message
  // by the field itself. A date's message describes its fieldset; each wrong box is marked.
  var GROUPS = { dob: byId("planner-dob-field"), early: byId("planner-early-field"),
                 due: byId("planner-due-group"), born: bornField, weeks: weeksField };
  var HINTS = { dob: "planner-dob-hint", early: "planner-early-hint", due: "planner-due-hint",
                born: "planner-born-hint", weeks: "planner-weeks-hint" };

  function errorTarget(error) {
    if (error.field === "early") return byId("planner-early-no");
    if (error.field === "weeks") return weeksField;
    if (error.field === "born") return bornField;
    return box(error.field, error.boxes[0] || "day");
  }

  function clearErrors() {
    byId("planner-error-summary").hidden = true;
    byId("planner-error-list").textContent = "";
    Object.keys(GROUPS).forEach(function (field) {
      var message = byId("planner-" + field + "-error");
      message.hidden = true;
      message.textContent = "";
      byId("planner-" + field + "-field").classList.remove("app-field--error");
      GROUPS[field].setAttribute("aria-describedby", HINTS[field]);
      GROUPS[field].removeAttribute("aria-invalid");
    });
    ["dob", "due"].forEach(function (field) {
      BOXES.forEach(function (part) {
        box(field, part).removeAttribute("aria-invalid");
        box(field, part).classList.remove("app-input--error");
      });
    });
  }

  /**
   * Focus an element and scroll it into view below the theme's sticky header: the browser's own
   * scroll on focus would leave the top of an error summary under it. The header's height is
   * measured, since it grows when its words wrap on a small screen or with larger text.
   */
  function focusInView(target, block) {
    var header = document.querySelector("body > header");
    var covered = header ? Math.max(0, header.getBoundingClientRect().bottom) : 0;
    target.style.scrollMarginTop = Math.ceil(covered) + 16 + "px";
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: block || "start" });
  }

  function showErrors(errors) {
    clearErrors();
    var list = byId("planner-error-list");
    errors.forEach(function (error) {
      var target = errorTarget(error);
      var link = element("a", { href: "#" + target.id, text: error.message });
      link.addEventListener("click", function (event) {
        event.preventDefault();
        // As GOV.UK's error summary does: the question's legend or label comes into view with the box.
        var group = target.closest("fieldset");
        var question = group ? group.querySelector("legend") : document.querySelector("label[for='" + target.id + "']");
        focusInView(question || target);
        target.focus({ preventScroll: true });
      });
      list.appendChild(element("li", {}, [link]));
      var message = byId("planner-" + error.field + "-error");
      message.textContent = "";
      message.appendChild(element("span", { "class": "app-visually-hidden", text: "Error: " }));
      message.appendChild(document.createTextNode(error.message));
      message.hidden = false;
      byId("planner-" + error.field + "-field").classList.add("app-field--error");
      GROUPS[error.field].setAttribute("aria-describedby", HINTS[error.field] + " planner-" + error.field + "-error");
      if (error.field === "weeks" || error.field === "born") GROUPS[error.field].setAttribute("aria-invalid", "true");
      (error.boxes || []).forEach(function (part) {
        if (error.field !== "dob" && error.field !== "due") return;
        box(error.field, part).setAttribute("aria-invalid", "true");
        box(error.field, part).classList.add("app-input--error");
      });
    });
    var summary = byId("planner-error-summary");
    summary.hidden = false;
    focusInView(summary);
  }

  /**
   * The weeks early worked out from the week of pregnancy typed, said first so the parent (or the
   * health visitor) can check the sum: "Born at 31 weeks: 9 weeks early." "" for the other answers.
   */
  function bornAtWords(result) {
    if (result.bornAt === null || result.bornAt === undefined) return "";
    var early = result.daysEarly > 0 ? plural(result.weeksEarly, "week") + " early"
      : result.daysEarly === 0 ? "on their due date" : plural(-result.weeksEarly, "week") + " after their due date";
    return "Born at " + result.bornAt + " weeks: " + early + " (we count 40 weeks as full term). ";
  }

  function ageParagraphs(result, on) {
    var out = [];
    var actual = describeAge(result.actual);
    var bornAt = bornAtWords(result);
    if (result.reason === "corrected") {
      out.push(paragraph((bornAt || "Your baby was born about " + plural(result.weeksEarly, "week") + " early. ") +
        "Their corrected age is " + describeAge(result.corrected) + "."));
      out.push(paragraph("Corrected age is their age counted from their due date. " +
        "We use it on this page until they are 2. Their age from birth is " + actual + "."));
    } else if (result.reason === "before-due-date") {
      out.push(paragraph(bornAt + "Your baby is " + actual + " old. They have not reached their due date yet, " +
        "so we show what most babies do in their first months."));
    } else {
      out.push(paragraph("Your child is " + actual + " old."));
      if (result.reason === "term" && bornAt) {
        out.push(paragraph(bornAt + "A baby born at 37 weeks or later is not counted as early. " +
          "So we use their age from birth."));
      } else if (result.reason === "term") {
        out.push(paragraph("Your baby was born 3 weeks or less before their due date. " +
          "So we use their age from birth."));
      } else if (result.reason === "over-2") {
        out.push(paragraph(bornAt + "Your child was born early, but they are now 2 or older. " +
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
            input.addEventListener("change", function () { answered(key, choice[0]); });
            choices.appendChild(element("span", { "class": "app-radio app-radio--inline" },
              [input, element("label", { "for": id, text: choice[1] })]));
          });
          group.appendChild(element("fieldset", { "class": "app-planner-item", "data-key": key,
            "data-reached": result.used.months >= checkpoint.months ? "yes" : "no" }, [legend, choices]));
        });
        var source = element("p", { "class": "app-planner-source" }, ["Source: "]);
        source.appendChild(element("a", { href: checkpoint.source, text: "CDC milestones at " + checkpoint.age }));
        group.appendChild(source);
        out.push(group);
      });
    return out;
  }

  // ---------------------------------------------------------------- "Not yet": what to try, and when to ask

  function activityById(id) {
    return data.activities.filter(function (a) { return a.id === id; })[0] || null;
  }

  /**
   * The milestones on screen that the child has reached and the parent answered "Not yet", in
   * the list's order: [{key, age, item}]. Only a reached age counts: "Not yet" for an age still
   * to come is what most children of that age say too.
   */
  function notYetItems(result) {
    var out = [];
    data.checkpoints.forEach(function (checkpoint) {
      if (!result.band || checkpoint.band !== result.band.id || result.used.months < checkpoint.months) return;
      checkpoint.items.forEach(function (item, index) {
        var key = checkpoint.months + "-" + index;
        if (answers[key] === "no") out.push({ key: key, age: checkpoint.age, item: item });
      });
    });
    return out;
  }

  /** The ideas for what the child cannot do yet, each once, with the first milestone it is for. */
  function notYetIdeas(result) {
    var out = [], seen = {};
    notYetItems(result).forEach(function (missing) {
      (missing.item.play || []).forEach(function (id) {
        var activity = activityById(id);
        if (!activity || seen[id]) return;
        seen[id] = true;
        out.push({ activity: activity, skill: missing.item.text });
      });
    });
    return out;
  }

  /** A list of play ideas as links, each with what it is; or, with none, who to ask instead. */
  function ideaLinks(ids) {
    var chosen = ids.map(activityById).filter(Boolean);
    if (!chosen.length) {
      return paragraph("We do not have a play idea for this yet. Ask your health visitor what you can try.");
    }
    return element("ul", { "class": "app-planner-notyet__ideas" }, chosen.map(function (activity) {
      return element("li", {}, [element("a", { href: activity.url, text: activity.title }), ": " + activity.description]);
    }));
  }

  /**
   * Beside a "Not yet" answer: the play ideas for that skill, then the age page's own "When to ask
   * for help" cards (copied from the hidden copy the build put in the page). Only the first panel
   * has the cards; the others link to it, so three "Not yet" answers do not repeat them.
   */
  function notYetPanel(missing, cardsAt) {
    var id = "planner-m" + missing.key + "-notyet";
    var panel = element("div", { "class": "app-planner-notyet", id: id }, [
      element("h4", { text: "Play ideas for this" }), ideaLinks(missing.item.play || []),
      element("h4", { id: id + "-ask", text: "When to ask for help" })
    ]);
    var cards = document.querySelector(".app-planner-signs[data-band='" + shown.band.id + "']");
    if (!cardsAt && cards) {
      Array.prototype.forEach.call(cards.children, function (card) { panel.appendChild(card.cloneNode(true)); });
    } else {
      panel.appendChild(element("p", {}, [element("a", { href: "#" + cardsAt, text: "See when to ask for help" }),
        ", under the first thing your child cannot do yet."]));
    }
    return panel;
  }

  /** Every "Not yet" panel, the ideas list and the printed lists, from the answers now. */
  function showNotYet() {
    if (!shown) return;
    var old = document.querySelectorAll("#planner-checklist .app-planner-notyet");
    Array.prototype.forEach.call(old, function (panel) { panel.parentNode.removeChild(panel); });
    var cardsAt = "";
    notYetItems(shown).forEach(function (missing) {
      var question = document.querySelector("#planner-checklist [data-key='" + missing.key + "']");
      var panel = notYetPanel(missing, cardsAt);
      question.parentNode.insertBefore(panel, question.nextSibling);
      if (!cardsAt) cardsAt = panel.id + "-ask";
    });
    replaceChildren(byId("planner-ideas"), ideas(shown));
    replaceChildren(byId("planner-first"), firstIdeas(shown));
    replaceChildren(byId("planner-noticed"), noticed(shown));
    replaceChildren(byId("planner-lines"), writingLines(notYetItems(shown).length));
  }

  /** A Can do or Not yet answer: kept, and the page answers "Not yet" at once beside it. */
  function answered(key, choice) {
    answers[key] = choice;
    showNotYet();
    var question = document.querySelector("#planner-checklist [data-key='" + key + "']");
    byId("planner-notyet-said").textContent = choice === "no" && question.getAttribute("data-reached") === "yes"
      ? "Play ideas for this, and when to ask for help, are below this question." : "";
  }

  /**
   * Every idea for the age, A to Z; the ideas for what the child cannot do yet come first, each
   * saying which skill it helps with (one of them may be for another age, where the skill is).
   */
  function ideas(result) {
    var first = notYetIdeas(result);
    var firstIds = first.map(function (idea) { return idea.activity.id; });
    var rest = data.activities.filter(function (a) {
      return result.band && a.tags.indexOf(result.band.tag) !== -1 && firstIds.indexOf(a.id) === -1;
    });
    if (!first.length && !rest.length) {
      return [element("li", { text: "We do not have play ideas for this age yet." })];
    }
    // On paper each idea shows its short address, to type in later; on screen, its description.
    return first.concat(rest.map(function (a) { return { activity: a }; })).map(function (idea) {
      var activity = idea.activity;
      var parts = [
        element("a", { href: activity.url, text: activity.title }),
        element("span", { "class": "app-planner-ideas__text", text: ": " + activity.description })
      ];
      if (idea.skill) {
        parts.push(element("span", { "class": "app-planner-ideas__for", text: " For \u201c" + idea.skill + "\u201d." }));
      }
      parts.push(element("span", { "class": "app-planner-ideas__address app-planner-print-only", text: activity.address }));
      return element("li", idea.skill ? { "class": "app-planner-ideas__first" } : {}, parts);
    });
  }

  var PRINTED_FIRST = 6;   // ideas to try first on paper at most, so the plan stays one A4 sheet

  /**
   * On paper: the ideas for what the child cannot do yet, then the ideas the age page says to try
   * first, each with whom it is for and its short address, then the age page's address for the
   * rest, so the plan stays one sheet in 11 pt type. An age page without "Try these first" and no
   * "Not yet" answers prints every idea instead.
   */
  function firstIdeas(result) {
    var pageFirst = result.band ? result.band.first || [] : [];
    var fromAnswers = notYetIdeas(result).map(function (idea) {
      return { "for": "For \u201c" + idea.skill + "\u201d", title: idea.activity.title, address: idea.activity.address };
    });
    var titles = fromAnswers.map(function (idea) { return idea.title; });
    var first = fromAnswers.concat(pageFirst.filter(function (idea) { return titles.indexOf(idea.title) === -1; }))
      .slice(0, Math.max(PRINTED_FIRST, fromAnswers.length));
    byId("planner-ideas").classList.toggle("app-planner-ideas--all", !first.length);
    byId("planner-first-label").hidden = !first.length;
    byId("planner-more-ideas").textContent = first.length
      ? "More play ideas for " + result.band.label + ": " + result.band.address : "";
    // A link on screen; on paper the same words with the short address to type in.
    return first.map(function (idea) {
      var activity = data.activities.filter(function (a) { return a.title === idea.title; })[0];
      var title = activity ? element("a", { href: activity.url, text: idea.title }) : idea.title;
      return element("li", {}, [idea["for"] + ": ", element("strong", {}, [title]), " ",
        element("span", { "class": "app-planner-ideas__address", text: idea.address })]);
    });
  }

  var NOTICED_LINES = 3;   // lines under "What I noticed" on paper, each "Not yet" answer taking one

  /** Empty lines to write on by hand: fewer as "Not yet" answers fill the space, never none. */
  function writingLines(answered) {
    var out = [];
    for (var i = Math.max(1, NOTICED_LINES - answered); i > 0; i--) out.push(element("div", {}));
    return out;
  }

  /** On paper, under "What I noticed": each "Not yet" answer for an age reached, to talk about. */
  function noticed(result) {
    return notYetItems(result).map(function (missing) {
      return element("li", {}, ["Not yet at " + missing.age + ": " + missing.item.text]);
    });
  }

  function replaceChildren(node, children) {
    node.textContent = "";
    children.forEach(function (child) { node.appendChild(child); });
  }

  function render(result, on, name) {
    shown = result;
    byId("planner-results-title").textContent = planTitle(name);
    replaceChildren(byId("planner-age"), ageParagraphs(result, on));
    byId("planner-band").hidden = !result.band;
    replaceChildren(byId("planner-checklist"), checklist(result));
    showNotYet();
    results.hidden = false;
  }

  function show(options) {
    var on = today();
    var current = values();
    var errors = validate(current, on);
    if (errors.length) {
      if (options.quiet) return false;
      // An unlikely year is asked about once: pressed again with the same date, it is accepted.
      errors.forEach(function (error) { if (error.confirm) confirmedBirth = error.confirm; });
      showErrors(errors);
      return false;
    }
    clearErrors();
    render(assess(current, on, data.bands), on, current.name);
    if (!options.quiet) focusInView(byId("planner-results-title"));
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

  // ---------------------------------------------------------------- saving, one key for every child
  //
  // Every change reads the key again first and changes only its own child, so a tab never
  // writes over what another tab saved; tabs hear each other's changes through the "storage"
  // event. What this page cannot read is never changed or removed, except by "Forget".

  function storage() {
    try { return window.localStorage; } catch (error) { return null; }
  }

  /** What is saved on this device now: readStored()'s {state, children, unread, raw}. */
  function readStore() {
    var store = storage(), raw = null;
    try { raw = store ? store.getItem(STORAGE_KEY) : null; } catch (error) { raw = null; }
    return readStored(raw);
  }

  /** Stores this text, or removes the key for null. Throws when the browser refuses. */
  function writeText(value) {
    var store = storage();
    if (!store) throw new Error("no storage");
    if (value === null) store.removeItem(STORAGE_KEY);
    else store.setItem(STORAGE_KEY, value);
  }

  function findChild(list, id) {
    return list.children.filter(function (child) { return child.id === id; })[0] || null;
  }

  function listSaved(list) {
    var section = byId("planner-children");
    var items = list.children.map(function (child) {
      var born = dateOf(child.dob);
      var label = childLabel(child);
      var open = element("button", { type: "button", "class": "md-button", "data-child": child.id },
        ["Open ", element("span", { "class": "app-visually-hidden", text: label + "'s answers" })]);
      var drop = element("button", { type: "button", "class": "md-button", "data-child": child.id },
        ["Forget ", element("span", { "class": "app-visually-hidden", text: label + "'s answers" })]);
      open.addEventListener("click", function () { openSaved(child.id); });
      drop.addEventListener("click", function () { forgetOne(child.id); });
      var words = [element("strong", { "class": "app-planner-children__name", text: label })];
      if (born) words.push(", born " + describeDate(born));
      if (child.id === openChild) words.push(" (on screen now)");
      return element("li", child.id === openChild ? { "aria-current": "true" } : {}, [
        element("span", { "class": "app-planner-children__label" }, words),
        element("span", { "class": "app-planner-children__buttons" }, [open, drop])
      ]);
    });
    replaceChildren(byId("planner-children-list"), items);
    section.hidden = !items.length;
  }

  // What the parent is told when the key holds something this page cannot read.
  var UNKNOWN_WORDS = {
    newer: "Answers were saved on this device by a newer version of this page, so this page " +
      "cannot open them. We have not changed or removed them. Close this page and open it again later to see them.",
    unreadable: "Something is saved on this device that this page cannot read. We have not " +
      "changed or removed it."
  };

  /** Shows or hides the message about saved data this page cannot read. */
  function showUnknown(found) {
    var known = found.state === "ok" || found.state === "empty";
    byId("planner-unknown").hidden = known;
    byId("planner-unknown-text").textContent = known ? "" : UNKNOWN_WORDS[found.state];
  }

  /** The list and the message about unreadable data, from what is saved now. */
  function refreshSaved() {
    var found = readStore();
    showUnknown(found);
    listSaved(found);
    return found;
  }

  function fillForm(child) {
    nameField.value = child.name;
    setDateBoxes("dob", child.dob);
    setDateBoxes("due", child.due);
    weeksField.value = child.weeks;
    bornField.value = child.born || "";
    radios.forEach(function (r) { r.checked = r.value === child.early; });
    answers = JSON.parse(JSON.stringify(child.answers));
    // A saved date of birth was checked when it was saved: its year is not queried again.
    var born = dateOf(child.dob);
    confirmedBirth = born ? toISO(born) : "";
    showMoreFields();
  }

  function clearForm() {
    answers = {};
    openChild = "";
    confirmedBirth = "";
    form.reset();
    clearErrors();
    showMoreFields();
    results.hidden = true;
    shown = null;
    replaceChildren(byId("planner-checklist"), []);
  }

  function save() {
    var found = readStore();
    if (found.state === "newer" || found.state === "unreadable") {
      sayBySave("We did not save, so that what this page cannot read stays as it is (see the message " +
        "at the top of the planner). Your answers are still on the screen, and you can print them.");
      return;
    }
    var record = values();
    record.answers = answers;
    // The child on screen is saved again, unless the parent has typed another child's name over
    // theirs: then this is a new child (a twin), and the first stays as it was. A child forgotten
    // in another tab meanwhile is saved again under its own id, beside any child saved there.
    var current = openChild ? findChild(found, openChild) : null;
    var renamed = current && current.name && record.name && current.name.toLowerCase() !== record.name.toLowerCase();
    var id = openChild && !renamed ? openChild : newId();
    var child = cleanChild(record, current && !renamed ? current.n : nextNumber(found.children));
    if (!child) return;
    child.id = id;
    found.children = found.children.filter(function (c) { return c.id !== id; }).concat([child]);
    found.children.sort(function (a, b) { return a.n - b.n; });
    try {
      writeText(storedText(found));
    } catch (error) {
      sayBySave("This browser did not let us save. Your answers are still on the screen.");
      return;
    }
    openChild = id;
    listSaved(found);
    var count = found.children.length;
    sayBySave("Saved " + childLabel(child) + "'s answers on this device" +
      (count > 1 ? " (" + count + " children saved)" : "") + ". If you change anything, press Save again. " +
      "Press Forget my answers to remove them.");
  }

  function openSaved(id) {
    var child = findChild(readStore(), id);
    if (!child) return;
    clearForm();
    fillForm(child);
    openChild = id;
    refreshSaved();
    if (show({ quiet: true })) {
      say("Showing " + childLabel(child) + "'s answers.");
      focusInView(byId("planner-results-title"));
    } else {
      show({ quiet: false });
    }
  }

  // ---------------------------------------------------------------- forgetting, with Undo

  var forgotten = null;   // {raw, children}: what the last Forget removed, until the page is left

  /** Keeps what a Forget removed, and offers Undo for it. */
  function offerUndo(removed, words) {
    forgotten = removed;
    byId("planner-undo-text").textContent = words;
    byId("planner-undo-box").hidden = false;
  }

  /** Forgets one saved child; the others, saved in this tab or another, stay. */
  function forgetOne(id) {
    var found = readStore();
    var child = findChild(found, id);
    if (!child) return;
    found.children = found.children.filter(function (c) { return c.id !== id; });
    try { writeText(storedText(found)); } catch (error) { /* nothing could be saved, so nothing is kept */ }
    if (id === openChild) clearForm();
    refreshSaved();
    offerUndo({ raw: null, children: [child] }, "You forgot " + childLabel(child) + "'s answers.");
    say(childLabel(child) + "'s answers are gone from this device.", true);
  }

  /** "Forget my answers": the child on screen, if saved; the other children stay. */
  function forgetShown() {
    var found = readStore();
    if (openChild && findChild(found, openChild)) {
      forgetOne(openChild);
      if (found.children.length === 1) say("Your answers are gone from this device.", true);
      return;
    }
    clearForm();
    say(found.state === "empty" ? "Your answers are gone from this device."
      : "The answers on the screen are gone. What was saved before on this device is still there.", true);
  }

  /** "Forget all": first ask, in the page, saying how many children it would remove. */
  function askForgetAll() {
    var found = readStore();
    var count = found.children.length;
    byId("planner-confirm-title").textContent = found.state === "ok"
      ? "Forget the answers for " + (count === 1 ? "the child" : "all " + count + " children") + " saved on this device?"
      : "Forget what is saved on this device?";
    byId("planner-confirm").hidden = false;
    focusInView(byId("planner-confirm"), "center");
  }

  function cancelForgetAll() {
    byId("planner-confirm").hidden = true;
    var back = byId("planner-children").hidden ? byId("planner-unknown-forget") : byId("planner-forget-all");
    back.focus();
  }

  /** Removes everything saved on this device, keeping it in memory for Undo. */
  function forgetAll() {
    byId("planner-confirm").hidden = true;
    var found = readStore();
    try { writeText(null); } catch (error) { /* nothing was saved */ }
    clearForm();
    refreshSaved();
    var count = found.children.length;
    offerUndo({ raw: found.raw, children: found.children }, found.state === "ok"
      ? "You forgot the answers for " + (count === 1 ? "1 child" : count + " children") + "."
      : "You forgot what was saved on this device.");
    say("Your answers are gone from this device.", true);
  }

  /**
   * Brings back what the last Forget removed. Into an empty key it goes back exactly as it was;
   * beside children saved since, only its own children are added, and nothing there is replaced.
   */
  function undoForget() {
    if (!forgotten) return;
    var now = readStore();
    try {
      if (now.state === "empty" && forgotten.raw !== null) writeText(forgotten.raw);
      else if (now.state === "ok" || now.state === "empty") writeText(storedText(mergeChildren(now, forgotten.children)));
      else throw new Error("something else is saved");
    } catch (error) {
      say("We could not bring your answers back: this browser did not let us save.", true);
      return;
    }
    forgotten = null;
    byId("planner-undo-box").hidden = true;
    var found = refreshSaved();
    if (found.children.length === 1 && results.hidden) openOnlyChild(found);
    say("Your answers are back on this device.", true);
  }

  function addChild() {
    clearForm();
    refreshSaved();
    say("");
    nameField.focus();
  }

  /** With one child saved, it is on screen at once, as the parent left it. */
  function openOnlyChild(found) {
    fillForm(found.children[0]);
    openChild = found.children[0].id;
    listSaved(found);
    return show({ quiet: true });
  }

  // Nothing is written on load: a value in the first planner's format becomes version 2 at the
  // next Save, and anything this page cannot read stays as it is.
  function restore() {
    var found = refreshSaved();
    if (found.children.length === 1) {
      if (openOnlyChild(found)) {
        say("We found answers you saved on this device. Press Forget my answers to remove them.");
      }
    } else if (found.children.length > 1) {
      say("We found answers for " + found.children.length + " children saved on this device. " +
        "Press Open to see a child's answers.");
    }
  }

  // Another tab saved or forgot: the list here follows, and a child on screen that was forgotten
  // there is said to be, so the parent knows a Save here would keep it again.
  function heardFromAnotherTab(event) {
    if (event.key !== STORAGE_KEY && event.key !== null) return;
    var found = refreshSaved();
    if (openChild && !findChild(found, openChild) && !results.hidden) {
      say("These answers were forgotten in another window. Press Save on this device to keep them.");
    }
  }

  /** A whole date typed or pasted into one of a date's boxes goes into its three boxes. */
  function splitWholeDate(field, event) {
    var parts = splitDate(event.target.value);
    if (parts) setDateBoxes(field, parts);
  }

  // Show the planner instead of the list of age pages, now that it can run.
  byId("planner-fallback").hidden = true;
  root.hidden = false;
  radios.forEach(function (r) { r.addEventListener("change", showMoreFields); });
  ["dob", "due"].forEach(function (field) {
    BOXES.forEach(function (part) {
      box(field, part).addEventListener("input", function (event) { splitWholeDate(field, event); });
    });
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    say("");
    show({ quiet: false });
  });
  byId("planner-print").addEventListener("click", function () { window.print(); });
  byId("planner-save").addEventListener("click", save);
  byId("planner-forget").addEventListener("click", forgetShown);
  byId("planner-forget-all").addEventListener("click", askForgetAll);
  byId("planner-unknown-forget").addEventListener("click", askForgetAll);
  byId("planner-confirm-yes").addEventListener("click", forgetAll);
  byId("planner-confirm-no").addEventListener("click", cancelForgetAll);
  byId("planner-undo").addEventListener("click", undoForget);
  byId("planner-add").addEventListener("click", addChild);
  window.addEventListener("storage", heardFromAnotherTab);
  restore();
})();
