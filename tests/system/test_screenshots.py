"""The README's pictures (issue 14, item 8): both pages, at an ordinary window size, and a script that
retakes them."""
from __future__ import annotations

import re
import struct
import subprocess
import sys

import pytest

from helpers import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
WINDOW = (1400, 900)  # CSS pixels of an ordinary laptop browser window, device scale 1


def png_size(path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", head[16:24])


def test_the_readme_shows_both_pages_at_a_normal_window_size():
    pictures = dict((alt, ROOT / src) for alt, src in re.findall(r"!\[([^\]]*)\]\(([^)]+\.png)\)", README))
    assert set(pictures) >= {"graph.html of the seeds", "timeline.html of the seeds"}, pictures
    for alt, path in pictures.items():
        assert path.is_file(), path
        assert png_size(path) == WINDOW, (alt, png_size(path))
    assert "python scripts/screenshots.py" in README


@pytest.mark.slow  # a real browser
def test_the_script_retakes_both_pictures(seed_build, tmp_path):
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    import shutil

    if not shutil.which("chromium"):
        pytest.skip("chromium is not installed (apt-get install chromium)")
    _, out = seed_build
    res = subprocess.run([sys.executable, str(ROOT / "scripts" / "screenshots.py"), "--from", str(out), "--out",
                          str(tmp_path), "--suffix=-test"], capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr
    for name in ("graph-test.png", "timeline-test.png"):
        assert png_size(tmp_path / name) == WINDOW
        assert (tmp_path / name).stat().st_size > 20_000  # a drawn page, not a blank one
