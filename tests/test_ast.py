"""The typed AST layer: nodes built as pandoc reads them, one walk and one rewrite that reach everything."""

from __future__ import annotations

import copy
import json
import sys
from functools import cache

import pypandoc
import pytest

from pamphleteer import ast
from tests.normalise.helpers import nodes

EVERY_KIND = """\
# A *heading* {#top .intro}

A para with **strong**, [a link](https://x.org/a "T"), ![alt *text*](pic.png), `code`,
"quoted", a note[^1], [a span]{.k}, H~2~O and ~~gone~~.

> quoted *block*

::: box
in a div
:::

- one
- two

3. three
4. four

| head | cell |
|------|------|
| body | text |

: a caption

term
: a definition

| a line
| another

```
a code block
```

---

[^1]: the note's words.
"""


EVERY_KIND_EXTRA = """

![a figure's *caption*](pic.png)
"""


@cache
def every_kind() -> list[ast.Node]:
    """EVERY_KIND read by pandoc's own Markdown reader, which also reads line blocks, captions, figures."""
    document = json.loads(pypandoc.convert_text(EVERY_KIND + EVERY_KIND_EXTRA, "json", format="markdown"))
    return list(document["blocks"])


def upper(inlines: list[ast.Node]) -> list[ast.Node]:
    return [ast.make_str(ast.str_text(n).upper()) if n["t"] == "Str" else n for n in inlines]


# -- constructors build what pandoc reads -----------------------------------------


@pytest.mark.parametrize(("markdown", "built"), [
    ("[a](https://x.org \"T\")", ast.make_para([ast.make_link([ast.make_str("a")], "https://x.org", "T")])),
    ("*a* **b**", ast.make_para([ast.make_emph([ast.make_str("a")]), ast.make_space(),
                                ast.make_strong([ast.make_str("b")])])),
    ("## Two {.c}", ast.make_header(2, [ast.make_str("Two")], ast.Attr("", ("c",)))),
    ("![x](p.png)", ast.make_para([ast.make_image([ast.make_str("x")], "p.png")])),
    ("> b", ast.make_block_quote([ast.make_para([ast.make_str("b")])])),
    ("---", ast.make_horizontal_rule()),
    ("- a", ast.make_bullet_list([[ast.make_plain([ast.make_str("a")])]])),
    ("3. a", ast.make_ordered_list([[ast.make_plain([ast.make_str("a")])]], start=3)),
    ("```\nx = 1\n```", ast.make_code_block("x = 1")),
    ("`x`", ast.make_para([ast.make_code("x")])),
    ("[s]{.k}", ast.make_para([ast.make_span([ast.make_str("s")], ast.Attr(classes=("k",)))])),
    ("::: k\nd\n:::", ast.make_div([ast.make_para([ast.make_str("d")])], ast.Attr(classes=("k",)))),
    ("a  \nb", ast.make_para([ast.make_str("a"), ast.make_line_break(), ast.make_str("b")])),
    ("| a | b |\n|---|---|\n| c | d |", ast.make_table(
        [[[ast.make_plain([ast.make_str("a")])], [ast.make_plain([ast.make_str("b")])]]],
        [[[ast.make_plain([ast.make_str("c")])], [ast.make_plain([ast.make_str("d")])]]])),
])
def test_constructors_build_the_nodes_pandoc_reads(markdown, built):
    assert nodes(markdown) == [built]


def test_accessors_read_a_link_a_heading_and_their_attributes():
    (heading,) = nodes("## Two words {.c key=v}")
    assert ast.header_level(heading) == 2
    assert ast.text_of(ast.header_inlines(heading)) == "Two words"
    assert ast.header_attr(heading) == ast.Attr("", ("c",), (("key", "v"),))
    assert ast.header_attr(heading).get("key") == "v"
    assert ast.has_class(heading, "c")
    attr = ast.Attr("top", ("c",), (("key", "v"),))
    assert ast.header_attr(ast.make_header(1, [], attr)) == attr
    (para,) = nodes("[the *text*](https://x.org/ \"a title\")")
    (link,) = ast.block_inlines(para)
    assert ast.link_target(link) == "https://x.org/"
    assert ast.link_title(link) == "a title"
    assert ast.text_of(ast.link_text(link)) == "the text"
    moved = ast.with_link_target(link, "https://y.org/")
    assert (ast.link_target(moved), ast.link_title(moved), ast.link_text(moved)) == (
        "https://y.org/", "a title", ast.link_text(link))


