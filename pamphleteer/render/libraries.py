"""Import WeasyPrint without the half second its search for its libraries takes.

WeasyPrint (weasyprint/text/ffi.py) opens each of its seven C libraries by trying
names in turn, the platforms' spellings first ('libgobject-2.0-0', 'gobject-2.0-0',
'gobject-2.0', then Linux's 'libgobject-2.0.so.0', …). cffi hands every name it
cannot open as a file to `ctypes.util.find_library`, which on Linux runs gcc,
ldconfig and ld for it: some fifty processes in all, about 0.3 CPU seconds and
0.4 s of the build's start (the main process imports WeasyPrint before its
workers are forked, while the texts are parsed). On Linux the list holds each
library's soname ('libgobject-2.0.so.0', 'libharfbuzz-subset.so.0', …), which
opens at once; find_library would have found that same file (the soname it
returns) by a name earlier in the list. So while WeasyPrint is imported, it finds
nothing, and each library is opened by its soname. If that fails (a system whose
libraries have other sonames), WeasyPrint is imported again as it would be.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import io
import sys


def _nothing(name: str) -> str | None:
    return None


def import_weasyprint() -> None:
    """Import WeasyPrint (once a process), its libraries opened by their sonames on Linux."""
    if "weasyprint" in sys.modules or not sys.platform.startswith("linux"):
        return
    lookup = ctypes.util.find_library
    ctypes.util.find_library = _nothing
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # WeasyPrint prints why it failed: not yet
            import weasyprint  # noqa: F401
    except OSError:
        for name in [name for name in sys.modules if name == "weasyprint" or name.startswith("weasyprint.")]:
            del sys.modules[name]
    finally:
        ctypes.util.find_library = lookup


import_weasyprint()
