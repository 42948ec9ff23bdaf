"""'About the authors' in the EPUB and web editions, naming each author once.

A bio usually opens with its author's name ("David Camfield lives in …"), under a heading of that
name. Print drops the heading (render/printtype.py `names_once`); a screen and an ebook keep it,
for the section is labelled by it and a reader navigates by it: the heading becomes a run-in one
(`h3.run-in`, set inline with the paragraph that follows) and the paragraph loses the name it
opened with, so the name is read and shown once: "**David Camfield** lives in …".
"""

from __future__ import annotations

import re

from markupsafe import Markup

_OPENS_WITH_NAME = re.compile(
    r'<section class="author-note"(?P<section>[^>]*)>\s*'
    r'<h3 id="(?P<id>[^"]+)">(?P<name>[^<]+)</h3>\s*'
    r'<p(?P<attrs>[^>]*)>(?P<strong><strong>)?(?P=name)(?(strong)</strong>)(?![\w&])'
)


def _run_in(found: re.Match[str]) -> str:
    attrs = found["attrs"]
    if ' class="' in attrs:
        attrs = attrs.replace(' class="', ' class="run-in-text ', 1)
    else:
        attrs += ' class="run-in-text"'
    return (f'<section class="author-note run-in"{found["section"]}>\n'
            f'<h3 class="run-in" id="{found["id"]}">{found["name"]}</h3><p{attrs}>')


def run_in_names(html: str) -> Markup:
    """`html` (a back part) with each bio that opens with its author's name under a run-in heading
    of that name, the name taken out of the bio; a bio that does not open so is left as it is."""
    return Markup(_OPENS_WITH_NAME.sub(_run_in, str(html)))
