// The planner's date arithmetic (docs/assets/planner.js), in Node's own test runner: `make test-js`.
//
// planner.js runs here as the browser runs it, unchanged: its pure functions become
// window.AppPlanner, and with no planner form on the "page" (getElementById finds nothing) it
// stops before touching the page. Every date is passed in, so the answers are the same on any day
// the suite runs; the clock is never read, except by today(), which is given its Date.
// The browser tests (tests/test_planner.py) keep what only a page can show.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import vm from "node:vm";

// A parent's phone in Leicestershire: today() reads the local date, which is not the UTC one
// for an hour each night in summer.
process.env.TZ = "Europe/London";

const ROOT = new URL("../", import.meta.url);
const SOURCE = readFileSync(new URL("docs/assets/planner.js", ROOT), "utf8");

/** window.AppPlanner from planner.js, run in this realm (so deepEqual compares plain objects). */
function loadPlanner() {
  const window = {};
  const document = { getElementById: () => null, querySelector: () => null };
  const run = vm.runInThisContext("(function (window, document) {\n" + SOURCE + "\n})",
    { filename: "docs/assets/planner.js", lineOffset: -1 });
  run(window, document);
  return window.AppPlanner;
}

const P = loadPlanner();

// The age bands as the planner's data block gives them: mkdocs.yml's `age/<from>-<to>-months|years`
// tags (site_model.age_bands), youngest first.
const BANDS = [...readFileSync(new URL("mkdocs.yml", ROOT), "utf8")
  .matchAll(/^\s+age\/(\d+)-(\d+)-(months|years):/gm)]
  .map(([, from, to, unit]) => ({ id: `${from}-${to}-${unit}`, from: from * (unit === "years" ? 12 : 1),
    to: to * (unit === "years" ? 12 : 1) }))
  .sort((a, b) => a.from - b.from);

const date = (iso) => {
  const parsed = P.parseDate(iso);
  assert.ok(parsed, `${iso} is not a real date`);
  return parsed;
};
const age = (born, on) => P.ageBetween(date(born), date(on));
/** The age as the page says it: "Your child is 1 year, 3 months and 2 days old." */
const saysAge = (born, on) => P.describeAge(age(born, on));
const assess = (values, on) => P.assess(values, date(on), BANDS);

test("the planner loads in Node without a page", () => {
  assert.equal(typeof P.ageBetween, "function");
  assert.deepEqual(BANDS.map((b) => [b.id, b.from, b.to]), [["0-6-months", 0, 6], ["6-12-months", 6, 12],
    ["1-2-years", 12, 24], ["2-3-years", 24, 36], ["3-5-years", 36, 60]]);
});

test("dates that do not exist are refused; 29 February only in a leap year", () => {
  assert.deepEqual(P.parseDate("2028-02-29"), { y: 2028, m: 2, d: 29 });
  for (const wrong of ["2027-02-29", "2100-02-29", "2027-04-31", "2027-13-01", "2027-00-10", "2027-1-5", "", "soon"]) {
    assert.equal(P.parseDate(wrong), null, wrong);
  }
  assert.deepEqual(P.parseDate("2000-02-29"), { y: 2000, m: 2, d: 29 });   // every 400 years, a leap year
  assert.equal(P.toISO({ y: 2028, m: 2, d: 9 }), "2028-02-09");
  assert.equal(P.toISO(P.parseDate(" 2027-01-31 ")), "2027-01-31");
});

test("today() is the date on the device's own calendar, from the Date it is given", () => {
  assert.deepEqual(P.today(new Date(2027, 1, 28, 23, 59, 59)), { y: 2027, m: 2, d: 28 });
  assert.deepEqual(P.today(new Date(2027, 1, 28, 24, 0, 0)), { y: 2027, m: 3, d: 1 });   // midnight: no 29th
  assert.deepEqual(P.today(new Date(2028, 1, 28, 24, 0, 0)), { y: 2028, m: 2, d: 29 });
  assert.deepEqual(P.today(new Date(2027, 11, 31, 23, 59)), { y: 2027, m: 12, d: 31 });
  // 23:30 UTC on 30 June is 00:30 on 1 July in British Summer Time: the parent's date, not UTC's.
  assert.deepEqual(P.today(new Date("2027-06-30T23:30:00Z")), { y: 2027, m: 7, d: 1 });
  assert.deepEqual(P.today(new Date("2027-12-31T23:30:00Z")), { y: 2027, m: 12, d: 31 });   // GMT in winter
});

