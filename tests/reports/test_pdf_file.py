"""Renumbering a part's objects as bytes: references change, text in strings does not."""

import pytest

from councilplan.reports.pdf.file import Renumbering, renumbered, renumbered_all

BODIES = [
    b"<</Type/StructElem/S/TD/P 60 0 R/A[<</O/Table/Headers[(U1x2y0)(U1x0y1)]>>]/K[8 9 10]"
    b"/Pg 3774 0 R>>",
    b"<</Type/StructElem/S/TH/ID(U1x2y0)/P 61 0 R/K[12 0 R 4]>>",
    b"<</Type/StructElem/S/H2/T(Phase 3 0 R \\(see\\) (nested (twice)))/P 61 0 R/K[0]>>",
    b"<</Type/Annot/Subtype/Link/Dest(s1)/Contents(Go to s1 7 0 R)/P 3774 0 R>>",
    b"[ 1 0 R 2 0 R 595.2756 841.8898 0 ]",
    b"<</Kids[18 0 R]/Count 1>>",
]
DEEP = b"<</T(a (b (c (d (e (f 3 0 R))))))/P 61 0 R>>"
HEXADECIMAL = b"<</S/TH/ID<553178327937>/P 61 0 R>>"  # U1x2y7


def renumbering(*, with_table: bool = True) -> Renumbering:
    numbers = {1: 101, 2: 102, 12: 112, 18: 118, 60: 160, 61: 161, 3774: 3874}
    table = {b"%d 0 R" % old: b"%d 0 R" % new for old, new in numbers.items()}
    return Renumbering(
        objects=lambda old: b"%d 0 R" % numbers[old] if old in numbers else b"null",
        ids={b"U1x2y0": b"p2-U1x2y0", b"U1x0y1": b"p2-U1x0y1", b"U1x2y7": b"p2-U1x2y7"},
        destinations={b"s1": b"p2-s1"},
        references=table if with_table else None,
    )


def test_references_headers_ids_and_destinations_change_and_nothing_else():
    result = renumbered_all(BODIES, renumbering())
    assert result[0] == (
        b"<</Type/StructElem/S/TD/P 160 0 R/A[<</O/Table/Headers[(p2-U1x2y0)(p2-U1x0y1)]>>]"
        b"/K[8 9 10]/Pg 3874 0 R>>"
    )
    assert result[1] == b"<</Type/StructElem/S/TH/ID(p2-U1x2y0)/P 161 0 R/K[112 0 R 4]>>"
    assert result[2] == (
        b"<</Type/StructElem/S/H2/T(Phase 3 0 R \\(see\\) (nested (twice)))/P 161 0 R/K[0]>>"
    )
    assert result[3] == (
        b"<</Type/Annot/Subtype/Link/Dest(p2-s1)/Contents(Go to s1 7 0 R)/P 3874 0 R>>"
    )
    assert result[4] == b"[ 101 0 R 102 0 R 595.2756 841.8898 0 ]"
    assert result[5] == b"<</Kids[118 0 R]/Count 1>>"


@pytest.mark.parametrize("extra", [DEEP, HEXADECIMAL], ids=["deep string", "hexadecimal ID"])
def test_the_quick_way_gives_what_the_careful_way_gives(extra):
    """Strings nested deeper than the pattern, or IDs in hexadecimal, send all the objects
    the careful way; either way each object comes out as `renumbered` makes it."""
    bodies = [*BODIES, extra]
    careful = [renumbered(body, renumbering(with_table=False)) for body in bodies]
    assert renumbered_all(bodies, renumbering()) == careful
    assert careful[-1] in (
        b"<</T(a (b (c (d (e (f 3 0 R))))))/P 161 0 R>>",
        b"<</S/TH/ID(p2-U1x2y7)/P 161 0 R>>",
    )


def test_a_reference_to_a_missing_object_becomes_null():
    assert renumbered_all([b"<</P 99 0 R/K[1 0 R]>>"], renumbering()) == [b"<</P null/K[101 0 R]>>"]
