"""Turn Markdown into pandoc's AST. The only module that calls pandoc.

Each text is parsed with pandoc's CommonMark reader (with pandoc's extensions,
and source positions), so every top-level block knows the line of the source
file it came from. The source-position wrappers are then removed, leaving the
plain pandoc AST (as JSON-like dicts) that the normaliser rewrites.

The AST is made safe before anyone else sees it: nesting too deep to lay out
is flattened (`nesting`), raw HTML is passed through pandoc's HTML writer, the
allow-list sanitiser and pandoc's HTML reader, so `3<sup>rd</sup>` becomes a
real superscript and `<script>` nothing at all, and links and images are
checked (`sanitise`).
"""

from __future__ import annotations

import functools
import json
import re
import secrets
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pamphleteer import codes, sanitise
from pamphleteer.ast import (
    Attr,
    attr_of,
    block_inlines,
    div_attr,
    div_blocks,
    has_attr,
    is_kind,
    make_div,
    make_str,
    raw_format,
    raw_text,
    span_inlines,
    str_text,
    transform,
    walk,
    with_attr,
)
from pamphleteer.ast import Node as Node  # named here too, for the rules that import it with Block
from pamphleteer.ast.nodes import ATTR_AT
from pamphleteer.cache import Cache, digest
from pamphleteer.errors import Diagnostic, RenderError, Severity, SourceError
from pamphleteer.nesting import MAX_BLOCK_DEPTH, MAX_DEPTH, flatten_deep, load_json
from pamphleteer.sources import SourcePart, SourceText
from pamphleteer.workers import die_with_parent

READER = "commonmark_x-yaml_metadata_block+sourcepos"
PANDOC_SECONDS = 120  # no honest text takes pandoc more than a few seconds
MAX_BRACKETS = 32  # brackets nested deeper than this are text, not links (pandoc slows quadratically)
POSITION = re.compile(r"(\d+):\d+-")


@dataclass(frozen=True)
class Block:
    """A top-level block of a text, with the source line it starts on."""

    line: int
    node: Node


@dataclass(frozen=True)
class ParsedText:
    """A text as pandoc's AST: its source, and its blocks in order."""

    source: SourceText
    blocks: tuple[Block, ...]
    diagnostics: tuple[Diagnostic, ...] = ()  # what parsing removed or flattened


@dataclass(frozen=True)
class ParsedPart:
    """A shared part (introduction, …) as pandoc's AST."""

    source: SourcePart
    blocks: tuple[Block, ...]
    diagnostics: tuple[Diagnostic, ...] = ()


def pandoc_version() -> str:
    """The version of the bundled pandoc, for the build report."""
    import pypandoc  # here, not on import: a build with nothing changed runs no pandoc (pipeline.LAZY)

    return str(pypandoc.get_pandoc_version())


POSITION_KEYS = ("data-pos", "wrapper")


def _is_wrapper_node(node: Node) -> bool:
    """A Div or Span the sourcepos reader put around a block or a run of text to say where it stands.
    (Read off the JSON itself, not through `attr_of`: it is asked of every node pandoc gives.)"""
    if node["t"] not in ("Div", "Span"):
        return False
    identifier, classes, pairs = node["c"][0]
    return not identifier and not classes and any(pair[0] == "wrapper" for pair in pairs)


def _position_line(attr: Attr) -> int | None:
    for key, value in attr.pairs:
        if key == "data-pos":
            match = POSITION.search(value)
            if match:
                return int(match.group(1))
    return None


def _without_position(node: Node) -> Node:
    """The node without the source-position attributes pandoc gave it (the node itself if it has none)."""
    if not has_attr(node) or not any(pair[0] in POSITION_KEYS for pair in node["c"][ATTR_AT[node["t"]]][2]):
        return node
    attr = attr_of(node)
    pairs = tuple(pair for pair in attr.pairs if pair[0] not in POSITION_KEYS)
    if len(pairs) == len(attr.pairs):
        return node
    return with_attr(node, Attr(attr.identifier, attr.classes, pairs))


