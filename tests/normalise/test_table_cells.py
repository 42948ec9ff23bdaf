"""Tables whose cells hold links and emphasis, as real converters write them, reach the edition as tables.

The inputs are what each converter made of one HTML table (three columns; a link, bold and
italics in the cells; a cell long enough for html2text to wrap), run by hand: markdownify
1.2.3, html2text 2025.4.15 with its defaults, pandoc 3.9's `gfm` and `markdown` writers (the
latter a simple table, which the CommonMark reader does not know: N717 reads it with pandoc's own).
"""

from __future__ import annotations

import pytest

from pamphleteer.ast import kind, table_rows, text_of, walk
from tests.normalise.helpers import normalised

LEAD = "The strike wave that swept the country this autumn was not an accident."
CLOSE = "What made the difference was the willingness of ordinary members to decide."
PIPES = ("| Union | Members | Result |\n| --- | --- | --- |\n"
         "| [United Auto Workers](https://example.org/uaw) | **48,000** | A *new* contract, see "
         "[the terms](https://example.org/c) |\n"
         "| [Chicago Teachers Union](https://example.org/ctu) | 25,000 | *Class sizes* capped |\n")
CONVERTED = {
    "markdownify": PIPES,
    "pandoc-gfm": PIPES.replace("| --- | --- | --- |", "|----|----|----|"),
    "html2text": ("Union| Members| Result  \n---|---|---  \n"
                  "[United Auto Workers](https://example.org/uaw)| **48,000**|  A _new_ contract,\n"
                  "see [the terms](https://example.org/c)  \n"
                  "[Chicago Teachers Union](https://example.org/ctu)| 25,000|  _Class sizes_\ncapped  \n"),
    "pandoc-markdown": (
        "  Union                                               Members      Result\n"
        "  --------------------------------------------------- ------------ ---------------------------\n"
        "  [United Auto Workers](https://example.org/uaw)      **48,000**   A *new* contract, see "
        "[the terms](https://example.org/c)\n"
        "  [Chicago Teachers Union](https://example.org/ctu)   25,000       *Class sizes* capped\n"),
}
ROWS = [["Union", "Members", "Result"],
        ["United Auto Workers", "48,000", "A new contract, see the terms"],
        ["Chicago Teachers Union", "25,000", "Class sizes capped"]]


# html2text wraps a long row at 78 columns (the rest of the cell and the next row were a paragraph
# with the cells' pipes in it: N719 joins them); pandoc's markdown writer makes a simple table (N717)
@pytest.mark.parametrize("converter", list(CONVERTED))
def test_a_table_with_links_and_emphasis_in_its_cells_stays_a_table(converter):
    text = normalised(f"{LEAD}\n\n{CONVERTED[converter]}\n{CLOSE}\n")
    tables = [block.node for block in text.blocks if kind(block.node) == "Table"]
    assert len(tables) == 1, [kind(block.node) for block in text.blocks]
    rows = [[text_of({"t": "Div", "c": [["", [], []], cell]}) for cell in cells]
            for _, cells in table_rows(tables[0])]
    assert rows == ROWS
    # the links and the emphasis are the cells' own, not Markdown shown as text
    inside = [kind(node) for node in walk(tables[0])]
    assert inside.count("Link") == 3 and "Strong" in inside and "Emph" in inside
    assert [text_of(block.node) for block in text.blocks if kind(block.node) != "Table"] == [LEAD, CLOSE]
