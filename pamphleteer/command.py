"""The installed `pamphleteer` and `python -m pamphleteer`: Ctrl-C taken quietly from the first line.

Until the command line has loaded (a second or so), an interrupt or TERM ends the process
with one line and nothing done, as `build.py`'s first lines do; `pamphleteer.cli` then
takes the signals over.
"""

import _signal  # the interpreter's own, already loaded: nothing here takes time


def stopped_while_starting(signum: int, _frame: object) -> None:
    import os
    import sys

    sys.stderr.write("error: interrupted while starting: nothing was done\n")
    sys.stderr.flush()
    os._exit(130 if signum == _signal.SIGINT else 143)


def start() -> None:
    """Take the signals, load the command line, run it, exit with its code."""
    _signal.signal(_signal.SIGINT, stopped_while_starting)
    _signal.signal(_signal.SIGTERM, stopped_while_starting)
    from pamphleteer.cli import start as run

    run()
