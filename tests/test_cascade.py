"""A part rendered again is styled without matching its elements again (render/cascade.py), its
spacing layers are matched by the paragraphs' ids, and its justified lines are given their word
spaces once (render/lines.py): the styles and the PDF are the ones WeasyPrint makes."""

from __future__ import annotations

from typing import Any

import cssselect2
import pytest
import weasyprint
from cssselect2.tree import ElementWrapper
from weasyprint.text.fonts import FontConfiguration

from pamphleteer.render import cascade, lines
from pamphleteer.render.spacing import spacing_rules

DOCUMENT = (
    '<section id="s"><p id="a">Some words <em>set <b>here</b></em> and there.</p>'
    '<p id="b">Other words</p><p>Words <em>elsewhere</em></p>'
    '<blockquote id="q"><p>Quoted <em>words</em></p></blockquote></section>'
)
BASE = ("html { --face-space: 0.01em; --glyphs-99: 99%; --leading-99: 1.3; font-size: 16px; }\n"
        "p { word-spacing: 1px; } em { font-size: 20px; } blockquote p { word-spacing: 2px; }\n")
READ = ("word_spacing", "font_size", "line_height")
LAYER = spacing_rules({"a": "0.02em 99", "q": "-0.045em"})


def _styles(fonts: FontConfiguration, html: weasyprint.HTML, sheets: list[weasyprint.CSS]) -> list[Any]:
    """Each element's word spacing, font size and line height, in tree order."""
    style_for = weasyprint.css.get_all_computed_styles(html, user_stylesheets=sheets, font_config=fonts)
    return [(element.tag, element.get("id"), *(style_for(element)[name] for name in READ))
            for element in html.etree_element.iter()]


def test_the_spacing_layers_are_matched_by_the_paragraphs_ids_and_style_as_weasyprint_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`[id="x"]` and `[id="x"] *` were tested on every element, with a walk up its ancestors."""
    fonts = FontConfiguration()
    layer = weasyprint.CSS(string=LAYER, font_config=fonts)
    assert not layer.matcher.other_selectors
    assert set(layer.matcher.id_selectors) == {"a", "q"}
    styled = _styles(fonts, weasyprint.HTML(string=DOCUMENT),
                     [weasyprint.CSS(string=BASE, font_config=fonts), layer])
    for name in ("_compiled_init", "_add_selector", "_match", "_iter_subtree"):
        original = getattr(cascade, name)
        target = {"_compiled_init": (cssselect2.compiler.CompiledSelector, "__init__"),
                  "_add_selector": (cssselect2.Matcher, "add_selector"),
                  "_match": (cssselect2.Matcher, "match"),
                  "_iter_subtree": (ElementWrapper, "iter_subtree")}[name]
        monkeypatch.setattr(*target, original)
    fonts = FontConfiguration()
    sheets = [weasyprint.CSS(string=BASE, font_config=fonts), weasyprint.CSS(string=LAYER, font_config=fonts)]
    assert sheets[1].matcher.other_selectors  # WeasyPrint's own cascade, for comparison
    assert styled == _styles(fonts, weasyprint.HTML(string=DOCUMENT), sheets)
    by_id = {(tag, key): (spacing, size) for tag, key, spacing, size, _height in styled}
    assert by_id["p", "a"] == (0.02 * 16 * 0.99 - 0.01 * 16 * 0.99, 16 * 0.99)  # its own size, scaled
    assert by_id["b", None][0] == 0.02 * 20 - 0.01 * 20  # inside it: by its own size
    assert by_id["p", "b"][0] == 1


def test_a_document_styled_again_is_not_matched_again(monkeypatch: pytest.MonkeyPatch) -> None:
    matched: list[Any] = []

    def counted(matcher: Any, element: Any) -> Any:
        matched.append(matcher)
        return original(matcher, element)

    original = cascade._match
    monkeypatch.setattr(cascade, "_match", counted)
    fonts = FontConfiguration()
    base = weasyprint.CSS(string=BASE, font_config=fonts)
    html = weasyprint.HTML(string=DOCUMENT)
    first = _styles(fonts, html, [base])
    assert base.matcher in matched
    del matched[:]
    layer = weasyprint.CSS(string=LAYER, font_config=fonts)
    again = _styles(fonts, html, [base, layer])
    assert matched and set(matched) == {layer.matcher}  # only the new layer is matched
    assert again != first
    assert _styles(fonts, weasyprint.HTML(string=DOCUMENT), [base, layer]) == again


def test_a_justified_line_is_given_its_word_spaces_once_and_the_pdf_is_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    made: list[str] = []

    def counted(text: str, *args: Any) -> Any:
        made.append(text)
        return original(text, *args)

    original = lines._create_layout
    monkeypatch.setattr(lines, "_create_layout", counted)
    fonts = FontConfiguration()
    words = " ".join(["justified words of a paragraph long enough to fill some lines"] * 6)
    html = weasyprint.HTML(string=f'<p style="text-align: justify; width: 200px">{words}</p>')
    sheets = [weasyprint.CSS(string="@page { size: 300px 600px; }", font_config=fonts)]
    lines._JUSTIFIED.clear()
    first = html.render(font_config=fonts, stylesheets=sheets).write_pdf()
    assert made  # each line set once: the repeated lines are remembered too
    del made[:]
    again = html.render(font_config=fonts, stylesheets=sheets).write_pdf()
    assert not made
    lines._JUSTIFIED.clear()
    monkeypatch.setattr(weasyprint.layout.inline, "create_layout", original)
    assert first == again == html.render(font_config=fonts, stylesheets=sheets).write_pdf()
