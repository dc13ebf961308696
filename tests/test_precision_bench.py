"""The measuring scripts bench/precision.py and bench/align_pages.py: their matching logic on small
synthetic tables, and the ground truth they read (pages, defects, traps, hand alignments) checked
against the files it describes."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import align_pages  # noqa: E402
import precision  # noqa: E402
from precision import Finding, Item, Place  # noqa: E402


def defect(path, line, family, accept=None, text="", col=None, other=()):
    end_col = col + len(text) - 1 if col else None
    places = (Place(path, line, line, col, end_col), *(Place(p, n, n) for p, n in other))
    return Item("p", "defect", path, line, text, places, family, tuple(accept or [family]))


def trap(path, line, other=()):
    return Item("p", "trap", path, line, "", (Place(path, line, line), *(Place(p, n, n) for p, n in other)))


def f(rule, path, line, end_line=None, column=1, end_column=None):
    return Finding(rule, path, line, end_line or line, column, end_column or column)


DEFECTS = [
    defect("a.en", 4, "T001", ["T001", "C001", "T002"], other=[("a.ja", 4)]),   # 0
    defect("a.ja", 9, "U002", ["U002", "T002"]),                               # 1
    defect("a.en", 12, "T001", text="rubbing back", col=1),                    # 2: two defects on one line
    defect("a.en", 12, "T001", text="rubback", col=40),                        # 3
    defect("a.en", 20, "N001", other=[("a.ja", 21)]),                          # 4: never reported
    defect("a.ja", 30, "J"),                                                   # 5: family prefix J
]
TRAPS = [trap("a.en", 6, other=[("a.ja", 6)]), trap("a.en", 4)]

# (finding, expected class: defect index, "trap" or "other")
CASES = [
    (f("T001", "a.en", 4), 0),
    (f("C001", "a.en", 4), 0),              # a second rule the defect accepts: a duplicate on defect 0
    (f("T002", "a.ja", 4), 0),              # reported on the aligned Japanese line
    (f("U001", "a.en", 4), "trap"),         # right line, rule not accepted: falls to the trap on line 4
    (f("U002", "a.ja", 9), 1),
    (f("T002", "a.ja", 9), 1),
    (f("U002", "a.ja", 8, 9), "other"),     # a run that starts outside the defect's lines
    (f("T001", "a.en", 12, column=41, end_column=48), 3),   # columns pick the defect on a shared line
    (f("T001", "a.en", 12, column=1, end_column=13), 2),    # (end_column is exclusive, as in taiyaku's JSON)
    (f("T001", "a.en", 12, column=30, end_column=40), 3),   # ends where "rubback" starts: nearest, not overlap
    (f("N001", "a.ja", 6), "trap"),         # trap place on the other side
    (f("N001", "a.en", 5, 7), "trap"),      # a run touching a trap line
    (f("T001", "b.en", 4), "other"),        # another file
    (f("J001", "a.ja", 30), 5),             # J accepts any J rule
    (f("T001", "a.en", 99), "other"),
]


def test_match_table():
    m = precision.match([c[0] for c in CASES], DEFECTS, TRAPS)
    got = {}
    for i, fs in m.on_defect.items():
        for x in fs:
            got[id(x)] = i
    for x, _ in m.on_trap:
        got[id(x)] = "trap"
    for x in m.other:
        got[id(x)] = "other"
    assert [got[id(c[0])] for c in CASES] == [c[1] for c in CASES]


def test_figures_from_the_table():
    m = precision.match([c[0] for c in CASES], DEFECTS, TRAPS)
    fig = precision.figures(m, len(DEFECTS))
    assert (fig.defects, fig.found, fig.findings, fig.on_defect, fig.on_trap, fig.other) == (6, 5, 15, 9, 3, 3)
    assert fig.recall == pytest.approx(5 / 6)
    assert fig.precision == pytest.approx(9 / 15)
    assert fig.per_defect == pytest.approx(9 / 5)


def test_family_filter_drops_defects_and_findings():
    page = precision.Page("p", ["a.ja", "a.en"], defects=DEFECTS, traps=TRAPS)
    (result,) = precision.evaluate([page], [c[0] for c in CASES], families=("T", "C", "U", "N", "A"))
    assert len(result.defects) == 5  # the J defect is left out
    assert all(not x.rule.startswith("J") for x in result.match.findings)
    assert result.figures.findings == 13  # the J001 finding and the one in b.en are not this page's


def test_empty_run_is_zero_recall_full_precision():
    fig = precision.figures(precision.match([], DEFECTS, TRAPS), len(DEFECTS))
    assert (fig.recall, fig.precision, fig.per_defect) == (0.0, 1.0, 0.0)


# --- ground truth ---------------------------------------------------------------------------------

PAGES = precision.load_manifest(precision.PAGES_MANIFEST, precision.PAGES)
KNOWN_FAMILY = re.compile(r"^([ACNTU](\d{3})?|J)$")


def _line(base: Path, path: str, n: int) -> str:
    lines = (base / path).read_text(encoding="utf-8").split("\n")
    assert 1 <= n <= len(lines), f"{path}:{n} is past the end of the file"
    return lines[n - 1]


def _check_items(pages, base: Path):
    from taiyaku.checks.registry import registry

    codes = set(registry())
    for page in pages:
        for name in page.files:
            assert (base / name).is_file(), f"{page.name}: {name} is missing"
        for item in page.defects + page.traps:
            assert item.path in page.files, f"{item.path} is not a file of page {page.name}"
            assert item.text and item.text in _line(base, item.path, item.line), (
                f"{item.path}:{item.line} does not hold {item.text!r}")
            for place in item.places[1:]:
                assert place.path in page.files
                assert _line(base, place.path, place.line).strip(), f"{place.path}:{place.line} is blank"
        for d in page.defects:
            assert KNOWN_FAMILY.match(d.family), d
            assert d.family in d.accept
            for code in d.accept:
                # a family letter (any rule of that family, e.g. T for a terminology rule yet to be
                # named) or an existing rule code
                assert len(code) == 1 or code in codes, f"{d.path}:{d.line}: unknown rule {code}"


def test_pages_manifest_matches_the_files():
    assert len(PAGES) >= 6
    assert sum(len(p.defects) for p in PAGES) >= 20 and sum(len(p.traps) for p in PAGES) >= 20
    _check_items(PAGES, precision.PAGES)


def test_every_page_file_is_in_the_manifest():
    listed = {name for p in PAGES for name in p.files}
    on_disk = {p.name for p in precision.PAGES.iterdir() if p.is_file() and p.name != "MANIFEST.toml"}
    assert on_disk == listed


SEEDS = precision.find_seeds()


@pytest.mark.skipif(SEEDS is None, reason="../shared/seeds is not beside the repository")
def test_seed_defects_match_the_seeds():
    pages = precision.load_manifest(precision.SEEDS_MANIFEST, SEEDS)
    _check_items(pages, SEEDS)
    seed0 = next(p for p in pages if p.name == "seed-000")
    assert len([d for d in seed0.defects if d.family == "T001"]) >= 20


# --- hand alignments ------------------------------------------------------------------------------

ALIGNED = [p for p in PAGES if p.alignment]
_TAG = re.compile(r"<[^>]+>")


def test_at_least_three_pages_are_hand_aligned():
    assert len(ALIGNED) >= 3


@pytest.mark.parametrize("page", ALIGNED, ids=lambda p: p.name)
def test_hand_alignment_lists_text_lines_once(page):
    beads = align_pages.read_gold(precision.PAGES / page.alignment)
    for side, path in (("ja", page.files[0]), ("en", page.files[-1])):
        seen: list[int] = [n for b in beads for n in (b[0] if side == "ja" else b[1])]
        assert len(seen) == len(set(seen)), f"{page.alignment}: a {side} line is in two beads"
        for n in seen:
            assert _TAG.sub("", _line(precision.PAGES, path, n)).strip(), f"{path}:{n} holds no text"
    if len(page.files) == 1:  # one bilingual file: a line is Japanese or English, not both
        ja = {n for b in beads for n in b[0]}
        en = {n for b in beads for n in b[1]}
        assert not ja & en


@pytest.mark.parametrize("field, lines", [("12", {12}), ("12-14", {12, 13, 14}), ("3,5", {3, 5}),
                                          ("1-2,7", {1, 2, 7}), ("-", set()), ("", set())])
def test_parse_lines(field, lines):
    assert align_pages.parse_lines(field) == lines


def _seg(line, end_line=None):
    return {"line": line, "end_line": end_line or line}


def test_pairs_become_line_beads():
    pairs = [
        {"ja": [_seg(1)], "en": [_seg(1)]},
        {"ja": [_seg(3)], "en": [_seg(3)]},          # two sentences on line 3 on both sides: one bead
        {"ja": [_seg(3)], "en": [_seg(3)]},
        {"ja": [_seg(5), _seg(6)], "en": [_seg(5)]},  # 2-1
        {"ja": [_seg(7)], "en": []},                  # untranslated
        {"ja": [], "en": [_seg(8, 9)]},               # addition over two lines
        {"ja": [_seg(10)], "en": [_seg(10)]},         # a sentence pair sharing en line 10 with the next
        {"ja": [_seg(11)], "en": [_seg(10, 11)]},
    ]
    beads = align_pages.beads_from_pairs(pairs)
    F = frozenset
    assert set(beads) == {(F({1}), F({1})), (F({3}), F({3})), (F({5, 6}), F({5})), (F({7}), F()),
                          (F(), F({8, 9})), (F({10, 11}), F({10, 11}))}


def test_bead_and_link_scores():
    F = frozenset
    gold = [(F({1}), F({1})), (F({2}), F()), (F({3, 4}), F({2}))]
    pred = [(F({1}), F({1})), (F({2}), F({2})), (F({3}), F()), (F({4}), F())]
    beads, links = align_pages.score(gold, pred)
    assert (beads.gold, beads.pred, beads.right) == (3, 4, 1)
    # gold links: (1,1) (2,-) (3,2) (4,2); predicted: (1,1) (2,2) (3,-) (4,-)
    assert (links.gold, links.pred, links.right) == (4, 4, 1)