def _unwrapped(nodes: list[Node]) -> list[Node]:
    """A list of nodes without source-position wrappers (their content in their place) and
    attributes, and with the Str nodes the wrappers split apart joined again."""
    out: list[Node] = []
    for node in nodes:
        if not has_attr(node):  # a word or a space (most nodes): neither a wrapper nor positioned
            out.append(node)
        elif _is_wrapper_node(node):
            out.extend(_wrapped_content(node))
        else:
            out.append(_without_position(node))
    return _merge_strings(out)


def _wrapped_content(node: Node) -> list[Node]:
    return div_blocks(node) if is_kind(node, "Div") else span_inlines(node)


def _clean(nodes: list[Node]) -> list[Node]:
    """Nodes without source-position wrappers and attributes, at any depth."""
    return _unwrapped([transform(node, inlines=_unwrapped, blocks=_unwrapped) for node in nodes])


def _merge_strings(items: list[Node]) -> list[Node]:
    """Join adjacent Str nodes, which source positions split apart."""
    merged: list[Node] = []
    for item in items:
        if is_kind(item, "Str") and merged and is_kind(merged[-1], "Str"):
            merged[-1] = make_str(str_text(merged[-1]) + str_text(item))
        else:
            merged.append(item)
    return merged


def _top_level(blocks: list[Node], first_line: int) -> tuple[Block, ...]:
    """Unwrap top-level blocks, keeping each one's line in the file."""
    result = []
    for raw in blocks:
        line = _position_line(attr_of(raw)) if has_attr(raw) else None
        inner = div_blocks(raw) if is_kind(raw, "Div") and _is_wrapper_node(raw) else [raw]
        for node in _clean(inner):
            result.append(Block(line=first_line + (line or 1) - 1, node=node))
    return tuple(result)


def _is_raw_html(node: Node) -> bool:
    return is_kind(node, "RawInline", "RawBlock") and raw_format(node) == "html"


def _has_raw_html(node: Node) -> bool:
    return any(map(_is_raw_html, walk(node)))


def _has_note(node: Node) -> bool:
    return any(is_kind(item, "Note") for item in walk(node))


def _raw_html_strings(node: Node) -> list[str]:
    return [raw_text(item) for item in walk(node) if _is_raw_html(item)]


def _html_to_ast(nodes: list[Node], api_version: list[int]) -> list[list[Node] | None]:
    """Each node written as HTML by pandoc, cleaned by the allow-list, and read back.

    Two pandoc runs for all the nodes: each is wrapped in a Div with a marker id
    that raw HTML cannot forge, and each is cleaned on its own, so markup in one
    cannot break out into another. Returns the blocks each node became (None
    where it did not come back).
    """
    marker = f"{sanitise.MARKER}{secrets.token_hex(6)}-"
    wrapped = [make_div([node], Attr(f"{marker}{index}")) for index, node in enumerate(nodes)]
    document = {"pandoc-api-version": api_version, "meta": {}, "blocks": wrapped}
    html = _pandoc(json.dumps(document), "json", "html")
    opening = re.compile(rf'<div id="{re.escape(marker)}(\d+)">')
    starts = list(opening.finditer(html))
    cleaned = []
    for number, match in enumerate(starts):
        end = starts[number + 1].start() if number + 1 < len(starts) else len(html)
        fragment = html[match.end() : end].rstrip()
        fragment = fragment[: -len("</div>")] if fragment.endswith("</div>") else fragment
        cleaned.append(f'<div id="{marker}{match.group(1)}">{sanitise.clean_html(fragment)}</div>')
    document = load_json(_pandoc("\n".join(cleaned), "html", "json"))
    blocks, _ = flatten_deep(document["blocks"])
    results: list[list[Node] | None] = [None] * len(nodes)
    for block in blocks:
        identifier = div_attr(block).identifier if is_kind(block, "Div") else ""
        if identifier.startswith(marker):
            index = int(identifier[len(marker) :])
            if 0 <= index < len(nodes):
                results[index] = div_blocks(block)
    return results


