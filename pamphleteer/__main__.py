"""`python -m pamphleteer`: the same command as `pamphleteer` (see `pamphleteer.cli`)."""

from pamphleteer.cli import start

start()