@pytest.mark.parametrize("markdown", [
    "## Two {#top .c key=v}", "[a](https://x.org){#top .c key=v}", "an ![image](p.png){#top .c key=v}",
    "[s]{#top .c key=v}", "`x`{#top .c key=v}", "::: {#top .c key=v}\nd\n:::", "```{#top .c key=v}\nx\n```",
])
def test_the_attributes_of_every_kind_that_has_them_are_read_and_replaced(markdown):
    (block,) = json.loads(pypandoc.convert_text(markdown, "json", format="markdown"))["blocks"]  # ids kept
    node = next(item for item in ast.walk(block) if ast.has_attr(item))
    assert ast.attr_of(node) == ast.Attr("top", ("c",), (("key", "v"),))
    assert ast.has_class(node, "c") and not ast.has_class(node, "top")
    moved = ast.with_attr(node, ast.Attr("other"))
    assert ast.attr_of(moved) == ast.Attr("other")
    assert ast.with_attr(moved, ast.attr_of(node)) == node  # the rest of the node kept as it was
    assert not ast.has_attr(ast.make_str("a")) and not ast.has_attr(ast.make_para([]))


def test_a_figure_gives_its_caption_and_an_image_its_title():
    figure = next(node for node in every_kind() if node["t"] == "Figure")
    assert ast.text_of(ast.figure_caption(figure)) == "a figure’s caption"
    (image,) = [node for node in ast.walk(ast.figure_blocks(figure)) if node["t"] == "Image"]
    assert ast.image_target(image) == "pic.png"
    made = ast.make_figure([ast.make_plain([ast.make_image([], "p.png", "a title")])],
                           [ast.make_plain([ast.make_str("words")])])
    assert ast.text_of(ast.figure_caption(made)) == "words"
    assert ast.image_title(ast.block_inlines(ast.figure_blocks(made)[0])[0]) == "a title"


@pytest.mark.parametrize(("url", "dead"), [("#", True), ("", True), (" # ", True), ("#top", False),
                                           ("https://x.org", False)])
def test_a_link_to_nothing_is_dead(url, dead):
    assert ast.is_dead_link(ast.make_link([ast.make_str("a")], url)) is dead


def test_a_table_is_read_row_by_row_heading_rows_first():
    (table,) = nodes("| a | b |\n|---|---|\n| c | d |")
    rows = [(heading, [ast.text_of(cell) for cell in cells]) for heading, cells in ast.table_rows(table)]
    assert rows == [(True, ["a", "b"]), (False, ["c", "d"])]


def test_a_pull_quote_is_a_div_that_names_its_passage():
    quote = ast.make_pull_quote([ast.make_para([ast.make_str("words")])], 12)
    assert ast.is_pull_quote(quote)
    assert ast.pull_quote_target(quote) == "12"
    assert not ast.is_pull_quote(ast.make_div([], ast.Attr(classes=("box",))))
    assert not ast.is_pull_quote(ast.make_para([]))


# -- the walk ----------------------------------------------------------------------


def test_the_walk_reaches_every_node_in_reading_order():
    assert {n["t"] for n in ast.walk(every_kind())} >= {"LineBlock", "Figure", "Table", "DefinitionList"}
    strings = [ast.str_text(n) for n in ast.walk(every_kind()) if n["t"] == "Str"]
    for word in ("heading", "strong", "link", "alt", "words.", "span", "2", "gone", "block",
                 "div", "two", "four", "head", "cell", "body", "text", "caption", "term", "definition",
                 "another", "figure’s", "caption"):
        assert word in strings, word
    assert strings.index("heading") < strings.index("strong") < strings.index("block") < strings.index("div")


def words_walked(markdown: str, **options) -> list[str]:
    return [ast.str_text(n) for n in ast.walk(nodes(markdown), **options) if n["t"] == "Str"]


def test_the_walk_can_stay_out_of_nodes():
    text = "a note[^1]\n\n[^1]: inside"
    assert "inside" in words_walked(text)
    assert words_walked(text, into=lambda n: n["t"] != "Note") == ["a", "note"]
    assert "Note" in {n["t"] for n in ast.walk(nodes(text), into=lambda n: n["t"] != "Note")}


def deep(levels: int) -> ast.Node:
    node = ast.make_str("core")
    for _ in range(levels):
        node = ast.make_emph([node])
    return ast.make_para([node])


