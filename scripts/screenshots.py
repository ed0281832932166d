#!/usr/bin/env python3
"""Take the README's screenshots: graph.html and timeline.html as a person sees them.

Usage: screenshots.py [--from BUILD] [--out DIR] [--pages graph timeline] [--suffix TEXT]
                      [--width 1400] [--height 900]

Each page of a build folder (``--from``; by default the seeds are built into a temporary folder
first, as ``ctkg build`` does) is opened from disk in headless Chromium (Debian's ``chromium``, or
the browser in ``CTKG_CHROMIUM``) through Playwright, in a window of WIDTHxHEIGHT CSS pixels at
device scale 1, the size of an ordinary laptop browser window. The graph is taken once the page
has laid it out (its ``#network`` says ``data-layout="done"``), the timeline once its marks are
drawn; each is written to ``DIR/<page><suffix>.png`` (default ``docs/graph.png`` and
``docs/timeline.png``, the README's pictures). Retake both after a change to either page:

    python scripts/screenshots.py
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions"]
READY = {
    "graph": "() => document.getElementById('network') && "
             "document.getElementById('network').getAttribute('data-layout') === 'done'",
    "timeline": "() => document.querySelectorAll('.main-svg .scatterlayer .trace').length > 0",
}


def chromium() -> str:
    path = os.environ.get("CTKG_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise SystemExit("chromium is not installed (apt-get install chromium)")
    return path


def build_seeds(folder: Path) -> Path:
    sys.path.insert(0, str(ROOT))
    from graph.pipeline import run_build

    run_build([ROOT / "seeds"], folder)
    return folder


def take(build: Path, out: Path, pages: list[str], suffix: str, width: int, height: int,
         timeout_s: float = 180) -> list[Path]:
    from playwright.sync_api import sync_playwright

    written = []
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(profile, executable_path=chromium(), headless=True, args=FLAGS,
                                                   viewport={"width": width, "height": height},
                                                   device_scale_factor=1)
        ctx.route(lambda url: not url.startswith(("file:", "data:")), lambda route: route.abort())
        for name in pages:
            page = ctx.new_page()
            page.goto((build / f"{name}.html").resolve().as_uri(), wait_until="load")
            deadline = time.monotonic() + timeout_s
            while not page.evaluate(READY[name]):
                if time.monotonic() > deadline:
                    raise SystemExit(f"{name}.html was not drawn in {timeout_s:.0f} s")
                page.wait_for_timeout(250)
            page.wait_for_timeout(800)  # the last frame
            target = out / f"{name}{suffix}.png"
            page.screenshot(path=str(target))
            written.append(target)
            page.close()
        ctx.close()
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--from", dest="build", type=Path, help="a build folder (default: build the seeds now)")
    ap.add_argument("--out", type=Path, default=ROOT / "docs", help="where the PNGs go (default docs/)")
    ap.add_argument("--pages", nargs="+", choices=sorted(READY), default=["graph", "timeline"])
    ap.add_argument("--suffix", default="", help="added to each file name: graph<suffix>.png (--suffix=-after)")
    ap.add_argument("--width", type=int, default=1400)
    ap.add_argument("--height", type=int, default=900)
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        build = args.build or build_seeds(Path(tmp) / "exports")
        for path in take(build, args.out, args.pages, args.suffix, args.width, args.height):
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
