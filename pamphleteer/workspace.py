"""The build's own folder inside the output folder, `<output>/.pamphleteer/`: the only place it deletes.

The output folder may be a folder of the user's own (`--output ~`), holding
files of any name. So everything the build keeps between runs or makes on its
way (the cache of stage results, the state of the last build, the lock, the
editions' temporary files) lives in a folder of its own, which a marker file
(`CACHEDIR.TAG`, a tag backup tools also know) says is Pamphleteer's. The build
deletes files only inside a folder so marked; a folder of that name without the
marker that holds anything is someone else's, and the build refuses to use it.

A `.cache/` folder left by an earlier Pamphleteer, which kept its cache loose in
the output folder without a marker, cannot be told from a folder of the user's:
it is never touched (it may be deleted by hand).
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from pamphleteer.errors import OutputError

FOLDER = ".pamphleteer"
MARKER = "CACHEDIR.TAG"
SIGNATURE = "Signature: 8a477f597d28d172789f06886806bc55"  # the Cache Directory Tagging standard's
OWNER = "# This folder was made by Pamphleteer"  # what tells this marker from another program's
MARKER_TEXT = (
    f"{SIGNATURE}\n"
    f"{OWNER}: its build cache, the state of its last build and the\n"
    "# temporary files of a build. Pamphleteer deletes files only inside a folder marked like this,\n"
    "# and everything in it may be deleted (the next build is only slower).\n"
)


def own_folder(output: Path) -> Path:
    """Where the build's own files are in `output` (whether or not they exist yet)."""
    return output / FOLDER


def is_ours(folder: Path) -> bool:
    """Whether `folder` is a real folder (not a link) carrying Pamphleteer's marker."""
    try:
        if not stat.S_ISDIR(os.lstat(folder).st_mode):
            return False
        marker = folder / MARKER
        if not stat.S_ISREG(os.lstat(marker).st_mode):
            return False
        return marker.read_text(encoding="utf-8", errors="replace").startswith(f"{SIGNATURE}\n{OWNER}")
    except OSError:
        return False


def claim(output: Path) -> Path:
    """The build's own folder in `output`, made and marked if it did not exist; refused if it is not ours.

    An empty folder of that name is taken (a build killed between making it and
    marking it leaves one).
    """
    folder = own_folder(output)
    try:
        folder.mkdir(exist_ok=True)
    except FileExistsError:
        pass  # not a folder: refused below
    except OSError as error:
        raise OutputError(f"cannot write in the output folder: {error.strerror}", file=output) from None
    if is_ours(folder):
        return folder
    try:
        empty = stat.S_ISDIR(os.lstat(folder).st_mode) and not any(folder.iterdir())
    except OSError:
        empty = False
    if not empty:
        raise OutputError(
            f"'{FOLDER}' in the output folder is not Pamphleteer's (it has no {MARKER} of Pamphleteer's), "
            "and the build keeps its own files there; move it away or choose another --output",
            file=output,
        )
    try:  # written whole under another name, then moved: a marker is there entire or not at all
        descriptor, temporary = tempfile.mkstemp(prefix=f".{MARKER}.", suffix=".tmp", dir=folder)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(MARKER_TEXT)
        os.replace(temporary, folder / MARKER)
    except OSError as error:
        raise OutputError(f"cannot write in the output folder: {error.strerror}", file=output) from None
    return folder