test("days are counted across month ends, year ends, 29 February and clock changes", () => {
  const days = (a, b) => P.daysBetween(date(a), date(b));
  assert.equal(days("2027-01-31", "2027-02-01"), 1);
  assert.equal(days("2027-02-28", "2027-03-01"), 1);
  assert.equal(days("2028-02-28", "2028-03-01"), 2);
  assert.equal(days("2027-01-01", "2028-01-01"), 365);
  assert.equal(days("2028-01-01", "2029-01-01"), 366);
  assert.equal(days("2027-03-27", "2027-03-29"), 2);   // the clocks go forward on 28 March 2027
  assert.equal(days("2027-10-30", "2027-11-01"), 2);   // and back on 31 October
  assert.equal(days("2027-03-01", "2027-02-28"), -1);
  assert.equal(P.toISO(P.addDays(date("2028-02-28"), 1)), "2028-02-29");
  assert.equal(P.toISO(P.addDays(date("2027-02-28"), 1)), "2027-03-01");
  assert.equal(P.toISO(P.addDays(date("2027-12-31"), 1)), "2028-01-01");
  assert.equal(P.toISO(P.addDays(date("2028-03-01"), -1)), "2028-02-29");
});

test("31 January and 1 month: the last day of February, 28th or 29th", () => {
  const plus = (iso, n) => P.toISO(P.addMonths(date(iso), n));
  assert.equal(plus("2027-01-31", 1), "2027-02-28");
  assert.equal(plus("2028-01-31", 1), "2028-02-29");
  assert.equal(plus("2027-01-31", 2), "2027-03-31");   // from the 31st, not from the shortened February
  assert.equal(plus("2027-03-31", 1), "2027-04-30");
  assert.equal(plus("2027-08-31", 6), "2028-02-29");
  assert.equal(plus("2028-02-29", 12), "2029-02-28");
  assert.equal(plus("2028-02-29", 48), "2032-02-29");
  assert.equal(plus("2027-12-15", 1), "2028-01-15");
  assert.equal(plus("2027-03-31", -1), "2027-02-28");
  assert.equal(plus("2028-03-31", -1), "2028-02-29");
});

test("a month is complete when the day of the month reaches the birth day", () => {
  for (const [born, on, months, days] of [
    ["2027-01-31", "2027-02-28", 0, 28],   // no 31 February: not a month yet
    ["2027-01-31", "2027-03-01", 1, 1],    // the month is complete after February's last day
    ["2028-01-31", "2028-02-29", 0, 29],   // a leap year: still not a month
    ["2028-01-31", "2028-03-01", 1, 1],
    ["2027-01-29", "2027-02-28", 0, 30],
    ["2027-01-29", "2027-03-01", 1, 1],
    ["2027-01-28", "2027-02-28", 1, 0],
    ["2027-01-31", "2027-03-31", 2, 0],
    ["2027-03-31", "2027-04-30", 0, 30],
    ["2027-03-31", "2027-05-01", 1, 1],
    ["2027-01-15", "2027-01-15", 0, 0],    // born today
    ["2027-01-15", "2028-01-14", 11, 30],
    ["2027-01-15", "2028-01-15", 12, 0],
    ["2027-12-20", "2028-01-05", 0, 16],   // across a new year
    ["2026-12-31", "2027-12-31", 12, 0],
    ["2027-02-28", "2028-02-28", 12, 0],
    ["2027-02-28", "2028-02-29", 12, 1],
  ]) {
    assert.deepEqual(age(born, on), { months, days }, `born ${born}, on ${on}`);
  }
  assert.equal(age("2027-03-02", "2027-03-01"), null);   // not born yet
});

test("born on 29 February 2028: a birthday on 1 March in the years without one", () => {
  for (const [on, months, days] of [
    ["2028-03-28", 0, 28],
    ["2028-03-29", 1, 0],
    ["2029-02-28", 11, 30],   // no 29 February in 2029: not 1 year yet
    ["2029-03-01", 12, 1],    // 1 year old on 1 March, as in UK law
    ["2031-03-01", 36, 1],
    ["2032-02-28", 47, 30],
    ["2032-02-29", 48, 0],    // 4 years old on their own birthday in the next leap year
  ]) {
    assert.deepEqual(age("2028-02-29", on), { months, days }, `on ${on}`);
  }
  assert.equal(saysAge("2028-02-29", "2029-02-28"), "11 months and 30 days");
  assert.equal(saysAge("2028-02-29", "2029-03-01"), "1 year and 1 day");
  assert.equal(saysAge("2028-02-29", "2032-02-29"), "4 years");
});

