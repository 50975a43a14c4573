#!/usr/bin/env python3
"""`make bench`: how fast the site is on a cheap phone, against stock Material. Not a test.

1. Builds the site (timed from an empty picture cache, then again with it full) and a baseline
   (timed): the same docs/ with stock Material settings,
   from a generated mkdocs.yml: theme material with no custom_dir, no extra CSS or JS, no hooks,
   plugins only search, the same Markdown extensions and navigation. One difference from a
   fresh Material site: `font: false`, because this machine cannot reach Google Fonts; a stock
   site that loads Roboto would be slower, so the ratios below flatter the baseline.
2. Serves both with a real nginx (gzip on) on 127.0.0.1, from a temporary prefix; ours with the
   production rules in .ci/deploy/site-locations.conf (headers, CSP, caching).
3. Runs Lighthouse 12.2.3 (mobile, default throttling, Debian Chromium) RUNS times on each page
   of each site, taking turns, and prints the medians and the ratios ours/baseline, then the
   issue 6 targets each page meets or misses, and the audits that cost our site points.

Usage: .ci/bench.py [--runs N] [--page PATH ...] [--json FILE] [--no-strict] [--keep]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "overrides" / "hooks"))
import offline  # noqa: E402  read_settings(): what the build put into sw.js

# Lighthouse's Chromium renders with the project's fonts only, as the tests do (.ci/fonts.conf).
os.environ["FONTCONFIG_FILE"] = str(ROOT / ".ci" / "fonts.conf")

BIN = Path(sys.executable).parent
LIGHTHOUSE = ROOT / ".ci" / "node" / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = Path("/usr/bin/chromium")
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")
PAGES = ["", "ages/1-2-years/", "play/tummy-time/", "help/"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
# (label, how to read it from a report, format, issue 6 target or None)
METRICS = [
    *[(c, lambda r, c=c: r["categories"][c]["score"] * 100, "{:.0f}", None) for c in CATEGORIES],
    ("FCP s", lambda r: r["audits"]["first-contentful-paint"]["numericValue"] / 1000, "{:.2f}", None),
    ("LCP s", lambda r: r["audits"]["largest-contentful-paint"]["numericValue"] / 1000, "{:.2f}", None),
    ("TBT ms", lambda r: r["audits"]["total-blocking-time"]["numericValue"], "{:.0f}", None),
    ("CLS", lambda r: r["audits"]["cumulative-layout-shift"]["numericValue"], "{:.3f}", None),
    ("KB transferred", lambda r: r["audits"]["total-byte-weight"]["numericValue"] / 1024, "{:.1f}", None),
    ("requests", lambda r: len(r["audits"]["network-requests"]["details"]["items"]), "{:.0f}", None),
    ("other hosts", lambda r: len(other_hosts(r)), "{:.0f}", None),
]


def say(message: str) -> None:
    print(message, flush=True)


def stop(message: str) -> None:
    print(f"make bench: {message}", file=sys.stderr)
    sys.exit(1)


def other_hosts(report: dict) -> set[str]:
    own = urlparse(report["finalDisplayedUrl"]).netloc
    hosts = set()
    for item in report["audits"]["network-requests"]["details"]["items"]:
        parsed = urlparse(item["url"])
        if parsed.scheme in ("http", "https", "ws", "wss") and parsed.netloc != own:
            hosts.add(parsed.netloc)
    return hosts


# --- what the benchmark needs -------------------------------------------------------------

def check_tools() -> None:
    if not CHROMIUM.exists():
        stop("Debian Chromium is missing (/usr/bin/chromium). Run 'make test' once, or: apt-get install chromium")
    if not shutil.which("node"):
        stop("Node.js is missing. On Debian: apt-get install nodejs npm")
    if not LIGHTHOUSE.exists():
        stop("Lighthouse is missing. Run: npm ci --prefix .ci/node")
    if not Path(NGINX).exists():
        if os.geteuid() == 0 and shutil.which("apt-get"):
            say("Installing Debian nginx-light for the benchmark's web server")
            env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
            subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
            subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "nginx-light"],
                           check=True, env=env, stdout=subprocess.DEVNULL)
        else:
            stop("nginx is missing. Install it, then run 'make bench' again: sudo apt-get install nginx-light")


# --- the two builds -------------------------------------------------------------------------

def top_level_block(text: str, key: str) -> str:
    """The `key:` block of mkdocs.yml as written (keeps !ENV and !!python/name tags)."""
    match = re.search(rf"^{re.escape(key)}:.*?(?=^\S|\Z)", text, re.S | re.M)
    if not match:
        stop(f"mkdocs.yml has no '{key}:' block to copy into the baseline")
    return match.group(0).rstrip() + "\n"


def baseline_config(dest: Path) -> Path:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    site_name = re.search(r"^site_name:.*$", text, re.M).group(0)
    site_url = re.search(r"^site_url:.*$", text, re.M)
    parts = [
        "# Stock Material for `make bench`: generated by .ci/bench.py from mkdocs.yml.",
        site_name,
        site_url.group(0) if site_url else "",
        f"docs_dir: {json.dumps(str(ROOT / 'docs'))}",
        "theme:",
        "  name: material",
        "  font: false  # this machine cannot reach Google Fonts (see .ci/bench.py)",
        "plugins:",
        "  - search",
        "",
        top_level_block(text, "markdown_extensions"),
    ]
    for key in ("not_in_nav", "nav"):
        if re.search(rf"^{key}:", text, re.M):
            parts.append(top_level_block(text, key))
    config = dest / "baseline-mkdocs.yml"
    config.write_text("\n".join(parts), encoding="utf-8")
    return config


def timed_build(config: Path, out: Path, strict: bool | None, cache: Path | None = None) -> float:
    command = [str(BIN / "mkdocs"), "build", "--quiet", "--config-file", str(config), "--site-dir", str(out)]
    if strict is False:
        command.append("--no-strict")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    if cache:
        env["APP_CACHE"] = str(cache)  # where share_cards.py keeps the pictures it has drawn
    start = time.perf_counter()
    # From the project folder: pymdownx.snippets reads its base_path from the working folder.
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    took = time.perf_counter() - start
    if result.returncode != 0:
        stop(f"the build with {config.name} failed:\n{result.stdout}{result.stderr}")
    return took


# --- nginx ----------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


NGINX_CONF = """\
worker_processes 1;
daemon off;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 256; }}
http {{
  include /etc/nginx/mime.types;
  types {{ application/manifest+json webmanifest; }}
  default_type application/octet-stream;
  access_log off;
  sendfile on;
  client_body_temp_path {prefix}/body;
  proxy_temp_path {prefix}/proxy;
  fastcgi_temp_path {prefix}/fastcgi;
  uwsgi_temp_path {prefix}/uwsgi;
  scgi_temp_path {prefix}/scgi;
  gzip on;
  gzip_comp_level 6;
  gzip_min_length 256;
  gzip_vary on;
  gzip_types text/css application/javascript text/javascript application/json
             application/manifest+json image/svg+xml application/xml text/xml text/plain;
{servers}
}}
"""
SERVER = "  server {{ listen 127.0.0.1:{port}; root {root}; index index.html; }}"
# Ours is served with the production rules (headers, CSP, caching, 404), from the build itself.
LOCATIONS = ROOT / ".ci" / "deploy" / "site-locations.conf"
OURS = "  server {{ listen 127.0.0.1:{port}; root {root}; include {locations}; }}"


class Nginx:
    def __init__(self, prefix: Path, roots: dict[str, Path]):
        self.prefix, self.ports = prefix, {name: free_port() for name in roots}
        prefix.mkdir(parents=True, exist_ok=True)
        servers = []
        for name, root in roots.items():
            if name == "ours":
                locations = prefix / "ours-locations.conf"
                locations.write_text(LOCATIONS.read_text(encoding="utf-8").replace("/srv/early-years/current", str(root)),
                                     encoding="utf-8")
                servers.append(OURS.format(port=self.ports[name], root=root, locations=locations))
            else:
                servers.append(SERVER.format(port=self.ports[name], root=root))
        servers = "\n".join(servers)
        self.conf = prefix / "nginx.conf"
        self.conf.write_text(NGINX_CONF.format(prefix=prefix, servers=servers), encoding="utf-8")
        self.process = None

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.ports[name]}/"

    def __enter__(self):
        self.process = subprocess.Popen([NGINX, "-p", str(self.prefix), "-c", str(self.conf),
                                         "-e", str(self.prefix / "error.log")])
        deadline = time.monotonic() + 10
        for name in self.ports:
            while True:
                try:
                    urllib.request.urlopen(self.url(name), timeout=1).read()
                    break
                except OSError:
                    if self.process.poll() is not None or time.monotonic() > deadline:
                        log = (self.prefix / "error.log").read_text(errors="replace") if (self.prefix / "error.log").exists() else ""
                        self.__exit__()
                        stop(f"nginx did not start:\n{log}")
                    time.sleep(0.1)
        return self

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def compressed_size(url: str) -> int:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=5) as response:
        return len(response.read())


def precache(site: Path, base_url: str, loaded: set[str]) -> tuple[int, float, float] | None:
    """What the service worker saves after the first page's load event, which Lighthouse does not
    count (it does not watch the worker): (files, KB compressed, KB of them the page did not load)."""
    sw = site / "sw.js"
    if not sw.exists():
        return None
    settings = offline.read_settings(sw.read_text(encoding="utf-8"))
    paths = settings["pages"] + settings["assets"]
    sizes = {path: compressed_size(base_url + path) for path in paths}
    extra = sum(size for path, size in sizes.items() if path not in loaded)
    return len(paths), sum(sizes.values()) / 1024, extra / 1024


def check_gzip(url: str) -> str:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.headers.get("Content-Encoding", "")


# --- Lighthouse -----------------------------------------------------------------------------

def lighthouse(url: str, out: Path) -> dict:
    command = ["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}",
               # Its full-page screenshot stretches the window to the whole page, which loads every
               # lazy picture: bytes no reader's first view fetches would count in "KB transferred".
               "--disable-full-page-screenshot"]
    env = dict(os.environ, CHROME_PATH=str(CHROMIUM))
    for attempt in (1, 2):
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
        if result.returncode == 0 and out.exists():
            report = json.loads(out.read_text(encoding="utf-8"))
            if not report.get("runtimeError"):
                return report
            problem = report["runtimeError"]
        else:
            problem = (result.stderr or result.stdout)[-2000:]
        say(f"  Lighthouse failed on {url} (try {attempt}): {problem}")
    stop(f"Lighthouse could not measure {url}")


def lost_points(report: dict) -> dict[str, dict[str, float]]:
    """Per category, the weighted audits that did not score full marks, with their scores."""
    found: dict[str, dict[str, float]] = {}
    for name, category in report["categories"].items():
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                found.setdefault(name, {})[ref["id"]] = audit["score"]
    return found


def describe_lost(scores: dict[str, list[float]], runs: int) -> str:
    parts = []
    for audit, values in sorted(scores.items()):
        low, high = min(values), max(values)
        span = f"{low:.2f}" if low == high else f"{low:.2f}-{high:.2f}"
        parts.append(f"{audit} {span} in {len(values)}/{runs} runs")
    return "; ".join(parts)


# --- the report -----------------------------------------------------------------------------

def ratio(ours: float, base: float) -> str:
    if base == 0:
        return "-" if ours == 0 else "inf"
    return f"{ours / base:.2f}"


def print_page(page: str, medians: dict[str, dict[str, float]]) -> None:
    say(f"\n== /{page} ==")
    say(f"  {'':<16}{'ours':>10}{'baseline':>10}{'ours/base':>11}")
    for label, _, fmt, _ in METRICS:
        ours, base = medians["ours"][label], medians["baseline"][label]
        say(f"  {label:<16}{fmt.format(ours):>10}{fmt.format(base):>10}{ratio(ours, base):>11}")


def targets(medians: dict[str, dict[str, float]]) -> list[tuple[str, bool]]:
    ours, base = medians["ours"], medians["baseline"]
    return [
        *[(f"{c} 100", ours[c] >= 100) for c in CATEGORIES],
        ("LCP <= 1.0 s", ours["LCP s"] <= 1.0),
        ("LCP <= 0.7 x baseline", ours["LCP s"] <= 0.7 * base["LCP s"]),
        ("first view <= 50 KB", ours["KB transferred"] <= 50),
        ("no layout shift", ours["CLS"] == 0),
        ("no other host", ours["other hosts"] == 0),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--page", action="append", help="a page to measure, e.g. help/ (repeatable)")
    parser.add_argument("--json", type=Path, help="also write every median and run here")
    parser.add_argument("--no-strict", action="store_true", help="build ours without --strict")
    parser.add_argument("--keep", action="store_true", help="keep the builds and reports")
    args = parser.parse_args()
    pages = args.page or PAGES

    check_tools()
    # A `kill` ends the run through the `finally` blocks below, so nginx is stopped too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    work = Path(tempfile.mkdtemp(prefix="eyp-bench-"))
    work.chmod(0o755)  # nginx's worker runs as another user when started by root
    try:
        sites = {"ours": work / "ours", "baseline": work / "baseline"}
        say("Building ours and the stock Material baseline ...")
        strict = None if not args.no_strict else False
        build_time = {
            # From nothing: an empty picture cache, so every link-preview picture is drawn.
            "ours": timed_build(ROOT / "mkdocs.yml", sites["ours"], strict, cache=work / "cache"),
            # An editor's next build: the pictures of unchanged titles come from the cache.
            "ours, pictures cached": timed_build(ROOT / "mkdocs.yml", sites["ours"], strict, cache=work / "cache"),
            "baseline": timed_build(baseline_config(work), sites["baseline"], False),
        }
        for page in pages:
            for name, site in sites.items():
                if not (site / page / "index.html").exists():
                    stop(f"/{page} was not built in the {name} site")

        reports = work / "reports"
        reports.mkdir()
        runs: dict[str, dict[str, list[dict]]] = {p: {"ours": [], "baseline": []} for p in pages}
        lost: dict[str, dict[str, dict[str, list[float]]]] = {p: {} for p in pages}
        first_loads: set[str] = set()
        with Nginx(work / "nginx", sites) as nginx:
            say(f"nginx: ours at {nginx.url('ours')}, baseline at {nginx.url('baseline')}; gzip: "
                f"{check_gzip(nginx.url('ours')) or 'OFF'}")
            total = args.runs * len(pages) * len(sites)
            done = 0
            for run in range(args.runs):
                for page in pages:
                    for name in sites:  # taking turns, so a slow spell hits both alike
                        done += 1
                        say(f"  [{done}/{total}] run {run + 1}: {name} /{page}")
                        report = lighthouse(nginx.url(name) + page, reports / f"{name}-{page.replace('/', '_') or 'home'}-{run}.json")
                        runs[page][name].append({label: read(report) for label, read, _, _ in METRICS})
                        if name == "ours" and page == pages[0] and run == 0:
                            first_loads = {urlparse(i["url"]).path.lstrip("/") for i in
                                           report["audits"]["network-requests"]["details"]["items"]}
                        if name == "ours":
                            for category, audits in lost_points(report).items():
                                for audit, score in audits.items():
                                    lost[page].setdefault(category, {}).setdefault(audit, []).append(score)

            saved = precache(sites["ours"], nginx.url("ours"), first_loads)
        summary = {"build_seconds": build_time, "runs": args.runs, "pages": {}, "precache": saved}
        say("\nMedians of %d Lighthouse %s runs per page (mobile, default throttling)." %
            (args.runs, json.loads(next(reports.glob("*.json")).read_text())["lighthouseVersion"]))
        for page in pages:
            medians = {name: {label: statistics.median(r[label] for r in runs[page][name])
                              for label, *_ in METRICS} for name in sites}
            print_page(page, medians)
            checks = targets(medians)
            say("  targets: " + "; ".join(f"{'yes' if ok else 'NO'} {text}" for text, ok in checks))
            summary["pages"][page or "home"] = {"medians": medians, "runs": runs[page], "targets": dict(checks),
                                                "lost_points": lost[page]}
        say("\nAudits that cost our pages points (score, and in how many runs):")
        for page in pages:
            for category, audits in sorted(lost[page].items()):
                say(f"  /{page} {category}: {describe_lost(audits, args.runs)}")
        if saved:
            say(f"\nService worker, after the load event of a first visit to /{pages[0]}: saves {saved[0]} files, "
                f"{saved[1]:.1f} KB compressed, of which {saved[2]:.1f} KB the page had not loaded itself "
                "(Lighthouse does not count these).")
        say(f"\nFull build, wall clock, one of each: ours from an empty cache {build_time['ours']:.1f} s, baseline "
            f"{build_time['baseline']:.1f} s, ratio {ratio(build_time['ours'], build_time['baseline'])}; ours again with "
            f"what it keeps between builds (.cache/) {build_time['ours, pictures cached']:.1f} s, "
            f"ratio {ratio(build_time['ours, pictures cached'], build_time['baseline'])}. "
            "`make bench-build` measures build CPU in paired rounds (the target).")
        if args.json:
            args.json.write_text(json.dumps(summary, indent=2), encoding="utf-8")
            say(f"Written: {args.json}")
    finally:
        if args.keep:
            say(f"Kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
