"""A build with nothing changed loads only what it needs to see so: no pipeline, pandoc wrapper,
font reader or image library (each a tenth of a second of a rebuild that should take well under
0.3 s)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EPOCH, PROJECT, SOURCES

LOADED = (
    "import json, sys\n"
    "sys.argv = ['build.py', *sys.argv[1:]]\n"
    "from pamphleteer import cli\n"
    "try:\n"
    "    cli.start()\n"
    "except SystemExit:\n"
    "    pass\n"
    "print(json.dumps(sorted(sys.modules)))\n"
)
HEAVY = ("pypandoc", "fontTools", "PIL", "slugify", "weasyprint")
PIPELINE = ("pamphleteer.pipeline", "pamphleteer.normalise", "pamphleteer.parse", "pamphleteer.model")


@pytest.mark.slow
def test_a_build_with_nothing_changed_loads_no_pandoc_font_or_image_library(built, tmp_path: Path) -> None:
    environment = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_COLOR": "1"}
    command = ["--sources", str(SOURCES), "--output", str(tmp_path / "out"), "--format", "html"]
    # the first build starts with the build's own folder of the session's seed build (its cache): the
    # rebuild after it, with nothing changed, is what is measured
    shutil.copytree(built.written[0].parent / ".pamphleteer", tmp_path / "out" / ".pamphleteer",
                    symlinks=True)
    first = subprocess.run([sys.executable, "build.py", *command], cwd=PROJECT, env=environment,
                           capture_output=True, text=True, check=False)
    assert first.returncode == 0, first.stderr
    again = subprocess.run([sys.executable, "-c", LOADED, *command], cwd=PROJECT, env=environment,
                           capture_output=True, text=True, check=False)
    assert again.returncode == 0, again.stderr
    assert "up to date" in again.stdout.lower() or "nothing changed" in again.stdout.lower(), again.stdout
    loaded = json.loads(again.stdout.strip().splitlines()[-1])
    assert not [name for name in loaded if name.split(".")[0] in HEAVY or name in PIPELINE]
