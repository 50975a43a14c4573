"""`make bench-build`: the CPU our build takes against stock Material on the same pages (issue 23).

Builds the site as `mkdocs build` does and the stock baseline of `make bench` (bench.py's
baseline_config: the same docs, nav and Markdown extensions, Material with the search plugin and
nothing of ours), one after the other in each round so both meet the same load on the machine,
and prints each round's user CPU seconds (what the build itself costs, whatever else runs), the
median of the rounds and their ratio. The target: ours at most 1.5 times stock.

One unmeasured build of each comes first, so both read warm files and ours its warm caches
(.cache/: QR codes, link-preview pictures, CSS cuts), as an editor's next build does.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench  # noqa: E402  baseline_config(), BIN, ROOT

TARGET = 1.5


def build_cpu(config: Path, out: Path) -> float:
    """User CPU seconds of one `mkdocs build` (the process and everything it starts)."""
    command = [str(bench.BIN / "mkdocs"), "build", "--quiet", "--config-file", str(config), "--site-dir", str(out)]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
    # From the project folder: pymdownx.snippets reads its base_path from the working folder.
    result = subprocess.run(command, cwd=bench.ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        bench.stop(f"the build with {config.name} failed:\n{result.stdout}{result.stderr}")
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime - before


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="paired rounds (default 3)")
    parser.add_argument("--no-warm-up", action="store_true", help="measure from the first build")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        tmp = Path(tmp)
        builds = {"ours": bench.ROOT / "mkdocs.yml", "stock": bench.baseline_config(tmp)}
        if not args.no_warm_up:
            for name, config in builds.items():
                build_cpu(config, tmp / name)
        times: dict[str, list[float]] = {name: [] for name in builds}
        for round_ in range(1, args.runs + 1):
            # Alternate who goes first, so neither always meets the other's leftovers.
            order = list(builds) if round_ % 2 else list(reversed(builds))
            for name in order:
                times[name].append(build_cpu(builds[name], tmp / name))
            print(f"round {round_}: ours {times['ours'][-1]:.2f} s, stock {times['stock'][-1]:.2f} s "
                  f"(user CPU)", flush=True)
    ours, stock = statistics.median(times["ours"]), statistics.median(times["stock"])
    ratio = ours / stock
    print(f"median of {args.runs}: ours {ours:.2f} s, stock Material {stock:.2f} s, "
          f"ratio {ratio:.2f} (target at most {TARGET}: {'met' if ratio <= TARGET else 'NOT met'})")


if __name__ == "__main__":
    main()