def test_the_walk_hands_each_node_what_its_parent_passed_down():
    read = nodes("> *a* b\n>\n> > c")
    depths = [(n["t"], depth) for n, depth in ast.descend(read, lambda _n, depth: depth + 1, 0)]
    assert depths == [("BlockQuote", 0), ("Para", 1), ("Emph", 2), ("Str", 3), ("Space", 2), ("Str", 2),
                      ("BlockQuote", 1), ("Para", 2), ("Str", 3)]
    outside = [ast.word_of(n) for n, _ in ast.descend(read, lambda n, d: None if n["t"] == "Emph" else d, 0)]
    assert "a" not in outside and "c" in outside


def test_trees_deeper_than_the_recursion_limit_are_walked_rewritten_and_read():
    levels = sys.getrecursionlimit() * 3
    tree = deep(levels)
    assert sum(1 for _ in ast.walk(tree)) == levels + 2
    assert max(depth for _n, depth in ast.descend(tree, lambda _n, depth: depth + 1, 0)) == levels + 1
    assert ast.text_of(tree) == "core"
    assert ast.text_of(ast.transform(tree, inlines=upper)) == "CORE"
    shouted = ast.rewrite([tree], lambda n: [ast.make_str("CORE")] if n["t"] == "Str" else [n])
    assert ast.text_of(shouted) == "CORE"


def test_a_fold_runs_its_steps_in_the_order_a_recursion_would_and_to_any_depth():
    seen: list[str] = []

    def bracketed(node: ast.Node) -> ast.Fold[str]:  # a node's words, each list inside in brackets
        seen.append(ast.kind(node))
        inner = []
        for _level, children in ast.slots(node):
            for child in children:
                inner.append((yield bracketed(child)))
        seen.append("/" + ast.kind(node))
        word = " " if ast.kind(node) == "Space" else ast.word_of(node)
        return word + (f"[{''.join(inner)}]" if inner else "")

    read = nodes("*a* **b**")[0]
    assert ast.fold(bracketed(read)) == "[[a] [b]]"
    assert seen == ["Para", "Emph", "Str", "/Str", "/Emph", "Space", "/Space", "Strong", "Str", "/Str",
                    "/Strong", "/Para"]
    levels = sys.getrecursionlimit() * 3
    assert ast.fold(bracketed(deep(levels))).count("[") == levels + 1


# -- the rewrite -------------------------------------------------------------------


def test_the_rewrite_reaches_every_inline_list_and_edits_nothing_in_place():
    blocks = every_kind()
    kept = copy.deepcopy(blocks)
    rewritten = [ast.transform(block, inlines=upper) for block in blocks]
    assert blocks == kept
    for before, after in zip(blocks, rewritten, strict=True):
        strings = [ast.str_text(n) for n in ast.walk(after) if n["t"] == "Str"]
        assert strings == [ast.str_text(n).upper() for n in ast.walk(before) if n["t"] == "Str"]


def test_a_rewrite_that_changes_nothing_returns_the_same_nodes():
    blocks = every_kind()
    assert all(ast.transform(block, inlines=list, blocks=list) is block for block in blocks)


def test_a_block_rewrite_drops_nested_blocks_and_keeps_its_neighbours():
    kept, dropped, also = (ast.make_para([ast.make_str(word)]) for word in ("kept", "dropped", "also kept"))
    quote = ast.make_block_quote([kept, ast.make_pull_quote([dropped], 1), also])
    out = ast.transform(quote, blocks=lambda items: [b for b in items if not ast.is_pull_quote(b)])
    assert ast.text_of(out) == "kept also kept"
    assert ast.text_of(quote) == "kept dropped also kept"


def test_a_node_rewrite_sees_each_node_after_its_children_in_reading_order():
    seen: list[str] = []
    read = nodes("*a* [b **c**](https://x.org)\n\n> d")
    ast.rewrite(read, lambda n: seen.append(ast.text_of(n) or n["t"]) or [n])
    assert seen == ["a", "a", "Space", "b", "Space", "c", "c", "b c", "a b c", "d", "d", "d"]


def test_a_node_rewrite_keeps_drops_and_replaces_and_edits_nothing_in_place():
    blocks = every_kind()
    kept = copy.deepcopy(blocks)

    def unwrap(node: ast.Node) -> list[ast.Node]:
        if node["t"] in ("Emph", "Strong"):
            return ast.wrapped(node)  # replaced by what it holds
        return [] if node["t"] in ("Note", "CodeBlock") else [node]

    out = ast.rewrite(blocks, unwrap)
    assert blocks == kept
    assert not {"Emph", "Strong", "Note", "CodeBlock"} & {n["t"] for n in ast.walk(out)}
    assert ast.text_of(out) == ast.text_of(blocks).replace(" a code block", "")
    assert len(out) == len(blocks) - 1  # the code block; every other block kept, in its place
    assert all(new is old for new, old in zip(ast.rewrite(blocks, lambda n: [n]), blocks, strict=True))


