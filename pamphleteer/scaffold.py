"""`init`: start a publication in a folder of its own, never overwriting anything.

It writes `publication.toml` (the title given, a fresh `urn:uuid` identifier),
an empty `texts/`, `front/introduction.md` and a `.gitignore` for `output/`.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from slugify import slugify

from pamphleteer.errors import ConfigurationError

SETTINGS = """\
# The publication built from the texts in texts/ (every key: the README, "Configuring a publication").

title = {title}
# subtitle = "…"
# editor = "…"
language = "en"
identifier = "urn:uuid:{identifier}"
slug = {slug}
# description = "…"
# rights = "…"

# Texts in reading order (file names in texts/ without .md); the others come after, alphabetically.
order = []

[print]
page_size = "A5"
"""

INTRODUCTION = """\
---
title: Introduction
---

Why these texts, and how to read them together.
"""

GITIGNORE = "/output/\n"


def scaffold(folder: Path, title: str) -> tuple[Path, ...]:
    """Write a new publication into `folder` (made if missing); the paths written, in order.

    Nothing is written if any of them is already there (the error names it).
    """
    if not title.strip():
        raise ConfigurationError("the publication needs a title: give it with --title \"…\"")
    if folder.exists() and not folder.is_dir():
        raise ConfigurationError("this is a file, not a folder: give a folder for the publication",
                                 file=folder)
    settings, texts, front = folder / "publication.toml", folder / "texts", folder / "front"
    introduction, gitignore = front / "introduction.md", folder / ".gitignore"
    for path in (settings, introduction, gitignore):
        if path.exists() or path.is_symlink():
            raise ConfigurationError(
                "already there, so nothing was written (init never overwrites): this folder is "
                "already a publication, or choose another folder", file=path)
    for path in (texts, front):
        if path.exists() and not path.is_dir():
            raise ConfigurationError("already there, and not a folder: nothing was written", file=path)
    texts.mkdir(parents=True, exist_ok=True)
    front.mkdir(exist_ok=True)
    quoted = json.dumps(title.strip(), ensure_ascii=False)  # a TOML basic string
    settings.write_text(SETTINGS.format(title=quoted, identifier=uuid.uuid4(),
                                        slug=json.dumps(slugify(title) or "publication")), encoding="utf-8")
    introduction.write_text(INTRODUCTION, encoding="utf-8")
    gitignore.write_text(GITIGNORE, encoding="utf-8")
    return settings, texts, front, introduction, gitignore
