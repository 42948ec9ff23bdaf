"""Nesting too deep to lay out is set as plain words: bounded, words kept, the tree still pandoc's."""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

from pamphleteer import ast, codes
from pamphleteer.nesting import MAX_BLOCK_DEPTH, MAX_DEPTH, flatten_deep
from pamphleteer.parse import read_markdown, write_markdown


def emphasis(levels: int, inner: list[ast.Node]) -> ast.Node:
    node = ast.make_emph(inner)
    for _ in range(levels - 1):
        node = ast.make_emph([node])
    return ast.make_para([node])


def quotations(levels: int) -> ast.Node:
    node = ast.make_para([ast.make_str("inside")])
    for _ in range(levels):
        node = ast.make_block_quote([node])
    return node


def depth_of(value: ast.Node | list[ast.Node]) -> int:
    return max(depth for _node, depth in ast.descend(value, lambda _node, depth: depth + 1, 1))


def written(blocks: list[ast.Node]) -> str:
    return write_markdown({"pandoc-api-version": [1, 23, 1], "meta": {}, "blocks": blocks})


def test_nesting_within_the_limits_is_left_as_it_was():
    blocks = [emphasis(MAX_DEPTH - 1, [ast.make_str("a")]), quotations(MAX_BLOCK_DEPTH)]
    assert flatten_deep(blocks) == (blocks, 0)


def test_nesting_past_the_limits_is_set_as_the_words_it_held_and_nothing_is_edited_in_place():
    blocks = [quotations(MAX_BLOCK_DEPTH + 5), emphasis(MAX_DEPTH + 30, [ast.make_str("deep")])]
    kept = copy.deepcopy(blocks)
    flat, count = flatten_deep(blocks)
    assert count == 2 and blocks == kept
    assert ast.text_of(flat) == "inside deep"
    assert depth_of(flat) <= MAX_DEPTH + 2


def test_words_and_quotations_at_the_limit_stay_as_pandoc_can_write_them():
    # a quotation just inside the limit, its words at it: its marks and the spaces are no elements to flatten
    words = [ast.make_str("two"), ast.make_space(), ast.make_str("words")]
    flat, count = flatten_deep([emphasis(MAX_DEPTH - 2, [ast.make_quoted(True, words)])])
    assert count == 0 and ast.text_of(flat) == "\u201ctwo words\u201d"
    assert "\u201ctwo words\u201d" in written(flat)


def test_any_depth_is_flattened_without_reaching_the_recursion_limit():
    levels = sys.getrecursionlimit() * 3
    flat, count = flatten_deep(quotations(levels))
    assert count == 1 and ast.text_of(flat) == "inside"
    assert depth_of(flat) == MAX_BLOCK_DEPTH + 2  # the quotations kept, the paragraph of words, its word


def test_a_text_nested_too_deep_is_read_with_a_warning_naming_its_line():
    markdown = "Intro.\n\n" + "> " * (MAX_BLOCK_DEPTH + 3) + "deep words\n"
    blocks, diagnostics = read_markdown(markdown, path=Path("deep.md"), first_line=5)
    assert ast.text_of([block.node for block in blocks]) == "Intro. deep words"
    assert [(d.code, d.line) for d in diagnostics] == [(codes.TOO_DEEP, 7)]
    assert json.dumps([block.node for block in blocks])  # a tree the writers can read


def test_the_html_writer_writes_any_depth_without_reaching_the_recursion_limit():
    from pamphleteer.parse import Block
    from pamphleteer.render.markup import Writer

    levels = sys.getrecursionlimit() * 3
    blocks = [Block(1, quotations(levels)), Block(2, emphasis(levels, [ast.make_str("deep")]))]
    html = str(Writer(prefix="t").blocks(blocks))
    assert html.count("<blockquote") == html.count("</blockquote>") == levels
    assert html.count("<em>") == html.count("</em>") == levels
    assert "<p>inside</p>" in html and "<em>deep</em>" in html


def test_image_leftovers_are_sorted_at_any_depth_without_reaching_the_recursion_limit():
    from pamphleteer.normalise.converter import never_refuse
    from pamphleteer.normalise.images import left_out_image, lift_image_leftovers
    from pamphleteer.parse import Block

    words = [ast.make_str("A"), ast.make_space(), ast.make_str("photo")]
    node = ast.make_para([left_out_image(words, "a.jpg")])
    for _ in range(sys.getrecursionlimit() * 3):
        node = ast.make_block_quote([node])
    kept = Block(2, ast.make_para([ast.make_str("words")]))
    result = lift_image_leftovers((Block(1, node), kept), Path("t.md"), never_refuse)
    assert result.blocks == (kept,)  # the quotations held nothing but the image: they went with it
    assert [(d.code, d.line) for d in result.diagnostics] == [("N803", 1)]
