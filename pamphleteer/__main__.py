"""`python -m pamphleteer`: the same command as `pamphleteer` (see `pamphleteer.cli`)."""

from pamphleteer.command import start

start()
