"""Where the built-in templates, styles and fonts are: installed with the package, or in the checkout.

An installed Pamphleteer carries them inside the package (`pamphleteer/templates/`,
`pamphleteer/styles/`: pyproject maps the checkout's top-level folders there); run
from a checkout, they are the checkout's own `templates/` and `styles/`.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
CHECKOUT = PACKAGE.parent  # the checkout's top, when run from one


def built_in(name: str) -> Path:
    """The folder `name` next to the installed package, else the checkout's top-level one."""
    installed = PACKAGE / name
    return installed if installed.is_dir() else CHECKOUT / name


TEMPLATES = built_in("templates")
STYLES = built_in("styles")
FONTS = STYLES / "fonts"
LOCK = CHECKOUT / "requirements.lock"  # the pinned versions: only in a checkout