def test_a_node_rewrite_can_stay_out_of_nodes():
    read = nodes("*a* and a note[^1]\n\n[^1]: *inside*")
    handed: list[ast.Node] = []
    ast.rewrite(read, lambda n: handed.append(n) or [n], into=lambda n: n["t"] != "Note")
    assert "inside" not in [ast.word_of(n) for n in handed]
    assert [n for n in handed if n["t"] == "Note"] == [n for n in ast.walk(read) if n["t"] == "Note"]


def test_slots_rebuild_every_kind_as_it_was():
    for node in ast.walk(every_kind()):
        lists = [items for _level, items in ast.slots(node)]
        assert ast.with_slots(node, lists) == node, node["t"]


# -- text -------------------------------------------------------------------------


@pytest.mark.parametrize(("markdown", "text"), [
    ('He said "no" and \'yes\'.', "He said \u201cno\u201d and \u2018yes\u2019."),
    ("a `b` $c$ and a note[^1]\n\n[^1]: not read", "a b c and a note"),
    ("<b>raw</b> words", "raw words"),
    ("# Head\n\npara one\n\npara two", "Head para one para two"),
    ("[link *text*](https://x.org)", "link text"),
    ("a  \nb\nc", "a b c"),
])
def test_text_of_reads_what_a_reader_reads(markdown, text):
    assert ast.text_of(nodes(markdown)) == text


def test_the_words_alone_are_read_without_quote_marks_or_code_but_with_notes():
    read = nodes('He said "no", ran `code` and *left*.[^1]\n\n[^1]: a note.')
    assert ast.strings_of(read).startswith("He said no, ran and left.")
    assert ast.strings_of(read).endswith("a note.")  # the note's words, right after its call
    assert ast.text_of(read) == "He said \u201cno\u201d, ran code and left."


@pytest.mark.parametrize(("markdown", "first", "last"), [
    ("the *start* and end.", "the", "end."),
    ("*emphasised start*, then [a link](https://x.org)", "emphasised", "link"),
    ('ends in "a quote"', "ends", "\u201d"),
    ("`code` first", "", "first"),
])
def test_first_and_last_words(markdown, first, last):
    inlines = ast.block_inlines(nodes(markdown)[0])
    assert (ast.first_str(inlines), ast.last_str(inlines)) == (first, last)


def test_words_become_inlines_as_pandoc_reads_them():
    read = ast.block_inlines(nodes("two words")[0])
    assert ast.words_to_inlines("two  words ") == [*read, ast.make_space()]
    assert ast.merge_adjacent([ast.make_str("a"), ast.make_str("b"), ast.make_space(), ast.make_space()]) == [
        ast.make_str("ab"), ast.make_space()]


# -- a document's metadata ----------------------------------------------------------


def metadata(front_matter: str) -> dict[str, ast.MetaValue]:
    markdown = f"---\n{front_matter}\n---\n\nText.\n"
    document = json.loads(pypandoc.convert_text(markdown, "json", format="markdown"))
    return dict(document["meta"])


def test_metadata_is_read_as_text_whatever_markup_it_carries():
    meta = metadata("title: The *Long* Road\nsubtitle: |\n  Two *lines*\n  of text\ndraft: true\nlang: de")
    assert ast.meta_text(meta["title"]) == "The Long Road"
    assert ast.meta_text(meta["subtitle"]) == "Two lines of text"  # MetaBlocks
    assert ast.meta_text(meta["lang"]) == "de"
    assert ast.meta_text(meta["draft"]) == "" and ast.meta_text(meta.get("date")) == ""  # a flag, nothing


def test_a_metadata_list_gives_its_items_and_a_single_value_is_one():
    meta = metadata("author:\n- Ana Lima\n- Bo Chen\neditor: Cy Dao")
    assert [ast.meta_text(item) for item in ast.meta_items(meta["author"])] == ["Ana Lima", "Bo Chen"]
    assert [ast.meta_text(item) for item in ast.meta_items(meta["editor"])] == ["Cy Dao"]
    assert ast.meta_items(meta.get("translator")) == []


def test_metadata_constructors_build_what_pandoc_reads():
    name = [ast.make_str("Ana"), ast.make_space(), ast.make_str("Lima")]
    assert metadata("author:\n- Ana Lima")["author"] == ast.make_meta_list([ast.make_meta_inlines(name)])
    assert ast.meta_text(ast.make_meta_string("2024-05-01")) == "2024-05-01"
