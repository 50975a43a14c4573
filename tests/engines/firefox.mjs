// Debian's Firefox ESR driven over WebDriver BiDi by puppeteer-core (pinned in .ci/node), for
// tests/test_engines.py. Reads one JSON command a line on standard input and answers each with
// one JSON line: {"ok": value} or {"error": message}. Nothing is downloaded: the browser is
// /usr/bin/firefox-esr (or $FIREFOX).
import { createRequire } from "node:module";
import readline from "node:readline";

const require = createRequire(new URL("../../.ci/node/package.json", import.meta.url));
const puppeteer = require("puppeteer-core");

const browser = await puppeteer.launch({
  browser: "firefox",
  executablePath: process.env.FIREFOX || "/usr/bin/firefox-esr",
  headless: true,
  extraPrefsFirefox: { "browser.shell.checkDefaultBrowser": false, "dom.serviceWorkers.testing.enabled": true },
});
// The suite's clock (tests/clock.js, set to TODAY by tests/conftest.py), in every page.
const clock = process.env.APP_CLOCK_SCRIPT || "";
async function newPage() {
  const p = await browser.newPage();
  if (clock) await p.evaluateOnNewDocument(clock);
  return p;
}
let page = await newPage();
let tabs = [page];  // the tabs newTab opened, the first one first; `page` is the one commands go to
let problems = [];
function watch(p) {
  p.on("console", (m) => { if (m.type() === "error") problems.push("console: " + m.text()); });
  p.on("pageerror", (e) => problems.push("script error: " + (e && e.message)));
}
watch(page);

// Before leaving a page, let it finish what it started loading, as a reader who reads it would:
// Firefox logs a load cut short by leaving (the theme's script or its search index, answered by
// the service worker) as "A ServiceWorker intercepted the request and encountered an unexpected
// error", which is the test's haste, not a fault of the page (seen about 1 run in 4).
async function settle() {
  if (!/^https?:/.test(page.url())) return;
  await page.waitForFunction(
    () => !document.querySelector("script[src*='/bundle.']") || typeof window.component$ !== "undefined",
    { timeout: 10000, polling: 100 }).catch(() => {});
  await page.waitForNetworkIdle({ idleTime: 300, timeout: 5000 }).catch(() => {});
}

const commands = {
  async open({ url, width, height }) {
    await settle();
    if (width) await page.setViewport({ width, height: height || 800 });
    const response = await page.goto(url, { waitUntil: "load" });
    return { status: response ? response.status() : null, url: page.url() };
  },
  async reopen() {  // a new tab, for a page that must come from the service worker
    await page.close();
    tabs = tabs.filter((tab) => tab !== page);
    page = await newPage();
    tabs.push(page);
    watch(page);
    return true;
  },
  async newTab() {  // another tab beside this one, sharing its storage; answers its number
    page = await newPage();
    tabs.push(page);
    watch(page);
    return tabs.length - 1;
  },
  async useTab({ index }) { page = tabs[index]; return true; },
  async eval({ js }) { return await page.evaluate(js); },
  async click({ selector }) { await page.click(selector); return true; },
  async type({ selector, text }) { await page.type(selector, text, { delay: 20 }); return true; },
  async keys({ text }) { await page.keyboard.type(text, { delay: 30 }); return true; },
  async press({ key }) { await page.keyboard.press(key); return true; },
  async problems() { const out = problems; problems = []; return out; },
  async pdf({ path }) { await page.pdf({ path, format: "A4", printBackground: true }); return true; },
  async quit() { await browser.close(); process.exit(0); },
};

const lines = readline.createInterface({ input: process.stdin });
for await (const line of lines) {
  const command = JSON.parse(line);
  let answer;
  try {
    answer = { ok: await commands[command.op](command) };
  } catch (error) {
    answer = { error: String(error && error.message || error) };
  }
  process.stdout.write(JSON.stringify(answer === undefined ? { ok: null } : answer) + "\n");
}
await browser.close();