test("every day of 2027 and 2028, for 3 years: each day adds a day, or completes a month", () => {
  for (let born = date("2027-01-01"); P.toISO(born) <= "2028-12-31"; born = P.addDays(born, 1)) {
    let before = { months: 0, days: 0 };
    for (let n = 1, on = P.addDays(born, 1); n <= 3 * 366; n++, on = P.addDays(on, 1)) {
      const now = P.ageBetween(born, on);
      const next = now.months === before.months ? now.days === before.days + 1
        : now.months === before.months + 1 && (now.days === 0 ? on.d === born.d : now.days === 1 && on.d === 1);
      if (!next) {
        assert.fail(`born ${P.toISO(born)}: ${JSON.stringify(before)} then ${JSON.stringify(now)} on ${P.toISO(on)}`);
      }
      before = now;
    }
  }
});

test("the age in the page's words: years, months and days, with 'and' before the last", () => {
  for (const [born, on, words] of [
    ["2027-03-15", "2027-03-15", "0 days"],
    ["2027-03-15", "2027-03-16", "1 day"],
    ["2027-01-31", "2027-02-28", "28 days"],
    ["2027-01-31", "2027-03-01", "1 month and 1 day"],
    ["2027-01-31", "2027-03-31", "2 months"],
    ["2026-12-15", "2028-03-15", "1 year and 3 months"],   // 15 months to the day
    ["2026-12-15", "2028-03-16", "1 year, 3 months and 1 day"],
    ["2026-12-15", "2028-03-14", "1 year, 2 months and 28 days"],   // 15 February to 14 March 2028: 28 days
    ["2026-12-31", "2028-03-31", "1 year and 3 months"],
    ["2026-12-31", "2028-02-29", "1 year, 1 month and 29 days"],
    ["2027-02-28", "2029-02-28", "2 years"],
    ["2027-02-28", "2029-03-01", "2 years and 1 day"],
    ["2025-06-15", "2028-07-17", "3 years, 1 month and 2 days"],
  ]) {
    assert.equal(saysAge(born, on), words, `born ${born}, on ${on}`);
  }
});

test("corrected age: counted from the due date, for babies born before 37 weeks, until 2", () => {
  // Born 7 December 2027, 12 weeks early: due on 29 February 2028.
  const born = date("2027-12-07"), early = 12 * 7;
  assert.equal(P.toISO(P.addDays(born, early)), "2028-02-29");
  const corrected = (on) => P.correctedAge(born, date(on), early);
  assert.deepEqual(corrected("2028-01-15"), { months: 0, days: 0, beforeDueDate: true });
  assert.deepEqual(corrected("2028-02-29"), { months: 0, days: 0 });
  assert.deepEqual(corrected("2028-03-29"), { months: 1, days: 0 });
  assert.deepEqual(corrected("2029-02-28"), { months: 11, days: 30 });
  assert.deepEqual(corrected("2029-03-01"), { months: 12, days: 1 });
  assert.deepEqual(corrected("2029-12-06"), { months: 21, days: 7 });   // the day before 2 from birth
  assert.equal(corrected("2029-12-07"), null);                            // 2 from birth: age from birth again
  // Corrected age is the age from birth less the weeks early, in days.
  assert.equal(P.daysBetween(born, date("2028-07-01")) - early, P.daysBetween(date("2028-02-29"), date("2028-07-01")));
  // 3 weeks early is born at 37 weeks: not early enough to correct.
  assert.equal(P.bornBefore37Weeks(21), false);
  assert.equal(P.bornBefore37Weeks(22), true);
  assert.equal(P.correctedAge(born, date("2028-06-01"), 21), null);
});

