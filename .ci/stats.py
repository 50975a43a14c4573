"""Reach without tracking: count pages and channels from the server's own access log.

    make stats LOG=/var/log/nginx/early-years.access.log      (or .ci/stats.py LOG [--out DIR])

Writes DIR (default `stats/`):
  report.html    GoAccess's report of the pages asked for, by day and hour (Debian `goaccess`)
  report.json    the same figures, as GoAccess writes them
  channels.txt   how many visits came through each channel's short addresses (text message,
                 print, poster: extra.short_link_channels in mkdocs.yml) and the plain short links
  channels.json  the same, for a spreadsheet or a test
and prints channels.txt.

No IP address goes in: the shipped nginx configuration logs none (.ci/deploy/nginx.conf), and
each line is rewritten before GoAccess reads it anyway, with `-` for the client, no user name,
browser or referring page, and the address without anything after `?`. So a log kept in nginx's
usual "combined" format still gives a report without addresses. Lines that are not an access
log line are left out and counted.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
# Ours (- [time] "GET /path HTTP/2.0" 301 162) or nginx's combined/common formats, which have
# the client's address and user name before the time and more fields after the size.
LINE = re.compile(r'^\S+(?: \S+ \S+)? (?P<time>\[[^\]]+\]) "(?P<method>[A-Z]+) (?P<path>[^ ?"]*)(?:\?[^ "]*)?'
                  r'(?: (?P<protocol>[^"]*))?" (?P<status>\d{3}) (?P<bytes>\d+|-)')
GOACCESS_FORMAT = '%h [%d:%t %^] "%r" %s %b'
# Panels that would be empty or meaningless without addresses, browsers or referrers.
IGNORED_PANELS = ("VISITORS", "HOSTS", "OS", "BROWSERS", "REFERRERS", "REFERRING_SITES", "KEYPHRASES",
                  "GEO_LOCATION", "REMOTE_USER", "CACHE_STATUS", "ASN")


def without_addresses(lines) -> tuple[list[str], int]:
    """(the lines in our format, with no client address or query; how many lines were not understood)."""
    out, skipped = [], 0
    for line in lines:
        m = LINE.match(line)
        if not m:
            skipped += bool(line.strip())
            continue
        out.append(f'- {m["time"]} "{m["method"]} {m["path"] or "/"} {m["protocol"] or "HTTP/1.0"}" '
                   f'{m["status"]} {m["bytes"]}')
    return out, skipped


def read_config(path: Path) -> dict:
    """extra.short_links and extra.short_link_channels (BaseLoader: mkdocs.yml has !ENV and
    !!python/name tags, which only MkDocs reads)."""
    extra = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader).get("extra", {})
    return {"links": extra.get("short_links") or {}, "channels": extra.get("short_link_channels") or {}}


def channel_of(path: str, links: dict, channels: dict) -> tuple[str, str] | None:
    """('text', '1-2-years') for /text/1-2-years/ (any case, with or without the last slash),
    ('short link', '1-2-years') for /1-2-years/, None for any other address."""
    parts = path.lower().strip("/").split("/")
    prefixes = {str(v).strip("/"): str(k) for k, v in channels.items()}
    if len(parts) == 1 and parts[0] in links:
        return "short link", parts[0]
    if len(parts) >= 2 and parts[0] in prefixes:
        return prefixes[parts[0]], "/".join(parts[1:])
    return None


def count_channels(requests: list[dict], links: dict, channels: dict) -> dict:
    """{channel: {"total": n, "addresses": {name: n}}} from GoAccess's requests panel, every
    channel listed (with 0) so a channel nobody used still shows."""
    counts = {str(c): {"total": 0, "addresses": {}} for c in channels} | {"short link": {"total": 0, "addresses": {}}}
    for item in requests:
        found = channel_of(item["data"], links, channels)
        if found:
            channel, name = found
            hits = int(item["hits"]["count"])
            counts[channel]["total"] += hits
            counts[channel]["addresses"][name] = counts[channel]["addresses"].get(name, 0) + hits
    return counts


def channels_text(counts: dict, pages: int, skipped: int) -> str:
    names = {"text": "Text messages", "print": "Printed pages (QR code and printed address)",
             "poster": "Posters", "short link": "Short links typed or shared"}
    lines = ["Visits through each channel's short addresses (a 301 each, counted from the server's own log):", ""]
    for channel, data in counts.items():
        lines.append(f"{names.get(channel, channel)}: {data['total']}")
        for name, hits in sorted(data["addresses"].items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"    {name}: {hits}")
    lines += ["", f"Requests in the log: {pages}. Lines left out (not an access log line): {skipped}.",
              "The full report of pages is report.html. No IP address was read or written."]
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("log", type=Path, help="an nginx access log")
    parser.add_argument("--out", type=Path, default=ROOT / "stats", help="where to write the report (stats/)")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml")
    args = parser.parse_args(argv)
    goaccess = shutil.which("goaccess")
    if goaccess is None:
        print("make stats needs GoAccess: on Debian, apt-get install goaccess (make system-packages does it).",
              file=sys.stderr)
        return 1
    if not args.log.is_file():
        print(f"{args.log}: no such log. Give the access log: make stats LOG=/var/log/nginx/early-years.access.log",
              file=sys.stderr)
        return 1
    config = read_config(args.config)
    lines, skipped = without_addresses(args.log.read_text(encoding="utf-8", errors="replace").splitlines())
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        clean = Path(tmp) / "access.log"
        clean.write_text("\n".join(lines) + "\n", encoding="utf-8")
        command = [goaccess, str(clean), "--no-global-config", "--log-format", GOACCESS_FORMAT,
                   "--date-format", "%d/%b/%Y", "--time-format", "%T", "--no-ip-validation",
                   "--html-report-title", "Early Years Pathway: pages and channels",
                   "-o", str(args.out / "report.html"), "-o", str(args.out / "report.json"),
                   *(f"--ignore-panel={panel}" for panel in IGNORED_PANELS)]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            print(f"GoAccess could not read the log:\n{result.stderr.strip()}", file=sys.stderr)
            return 1
    report = json.loads((args.out / "report.json").read_text(encoding="utf-8"))
    requests = report.get("requests", {}).get("data", []) + report.get("not_found", {}).get("data", [])
    counts = count_channels(requests, config["links"], config["channels"])
    (args.out / "channels.json").write_text(json.dumps(counts, indent=2) + "\n", encoding="utf-8")
    text = channels_text(counts, len(lines), skipped)
    (args.out / "channels.txt").write_text(text, encoding="utf-8")
    print(text, end="")
    print(f"Report: {args.out / 'report.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