def _safe_blocks(
    blocks: list[Block], api_version: list[int], path: Path
) -> tuple[list[Block], list[Diagnostic]]:
    """Raw HTML through the sanitiser and back into the AST; links and images checked."""
    diagnostics: list[Diagnostic] = []
    blocks = [  # Markdown links and images first, while raw HTML is still there to clean
        Block(block.line, sanitise.safe_targets(block.node, path, block.line, diagnostics, keep_raw=True))
        for block in blocks
    ]
    with_html = [index for index, block in enumerate(blocks) if _has_raw_html(block.node)]
    replaced: dict[int, list[Node] | None] = {}
    if with_html:
        for index in with_html:
            raw = _raw_html_strings(blocks[index].node)
            hostile = next(filter(None, map(sanitise.hostile_html, raw)), "")
            if hostile:
                diagnostics.append(Diagnostic(
                    codes.RAW_HTML_REMOVED, Severity.WARNING,
                    f"raw HTML '{hostile}…' was removed: scripts, styles, frames, event handlers "
                    "and script or data URLs are never published; remove it from the text",
                    path, blocks[index].line,
                ))
        # A footnote would move to the end of pandoc's HTML: blocks with notes only lose their raw HTML.
        with_html = [index for index in with_html if not _has_note(blocks[index].node)]
        try:
            nodes = [blocks[index].node for index in with_html]
            results = _html_to_ast(nodes, api_version) if nodes else []
        except (subprocess.SubprocessError, OSError, ValueError, KeyError, IndexError):
            results = [None] * len(with_html)  # keep the blocks, without their raw HTML
        replaced = dict(zip(with_html, results, strict=True))
    safe: list[Block] = []
    for index, block in enumerate(blocks):
        result = replaced.get(index)
        nodes = [node for node in ([block.node] if result is None else result) if not sanitise.is_raw(node)]
        if not nodes:
            continue
        node = nodes[0] if len(nodes) == 1 else make_div(nodes)
        safe.append(Block(line=block.line, node=sanitise.safe_targets(node, path, block.line, diagnostics)))
    return safe, diagnostics


SYSTEM_BIN = "/usr/bin:/bin"


@functools.cache
def _setpriv() -> str | None:
    """util-linux's `setpriv`, when it is there and sets a parent-death signal (Linux, util-linux 2.33
    or later), else None. Only the system's own (/usr/bin, /bin): never one a PATH entry such as the
    publication's folder would name."""
    found = shutil.which("setpriv", path=SYSTEM_BIN) if sys.platform.startswith("linux") else None
    if found is None:
        return None
    try:
        works = subprocess.run([found, "--pdeathsig", "KILL", "true"], capture_output=True, timeout=10,
                               check=False).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return None
    return found if works else None


def _pandoc_command(*arguments: str) -> list[str]:
    """The bundled pandoc, sandboxed: its readers and writers touch no file but those named here
    and fetch nothing (its HTML reader would otherwise fetch an iframe's page). Started through
    `setpriv --pdeathsig KILL` where there is one, so that pandoc dies with the process that started
    it (see `_dies_with_parent`)."""
    import pypandoc

    command = [pypandoc.get_pandoc_path(), "--sandbox", *arguments]
    setpriv = _setpriv()
    return [setpriv, "--pdeathsig", "KILL", *command] if setpriv else command


def _dies_with_parent() -> Callable[[], None] | None:
    """The `preexec_fn` pandoc is started with: none where `setpriv` gives it its parent-death signal,
    else `die_with_parent`. A `preexec_fn` makes `subprocess` fork the whole process instead of
    vfork: in a process of 1 GB (a test process late in a run) each pandoc then cost 46 ms of CPU
    instead of 3.5."""
    return None if _setpriv() else die_with_parent