test("the three ways to say how early agree: weeks early, the due date, weeks of pregnancy", () => {
  const on = "2028-07-01";
  const byWeeks = assess({ dob: "2028-01-01", early: "weeks", weeks: "9" }, on);
  const byDueDate = assess({ dob: "2028-01-01", early: "due", due: "2028-03-04" }, on);
  const byGestation = assess({ dob: "2028-01-01", early: "born", born: "31" }, on);   // 40 - 31 = 9 weeks
  assert.deepEqual(byWeeks.actual, { months: 6, days: 0 });
  assert.deepEqual(byWeeks.corrected, { months: 3, days: 27 });   // from 4 March (after 29 February)
  for (const result of [byWeeks, byDueDate, byGestation]) {
    assert.deepEqual(result.corrected, byWeeks.corrected);
    assert.equal(result.reason, "corrected");
    assert.equal(result.daysEarly, 63);
    assert.equal(result.weeksEarly, 9);
    assert.equal(result.band.id, "0-6-months");   // from birth it would be 6 to 12 months
  }
  assert.equal(P.describeAge(byWeeks.corrected), "3 months and 27 days");
  assert.equal(P.describeAge(byWeeks.actual), "6 months");
  const term = assess({ dob: "2028-01-01", early: "weeks", weeks: "3" }, on);
  assert.equal(term.corrected, null);
  assert.equal(term.reason, "term");   // 3 weeks early is born at 37 weeks
  const fourWeeks = assess({ dob: "2028-01-01", early: "weeks", weeks: "4" }, on);
  assert.equal(fourWeeks.reason, "corrected");
  assert.deepEqual(fourWeeks.corrected, { months: 5, days: 2 });   // due 29 January 2028
  for (const [weeks, reason] of [["36", "corrected"], ["37", "term"], ["40", "term"], ["42", "term"]]) {
    assert.equal(assess({ dob: "2028-01-01", early: "born", born: weeks }, on).reason, reason, `born at ${weeks} weeks`);
  }
  assert.equal(P.daysEarlyFromBirthWeek(23), 17 * 7);   // the earliest, as the other routes allow
  const beforeDue = assess({ dob: "2028-01-01", early: "weeks", weeks: "10" }, "2028-02-01");
  assert.equal(beforeDue.reason, "before-due-date");
  assert.equal(beforeDue.band.id, "0-6-months");
});

test("corrected age stops at 2 years from birth", () => {
  const values = { dob: "2026-02-28", early: "weeks", weeks: "10" };
  const before = assess(values, "2028-02-27");
  assert.deepEqual(before.actual, { months: 23, days: 30 });
  assert.equal(before.reason, "corrected");
  assert.equal(before.band.id, "1-2-years");
  const atTwo = assess(values, "2028-02-28");
  assert.deepEqual(atTwo.actual, { months: 24, days: 0 });
  assert.equal(atTwo.corrected, null);
  assert.equal(atTwo.reason, "over-2");
  assert.equal(atTwo.band.id, "2-3-years");
});

test("the band for an age, and a child past 5", () => {
  for (const [months, band] of [[0, "0-6-months"], [5, "0-6-months"], [6, "6-12-months"], [11, "6-12-months"],
    [12, "1-2-years"], [23, "1-2-years"], [24, "2-3-years"], [35, "2-3-years"], [36, "3-5-years"],
    [59, "3-5-years"], [60, "3-5-years"], [61, null]]) {
    const found = P.bandFor(months, BANDS);
    assert.equal(found && found.id, band, `${months} months`);
  }
  const five = assess({ dob: "2023-02-28", early: "no" }, "2028-02-28");
  assert.deepEqual(five.used, { months: 60, days: 0 });
  assert.equal(five.band.id, "3-5-years");
  assert.equal(five.over5, false);
  const past = assess({ dob: "2023-01-31", early: "no" }, "2028-03-01");
  assert.deepEqual(past.used, { months: 61, days: 1 });
  assert.equal(past.band, null);
  assert.equal(past.over5, true);
  const almost = assess({ dob: "2023-02-28", early: "no" }, "2028-02-27");
  assert.equal(almost.band.id, "3-5-years");
  assert.equal(almost.over5, false);
});

test("a date of birth after the day it is checked on is refused; the same day is not", () => {
  const dob = (iso) => P.validate({ dob: iso, early: "no" }, date("2028-02-29"));
  assert.deepEqual(dob("2028-03-01"), [{ field: "dob", message: "Date of birth must be today or in the past",
    boxes: ["day", "month", "year"] }]);
  assert.deepEqual(dob("2028-02-29"), []);
  assert.deepEqual(P.validate({ dob: { day: "29", month: "2", year: "2027" }, early: "no" }, date("2028-02-29")),
    [{ field: "dob", message: "Date of birth must be a real date", boxes: ["day"] }]);
  assert.deepEqual(P.validate({ dob: { day: "29", month: "Feb", year: "2028" }, early: "no" }, date("2028-02-29")), []);
});
