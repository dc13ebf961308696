"""Sentence alignment: invariants (hypothesis) and concrete cases, synthetic and real."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from taiyaku.align.anchors import en_unit, ja_unit
from taiyaku.align.dp import DEFAULT_PARAMS, AlignParams, AlignUnit, Bead, align

SHARED = Path(__file__).resolve().parents[2] / "shared"
NTREX = SHARED / "data" / "ntrex128_en-ja"
SEED_000 = SHARED / "seeds" / "000_1d33bb05d860dfe2.txt"
RATIO = DEFAULT_PARAMS.ratio


def check_invariants(beads: list[Bead], n: int, m: int, shapes=DEFAULT_PARAMS.shapes) -> None:
    ja = [i for b in beads for i in b.ja]
    en = [j for b in beads for j in b.en]
    assert ja == list(range(n)), "every Japanese index once, in order"
    assert en == list(range(m)), "every English index once, in order"
    for b in beads:
        assert (len(b.ja), len(b.en)) in shapes
        assert list(b.ja) == list(range(b.ja[0], b.ja[0] + len(b.ja))) if b.ja else True
        assert b.score == b.score and abs(b.score) < float("inf")


def links(beads: list[Bead]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(b.ja, b.en) for b in beads]


unit = st.builds(
    AlignUnit,
    length=st.integers(0, 300),
    anchors=st.frozensets(st.sampled_from([f"k{i}" for i in range(12)]), max_size=4),
    boundary=st.booleans(),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(unit, max_size=30), st.lists(unit, max_size=30), st.integers(1, 30))
def test_invariants(ja: list[AlignUnit], en: list[AlignUnit], band: int) -> None:
    beads = align(ja, en, params=AlignParams(band=band))
    check_invariants(beads, len(ja), len(en))


@settings(max_examples=60, deadline=None)
@given(st.lists(unit, min_size=1, max_size=12), st.lists(unit, min_size=30, max_size=60))
def test_invariants_lopsided(ja: list[AlignUnit], en: list[AlignUnit]) -> None:
    for params in (AlignParams(band=2), AlignParams(use_anchors=False, band=3)):
        check_invariants(align(ja, en, params=params), len(ja), len(en))


@settings(max_examples=40, deadline=None)
@given(st.lists(unit, max_size=20), st.lists(unit, max_size=20))
def test_restricted_shapes(ja: list[AlignUnit], en: list[AlignUnit]) -> None:
    shapes = ((1, 1), (1, 0), (0, 1))
    check_invariants(align(ja, en, params=AlignParams(shapes=shapes)), len(ja), len(en), shapes)


def pairs(lengths: list[int], keys: bool = True) -> tuple[list[AlignUnit], list[AlignUnit]]:
    """Japanese units and English units of the matching length, sharing one key per pair."""
    ja = [AlignUnit(n, frozenset({f"k{i}"} if keys else ())) for i, n in enumerate(lengths)]
    en = [AlignUnit(round(n * RATIO), frozenset({f"k{i}"} if keys else ())) for i, n in enumerate(lengths)]
    return ja, en


LENGTHS = [23, 41, 17, 60, 35, 28, 52, 19, 44, 31]


def test_empty_sides() -> None:
    assert align([], []) == []
    assert links(align([AlignUnit(5)], [])) == [((0,), ())]
    assert links(align([], [AlignUnit(5), AlignUnit(6)])) == [((), (0,)), ((), (1,))]


@pytest.mark.parametrize("keys", [True, False])
def test_identical_lengths_align_one_to_one(keys: bool) -> None:
    ja, en = pairs(LENGTHS, keys)
    assert links(align(ja, en)) == [((i,), (i,)) for i in range(len(LENGTHS))]


def test_deleted_sentence_is_a_1_0_bead() -> None:
    ja, en = pairs(LENGTHS)
    del en[4]
    got = links(align(ja, en))
    assert ((4,), ()) in got
    assert ((5,), (4,)) in got and ((3,), (3,)) in got


def test_inserted_sentence_is_a_0_1_bead() -> None:
    ja, en = pairs(LENGTHS)
    en.insert(6, AlignUnit(70, frozenset({"foreign"})))
    got = links(align(ja, en))
    assert ((), (6,)) in got
    assert ((6,), (7,)) in got


def test_merged_english_line_is_a_2_1_bead() -> None:
    ja, en = pairs(LENGTHS)
    merged = AlignUnit(en[2].length + en[3].length, en[2].anchors | en[3].anchors)
    en[2:4] = [merged]
    got = links(align(ja, en))
    assert ((2, 3), (2,)) in got
    assert ((4,), (3,)) in got


def test_split_english_sentence_is_a_1_2_bead() -> None:
    ja, en = pairs(LENGTHS)
    half = en[5].length // 2
    en[5:6] = [AlignUnit(half, en[5].anchors), AlignUnit(en[5].length - half, frozenset())]
    assert ((5,), (5, 6)) in links(align(ja, en))


def test_length_only_still_finds_a_merge() -> None:
    ja, en = pairs(LENGTHS, keys=False)
    en[6:8] = [AlignUnit(en[6].length + en[7].length)]
    assert ((6, 7), (6,)) in links(align(ja, en))


def test_merge_across_a_block_start_is_avoided() -> None:
    # ja 1 and 2 fit en 1 together, but ja 2 starts a new block: prefer 1-1 + 1-0
    ja = [AlignUnit(20, boundary=True), AlignUnit(20), AlignUnit(10, boundary=True), AlignUnit(30, boundary=True)]
    en = [AlignUnit(round(20 * RATIO), boundary=True), AlignUnit(round(30 * RATIO)), AlignUnit(round(30 * RATIO), boundary=True)]
    got = links(align(ja, en))
    assert ((1, 2), (1,)) not in got
    no_blocks = [AlignUnit(u.length, u.anchors, False) for u in ja]
    assert ((1, 2), (1,)) in links(align(no_blocks, [AlignUnit(u.length) for u in en]))


def test_long_english_with_little_japanese() -> None:
    """Like seed 000: 10 Japanese sentences, 45 English ones; most English has no Japanese source."""
    rng_lengths = [31, 22, 47, 38, 25, 56, 29, 41, 33, 50]
    targets = [1, 2, 10, 11, 12, 13, 30, 31, 32, 33]
    ja = [AlignUnit(n, frozenset({f"k{i}", f"k{i}b"})) for i, n in enumerate(rng_lengths)]
    en = [AlignUnit(40 + (7 * j) % 60, frozenset({f"x{j}"})) for j in range(45)]
    for i, j in enumerate(targets):
        en[j] = AlignUnit(round(rng_lengths[i] * RATIO), frozenset({f"k{i}", f"k{i}b"}))
    for band in (2, 4, 24, 1000):
        beads = align(ja, en, params=AlignParams(band=band))
        check_invariants(beads, len(ja), len(en))
        assert [(b.ja, b.en) for b in beads if b.ja] == [((i,), (j,)) for i, j in enumerate(targets)]


@pytest.mark.parametrize(
    "target, decoy, m",
    [
        (2, 10, 16),  # the translation early, English with no source after it (seed 000's tail)
        (13, 3, 16),  # the translation late, English with no source before it
        (1, 30, 40),
    ],
)
def test_english_with_no_source_before_or_after_the_pairs(target: int, decoy: int, m: int) -> None:
    """The band never cuts off the first or last pair: one Japanese sentence, ``m`` English ones, its
    translation at ``target`` and a sentence sharing one of its two keys at ``decoy`` (so neither key
    is rare enough to guide the band)."""
    ja = [AlignUnit(25, frozenset({"k", "q"}))]
    en = [AlignUnit(40 + (7 * j) % 40, frozenset({f"x{j}"})) for j in range(m)]
    en[target] = AlignUnit(round(25 * RATIO), frozenset({"k", "q"}))
    en[decoy] = AlignUnit(60, frozenset({"k"}))
    en.append(AlignUnit(30, frozenset({"q"})))
    for band in (2, 12, 1000):
        beads = align(ja, en, params=AlignParams(band=band))
        check_invariants(beads, len(ja), len(en))
        assert [(b.ja, b.en) for b in beads if b.ja] == [((0,), (target,))]


def test_long_texts_band_grows_where_needed() -> None:
    lengths = [20 + (i * 37) % 50 for i in range(400)]
    ja, en = pairs(lengths)
    del en[100:160]  # a long deletion far from the diagonal
    beads = align(ja, en, params=AlignParams(band=8))
    check_invariants(beads, len(ja), len(en))
    assert all(b.en == () for b in beads if b.ja and 100 <= b.ja[0] < 160)
    assert ((399,), (339,)) in links(beads)


# ---------------------------------------------------------------------------------------------- real text


def _ntrex_doc(doc_index: int) -> tuple[list[str], list[str]]:
    ids = (NTREX / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()
    en = (NTREX / "newstest2019-src.eng.txt").read_text(encoding="utf-8").splitlines()
    ja = (NTREX / "newstest2019-ref.jpn.txt").read_text(encoding="utf-8").splitlines()
    doc_ids = list(dict.fromkeys(line.split("\t")[0] for line in ids))
    want = doc_ids[doc_index]
    rows = [k for k, line in enumerate(ids) if line.split("\t")[0] == want]
    return [ja[k] for k in rows], [en[k] for k in rows]


@pytest.mark.skipif(not NTREX.exists(), reason="../shared/data/ntrex128_en-ja not present")
def test_ntrex_document_with_damage() -> None:
    ja_text, en_text = _ntrex_doc(0)  # bbc.381790: the Welsh Assembly, 16 sentences
    en_damaged = en_text[:3] + [en_text[3] + " " + en_text[4]] + en_text[5:9] + en_text[10:]
    en_damaged.insert(7, "The quarterback threw for 300 yards in the second half against Dallas.")
    ja = [ja_unit(s) for s in ja_text]
    en = [en_unit(s) for s in en_damaged]
    got = links(align(ja, en))
    assert ((3, 4), (3,)) in got  # merged
    assert ((9,), ()) in got  # deleted
    assert ((), (7,)) in got  # inserted
    assert ((0,), (0,)) in got and ((15,), (14,)) in got


def _seed_sentences(path: Path) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
    """A rough reader for the test only: each line is a block; Japanese lines hold kana or kanji."""
    ja: list[tuple[str, bool]] = []
    en: list[tuple[str, bool]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or "English Below" in line:
            continue
        if re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", line):
            line = re.sub(r"(?<=[?？])\s+[A-Z].*$", "", line)  # the English half of the title line
            parts = re.split(r"(?<=[。！？!?])(?![!！?？])", line)
            ja.extend((s.strip(), k == 0) for k, s in enumerate(p for p in parts if p.strip()))
        else:
            parts = re.split(r"(?<=[.!?])(?<!Dr\.)\s+(?=[A-Z“\"])", line)
            en.extend((s.strip(), k == 0) for k, s in enumerate(p for p in parts if p.strip()))
    return ja, en


@pytest.mark.skipif(not SEED_000.exists(), reason="../shared/seeds not present")
def test_seed_000_bilingual_post() -> None:
    ja_s, en_s = _seed_sentences(SEED_000)
    ja = [ja_unit(s, boundary=b) for s, b in ja_s]
    en = [en_unit(s, boundary=b) for s, b in en_s]
    beads = align(ja, en)
    check_invariants(beads, len(ja), len(en))
    aligned = {i: [en_s[j][0] for j in b.en] for b in beads for i in b.ja}
    greeting = next(i for i, (s, _) in enumerate(ja_s) if "栗本" in s)
    assert any("Kurimoto" in s for s in aligned[greeting])
    bullets = [i for i, (s, _) in enumerate(ja_s) if s.startswith("•")]
    assert len(bullets) == 9
    right = sum(1 for i in bullets if aligned[i] and aligned[i][0].startswith("–"))
    assert right >= 8  # 体質 (body type) has no anchor and is the one allowed miss
    # most of the English has no Japanese source
    assert sum(1 for b in beads if not b.ja) >= 20


def test_each_sentence_keeps_its_rarest_anchor_keys():
    """A long document must not make every sentence's anchor set grow: the heaviest keys are kept."""
    from taiyaku.align.dp import MAX_KEYS, _rarest

    keys = frozenset(f"w:k{i}" for i in range(MAX_KEYS + 10))
    weight = {k: 1.0 / (1 + int(k[3:])) for k in keys}  # k0 is the rarest
    kept = _rarest(keys | {"n:unshared"}, weight)
    assert kept == frozenset(f"w:k{i}" for i in range(MAX_KEYS))
    assert _rarest(frozenset({"w:k1", "n:unshared"}), weight) == {"w:k1"}
