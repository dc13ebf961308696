"""Glossary loading and validation: every broken file stops with path:line."""

from pathlib import Path

import pytest

from taiyaku.errors import InputError
from taiyaku.analyze.glossary import MAX_CELL, bundled_glossary_path, load_glossary, parse_glossary

HEADER = "ja\ten\tja_variants\ten_variants\ten_forbidden\tnote\n"


def test_parses_lists_comments_and_any_column_order():
    text = (
        "# comment\n\nen\tja\tja_variants\ten_variants\ten_forbidden\tnote\n"
        "post-massage soreness\t揉み返し\tもみ返し|揉みかえし\t\trubbing back|rub back\tx\n"
    )
    g = parse_glossary(text, "g.tsv")
    (e,) = g.entries
    assert e.ja_variants == ("もみ返し", "揉みかえし")
    assert e.en_forbidden == ("rubbing back", "rub back")
    assert e.accepted == ("post-massage soreness",)
    assert e.line == 4


@pytest.mark.parametrize(
    "body, line, fragment",
    [
        ("腰痛\tlow back pain\n", 2, "expected 6 tab-separated columns"),
        ("腰痛\t\t\t\t\t\n", 2, "empty 'en'"),
        ("\tlow back pain\t\t\t\t\n", 2, "empty 'ja'"),
        ("腰痛\tlow back pain\t\t\t\t\n腰痛\tlumbago\t\t\t\t\n", 3, "with a different en"),
        ("腰痛\tlow back pain\t\t\t\t\n腰痛\tlow back pain\t\t\t\t\n", 3, "again"),
        ("腰痛\tlow back pain\t\t\t\t\n慢性腰痛\tchronic low back pain\t腰痛\t\t\t\n", 3, "is also the term"),
        ("腰痛\tlow back pain\t\tlumbago\tlumbago\t\n", 2, "both accepted and forbidden"),
        ("腰痛\tlow back pain\t\t\tLow-back pain\t\n", 2, "both accepted and forbidden"),
    ],
)
def test_broken_rows_name_the_line(body, line, fragment):
    with pytest.raises(InputError) as err:
        parse_glossary(HEADER + body, "g.tsv")
    assert err.value.line == line
    assert fragment in err.value.message
    assert str(err.value).startswith(f"g.tsv:{line}: ")


def test_a_rendering_forbidden_for_one_term_may_be_accepted_for_another():
    g = parse_glossary(
        HEADER
        + "整体\tseitai\t\t\tchiropractic\t\n"
        + "カイロプラクティック\tchiropractic\t\t\t\t\n",
        "g.tsv",
    )
    assert [e.en_forbidden for e in g.entries] == [("chiropractic",), ()]


@pytest.mark.parametrize(
    "header, message",
    [
        ("ja\ten\ten_forbiden\n", "unknown column 'en_forbiden' (did you mean 'en_forbidden'?)"),
        ("ja\ten\tnotes\n", "unknown column 'notes' (did you mean 'note'?)"),
        ("ja\tenn\n", "unknown column 'enn' (did you mean 'en'?)"),
        ("ja\ten\tcomment\n", "unknown column 'comment': the columns are ja, en,"),
        ("ja\tnote\n", "no header row"),
    ],
)
def test_header_columns_are_checked(header, message):
    with pytest.raises(InputError) as err:
        parse_glossary(header + "腰痛\tlow back pain\n", "glossary.tsv")
    assert str(err.value).startswith(f"glossary.tsv:1: {message}")


@pytest.mark.parametrize("text", ["揉み返し\tpost-massage soreness\n", "# only a comment\n", ""])
def test_missing_header(text):
    with pytest.raises(InputError, match="header"):
        parse_glossary(text, "g.tsv")


def test_not_text(tmp_path: Path):
    p = tmp_path / "g.tsv"
    p.write_bytes(b"ja\ten\n\x00\x01\x02")
    with pytest.raises(InputError, match="not text"):
        load_glossary(p)
    p.write_bytes(HEADER.encode() + "腰痛\tlow back pain\t\t\t\t\n".encode("cp932"))
    with pytest.raises(InputError, match="not UTF-8") as err:
        load_glossary(p)
    assert err.value.line == 2


def test_missing_file(tmp_path: Path):
    with pytest.raises(InputError, match="no such glossary"):
        load_glossary(tmp_path / "nope.tsv")


def test_bundled_glossary_is_valid_and_covers_the_seed_terms():
    g = load_glossary(bundled_glossary_path())
    assert len(g) >= 80
    by_ja = {e.ja: e for e in g.entries}
    assert by_ja["揉み返し"].en == "post-massage soreness"
    assert {"もみ返し", "揉みかえし"} <= set(by_ja["揉み返し"].ja_variants)
    assert {"rubbing back", "return rub", "rubback", "a rub"} <= set(by_ja["揉み返し"].en_forbidden)
    assert by_ja["仙腸関節"].en == "sacroiliac joint"
    assert by_ja["中枢性感作"].en == "central sensitization"
    assert "ギックリ腰" in by_ja["ぎっくり腰"].ja_variants
    assert all(e.note for e in g.entries), "every entry names its sources"


@pytest.mark.parametrize("column", [0, 1, 2, 4])
def test_overlong_cell_is_a_glossary_error(column):
    cells = ["腰痛", "low back pain", "", "", "", "a long note " * 100]
    cells[column] = ("漢" if column in (0, 2) else "word ") * (MAX_CELL + 1)
    with pytest.raises(InputError) as err:
        parse_glossary(HEADER + "\t".join(cells) + "\n", "g.tsv")
    assert str(err.value).startswith("g.tsv:2: cell ") and f"longer than {MAX_CELL} characters" in str(err.value)