def _pandoc(text: str, reader: str, writer: str) -> str:
    """Run the bundled pandoc on `text`, stopping it after `PANDOC_SECONDS`."""
    return subprocess.run(
        _pandoc_command("--from", reader, "--to", writer),
        input=text.encode("utf-8"), capture_output=True, timeout=PANDOC_SECONDS, check=True,
        preexec_fn=_dies_with_parent(),
    ).stdout.decode("utf-8")


def _defuse_brackets(markdown: str) -> str:
    """Escape square brackets nested beyond `MAX_BRACKETS`: no reader sees a link in them,
    and pandoc's time to match them grows with the square of their number."""
    if markdown.count("[") <= MAX_BRACKETS:
        return markdown
    out: list[str] = []
    escaped: list[bool] = []  # for each open bracket: was it escaped?
    index = 0
    while index < len(markdown):
        char = markdown[index]
        if char == "\\" and index + 1 < len(markdown):
            out.append(markdown[index : index + 2])
            index += 2
            continue
        if char == "[":
            deep = len(escaped) >= MAX_BRACKETS
            escaped.append(deep)
            out.append("\\[" if deep else "[")
        elif char == "]" and escaped:
            out.append("\\]" if escaped.pop() else "]")
        elif char == "\n" and markdown.startswith("\n\n", index):
            escaped.clear()  # a blank line ends every bracket
            out.append(char)
        else:
            out.append(char)
        index += 1
    return "".join(out)


HEADING_LINE = re.compile(r"^ {0,3}(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*#{1,6}\s")  # maybe in a list item
OPEN_TAG_AT_END = re.compile(r"<[A-Za-z][^<>]*$")  # a raw HTML tag the line break cut in two
FENCE_LINE = re.compile(r"^ {0,3}(```|~~~)")
HEADING_HTML_JOINED = codes.declare("N712", "headings whose raw HTML ran onto the next lines joined")


def _join_heading_html(markdown: str) -> tuple[str, list[int]]:
    """Headings whose raw HTML a converter wrapped onto the next lines (`## by <a href="…"` ⏎
    `class="author">R.C. Baker</a>`), joined into one line so that the HTML is read as HTML.
    Each joined line leaves an empty line in its place, so every later line keeps its number.
    Returns the text and the (0-based) lines of the headings joined."""
    if "<" not in markdown:
        return markdown, []
    lines = markdown.split("\n")
    out: list[str] = []
    joined: list[int] = []
    fenced = False
    index = 0
    while index < len(lines):
        line = lines[index]
        if FENCE_LINE.match(line):
            fenced = not fenced
        if not fenced and HEADING_LINE.match(line) and OPEN_TAG_AT_END.search(line):
            end = index + 1
            while end < len(lines) and lines[end].strip() and not HEADING_LINE.match(lines[end]):
                end += 1
            if end > index + 1:
                out.append(" ".join([line.rstrip(), *(part.strip() for part in lines[index + 1 : end])]))
                out.extend([""] * (end - index - 1))
                joined.append(index)
                index = end
                continue
        out.append(line)
        index += 1
    return "\n".join(out), joined


