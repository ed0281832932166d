"""Building the wheel is quiet: no setuptools warning (issue 14, item 12: `project.license` as a
table, `graph.data` left out of `packages`), and the wheel carries graph/data."""
from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

import pytest

from helpers import ROOT


@pytest.mark.slow
def test_the_wheel_builds_without_warnings_and_carries_the_data(tmp_path):
    if subprocess.run([sys.executable, "-m", "pip", "--version"], capture_output=True).returncode:
        pytest.skip("pip is not installed")
    src = tmp_path / "src"  # a copy: pip builds in the source tree (build/, *.egg-info)
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    shutil.copytree(ROOT / "graph", src / "graph", ignore=shutil.ignore_patterns("__pycache__"))
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", "-w", str(tmp_path / "whl")],
                          capture_output=True, text=True, timeout=600)
    if proc.returncode and "setuptools" in proc.stdout + proc.stderr and "No matching distribution" in proc.stderr:
        pytest.skip("setuptools cannot be fetched for the isolated build")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = proc.stdout + proc.stderr
    assert "warning" not in out.lower(), out
    wheel, = (tmp_path / "whl").glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    data = {p.name for p in (ROOT / "graph" / "data").iterdir() if p.is_file()}
    assert {n.rsplit("/", 1)[1] for n in names if n.startswith("graph/data/")} == data
    assert "graph/build/builder.py" in names
