"""How long an edit takes to show in `make serve` (issue 23: at most 3 seconds).

Starts `mkdocs serve` as `make serve` does (a preview; `--full` as `make serve FULL=1`), waits
for the first build, then three times adds a line with a new word to docs/play/tummy-time.md and
times how long until the served page holds that word. The page is put back as it was at the end,
whatever happens. Wall-clock seconds: they depend on what else the machine is doing.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PAGE, ADDRESS = ROOT / "docs" / "play" / "tummy-time.md", "play/tummy-time/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="as `make serve FULL=1`: no preview")
    args = parser.parse_args()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    command = [str(BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"]
    if not args.full:
        env["APP_PREVIEW"] = "1"
        command.append("--dirty")
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)

    def served() -> str:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/{ADDRESS}", timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    def wait_for(word: str, started: float) -> float:
        while word not in served():
            if server.poll() is not None or time.monotonic() - started > 180:
                sys.exit(f"bench_serve.py: '{word}' never showed (mkdocs serve stopped or took over 3 minutes)")
            time.sleep(0.1)
        return time.monotonic() - started

    original = PAGE.read_text(encoding="utf-8")
    try:
        print(f"first build served after {wait_for('Tummy', time.monotonic()):.1f} s")
        for n in range(1, 4):
            time.sleep(2)
            word = f"Timingword{n}x{os.getpid()}"
            started = time.monotonic()
            PAGE.write_text(original.rstrip("\n") + f"\n\nA line for timing {word}.\n", encoding="utf-8")
            print(f"edit {n}: shown after {wait_for(word, started):.2f} s")
    finally:
        PAGE.write_text(original, encoding="utf-8")
        os.killpg(server.pid, signal.SIGINT)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
