#!/usr/bin/env python3
"""`python build.py` in a checkout: the same command as the installed `pamphleteer` (pamphleteer/cli.py).

    python build.py                      build every edition of sources/ into output/
    python build.py check                validate the editions in output/
    python build.py watch [--serve]      rebuild on every change (and preview in a browser)
    python build.py add WHAT… [--slug S] add texts (addresses, pages, files, folders) to sources/texts/
    python build.py list                 the texts, in order, with what is still open
"""

import _signal  # first, before anything takes time: the interpreter's own, already loaded

if __name__ == "__main__":  # until the command has begun (Python loading it), Ctrl-C or TERM ends it quietly

    def stopped_while_starting(signum: int, _frame: object) -> None:
        import os
        import sys

        sys.stderr.write("error: interrupted while starting: nothing was done\n")
        sys.stderr.flush()
        os._exit(130 if signum == _signal.SIGINT else 143)

    _signal.signal(_signal.SIGINT, stopped_while_starting)
    _signal.signal(_signal.SIGTERM, stopped_while_starting)

from pamphleteer.cli import main as main  # the command, also for `import build` (tests)

if __name__ == "__main__":
    from pamphleteer.cli import start

    start()