def read_markdown(
    markdown: str, *, path: Path, first_line: int, keep: Iterable[str] = ()
) -> tuple[tuple[Block, ...], tuple[Diagnostic, ...]]:
    """Parse Markdown with pandoc; lines are counted from `first_line` of `path`. The converter's
    damage to the lines themselves is mended first (`converter_source`), unless `keep` names it.

    Returns the safe blocks, and a diagnostic for everything repaired, flattened or removed.
    """
    from pamphleteer.normalise.converter_source import put_back, repair_source  # they read this module

    markdown, repaired, read_apart = repair_source(markdown, path, first_line, keep)
    markdown, joined = _join_heading_html(markdown)
    try:
        output = _pandoc(_defuse_brackets(markdown), READER, "json")
    except subprocess.TimeoutExpired:
        raise SourceError(
            f"pandoc took more than {PANDOC_SECONDS} s to read the text, so the build stopped; it "
            "probably nests brackets, emphasis or quotations thousands deep: simplify that markup",
            file=path, line=first_line,
        ) from None
    except subprocess.CalledProcessError as error:
        message = error.stderr.decode("utf-8", "replace").strip()[:300]
        raise SourceError(f"pandoc could not read the text: {message}", file=path) from None
    except OSError as error:
        raise SourceError(f"pandoc could not run: {error.strerror}", file=path) from None
    document = load_json(output)
    diagnostics: list[Diagnostic] = []
    blocks: list[Block] = []
    for raw in document["blocks"]:
        raw, flattened = flatten_deep(raw, ignore=_is_wrapper_node)
        found = _top_level([raw], first_line)
        if flattened and found:
            diagnostics.append(Diagnostic(
                codes.TOO_DEEP, Severity.WARNING,
                f"quotations, lists or emphasis nested more than {MAX_BLOCK_DEPTH} (or {MAX_DEPTH}) "
                "deep were set as plain text; check the markup of this passage",
                path, found[0].line,
            ))
        blocks.extend(found)
    diagnostics.extend(
        Diagnostic(HEADING_HTML_JOINED, Severity.INFO, "a heading's raw HTML ran onto the next lines; "
                   "they were read as part of the heading", path, first_line + index)
        for index in joined
    )
    blocks = list(put_back(tuple(blocks), read_apart))  # what a source repair read itself, in its place
    safe, removed = _safe_blocks(blocks, document["pandoc-api-version"], path)
    return tuple(safe), tuple(sorted([*repaired, *diagnostics, *removed], key=lambda d: d.line or 0))


def markdown_to_blocks(markdown: str, *, path: Path, first_line: int) -> tuple[Block, ...]:
    """Parse Markdown with pandoc into safe blocks; lines are counted from `first_line` of `path`."""
    return read_markdown(markdown, path=path, first_line=first_line)[0]


def parse_text(source: SourceText) -> ParsedText:
    """Parse one text's body."""
    blocks, diagnostics = read_markdown(source.body, path=source.path, first_line=source.body_line,
                                        keep=source.meta.keep)
    if not any(_has_words(block.node) for block in blocks):
        raise SourceError(
            "the text has no words once raw HTML and empty markup are left out; "
            "give it a body in Markdown",
            file=source.path, line=source.body_line,
        )
    return ParsedText(source=source, blocks=blocks, diagnostics=diagnostics)


def _has_words(node: Node) -> bool:
    return any(is_kind(item, "Str", "Code", "CodeBlock", "Math") for item in walk(node))


def parse_part(source: SourcePart) -> ParsedPart:
    """Parse one shared part."""
    blocks, diagnostics = read_markdown(source.body, path=source.path, first_line=source.body_line)
    unwrapped: list[Diagnostic] = []  # no source page to resolve a relative link against
    blocks = tuple(
        Block(block.line, sanitise.without_relative_links(block.node, source.path, block.line, unwrapped))
        for block in blocks
    )
    return ParsedPart(source=source, blocks=blocks, diagnostics=(*diagnostics, *unwrapped))


def parse_cached(source: SourceText, cache: Cache | None = None, version: str = "") -> ParsedText:
    """Parse one text; with a cache, a text whose body (and `version`, the code that parses it)
    is unchanged is not parsed again."""
    if cache is None:
        return parse_text(source)
    key = digest(READER, version, str(source.body_line), "\n".join(source.meta.keep), source.body)
    stored = cache.get("ast", key)
    if stored is not None:
        try:
            data = json.loads(stored)
            blocks = tuple(Block(line, node) for line, node in data["blocks"])
            diagnostics = tuple(  # what the sanitiser said, said again on every build
                Diagnostic(code, Severity(severity), message, source.path, line)
                for code, severity, message, line in data["diagnostics"]
            )
            return ParsedText(source=source, blocks=blocks, diagnostics=diagnostics)
        except (ValueError, TypeError, KeyError):
            pass
    parsed = parse_text(source)
    data = {
        "blocks": [[b.line, b.node] for b in parsed.blocks],
        "diagnostics": [[d.code, d.severity.value, d.message, d.line] for d in parsed.diagnostics],
    }
    cache.put("ast", key, json.dumps(data).encode("utf-8"))
    return parsed


def inline_markdown(text: str) -> list[Node]:
    """Parse a short piece of Markdown (a question, a title) into inline nodes."""
    import pypandoc

    document = load_json(pypandoc.convert_text(text, "json", format="commonmark_x-yaml_metadata_block"))
    blocks, _ = flatten_deep(document["blocks"])
    blocks = sanitise.safe_targets(blocks, Path(), 0, [])
    if len(blocks) == 1 and is_kind(blocks[0], "Para", "Plain"):
        return block_inlines(blocks[0])
    return [make_str(text)]


IMPORT_READERS = {"html": "html", "docx": "docx", "odt": "odt"}  # what `add` converts, by pandoc reader
# The build's reader; a figure as ![caption](src){alt=…}; dashes and quotes as characters, not `---`.
MARKDOWN_WRITER = "commonmark_x-smart+implicit_figures"


def read_document(
    source: Path | str, reader: str, *, path: Path | str, media: Path | None = None
) -> dict[str, Any]:
    """A Word, OpenDocument or HTML document (a file, or HTML as a string) as pandoc's JSON document.

    `path` names what is read in messages (a file or a URL); with `media`, the images inside a
    Word or OpenDocument file are written there and the document names them by that path.
    """
    options = [f"--extract-media={media}"] if media is not None else []
    arguments = _pandoc_command("--from", IMPORT_READERS[reader], "--to", "json", *options)
    given = source.encode("utf-8") if isinstance(source, str) else None
    if isinstance(source, Path):
        arguments += ["--", str(source)]
    kind = {"docx": "a Word (.docx)", "odt": "an OpenDocument (.odt)", "html": "an HTML"}[reader]
    where = Path(str(path))
    try:
        result = subprocess.run(arguments, input=given if given is not None else b"", capture_output=True,
                                timeout=PANDOC_SECONDS, check=True, preexec_fn=_dies_with_parent())
    except subprocess.TimeoutExpired:
        raise SourceError(f"pandoc took more than {PANDOC_SECONDS} s to read it as {kind} file; "
                          "it is probably damaged", file=where) from None
    except subprocess.CalledProcessError as error:
        message = error.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = message[-1][:200] if message else f"pandoc stopped with code {error.returncode}"
        raise SourceError(f"this is not {kind} file pandoc can read ({reason}); "
                          "open it in its program and save it again", file=where) from None
    except OSError as error:
        raise SourceError(f"pandoc could not run: {error.strerror}", file=where) from None
    document: dict[str, Any] = load_json(result.stdout.decode("utf-8"))
    document["blocks"], _ = flatten_deep(document["blocks"])
    return document


def write_markdown(document: dict[str, Any]) -> str:
    """A pandoc JSON document as Markdown the build reads and a person can edit (a paragraph a line)."""
    try:
        return subprocess.run(
            _pandoc_command("--from", "json", "--to", MARKDOWN_WRITER, "--wrap=none"),
            input=json.dumps({**document, "meta": {}}).encode("utf-8"), capture_output=True,
            timeout=PANDOC_SECONDS, check=True, preexec_fn=_dies_with_parent(),
        ).stdout.decode("utf-8")
    except (subprocess.SubprocessError, OSError) as error:
        raise RenderError(f"pandoc could not write the text as Markdown ({error})") from None
