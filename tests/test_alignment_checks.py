"""Alignment-based checks on tables of small articles, and on the one bilingual seed."""

from __future__ import annotations

from pathlib import Path

import pytest

from taiyaku.read.articles import find_articles
from taiyaku.analyze.glossary import bundled_glossary_path, load_glossary

from .helpers import analyzed, check

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
GLOSSARY = load_glossary(bundled_glossary_path())

JA = """仙腸関節の痛み

腰のベルトラインより少し下が痛む方は、仙腸関節に原因があるかもしれません。
仙腸関節は、骨盤の中央にある仙骨と、その両側にある腸骨をつなぐ関節です。
このような方は、立ち上がるときにお尻の奥がズキッと痛むことがよくあります。
片方の足に体重をかけて立つ癖がある方も、注意が必要です。
痛みが3か月以上続く場合は、整形外科を受診してください。
"""
EN = """Sacroiliac joint pain

If you have pain slightly below your belt line, the cause may lie in your sacroiliac joint.
The sacroiliac joint is the joint that connects the sacrum, at the center of the pelvis, to the iliac bones on either side.
If the pain lasts more than six months, please see an orthopedic surgeon.
Book your first visit online today and feel the difference for yourself!
"""


def run(tmp_path: Path, ja: str, en: str, select: str):
    (tmp_path / "a.ja.txt").write_text(ja, encoding="utf-8")
    (tmp_path / "a.en.txt").write_text(en, encoding="utf-8")
    report = check([tmp_path], GLOSSARY, select=(select,))
    return [(f.rule, Path(f.path).name, report.position(f.path, f.start)[0], f.message) for f in report.findings]


@pytest.mark.parametrize(
    "select, expected",
    [
        ("U002", [("U002", "a.ja.txt", 5, "2 Japanese sentences with no English translation")]),
        ("A001", [("A001", "a.en.txt", 6, "1 English sentence with no Japanese source")]),
        ("N001", [("N001", "a.ja.txt", 7, '3か月 is "six months" in the English')]),
    ],
)
def test_alignment_findings(tmp_path, select, expected):
    assert run(tmp_path, JA, EN, select) == expected


def test_faithful_translation_has_no_alignment_findings(tmp_path):
    ja = "仙腸関節の痛み\n\n仙腸関節は、骨盤の中央にある仙骨と腸骨をつなぐ関節です。\n痛みが3か月以上続く場合は受診してください。\n"
    en = "Sacroiliac joint pain\n\nThe sacroiliac joint connects the sacrum and the ilium at the center of the pelvis.\nIf the pain lasts more than 3 months, please see a doctor.\n"
    for code in ("U002", "A001", "N001", "T003"):
        assert run(tmp_path, ja, en, code) == []


def test_term_dropped_in_one_sentence(tmp_path):
    ja = "筋膜とは何か。\n\n筋膜が硬くなると、体が動かしにくくなります。\n"
    en = "What is fascia?\n\nWhen the muscles become stiff, the body becomes hard to move.\n"
    assert run(tmp_path, ja, en, "T003") == [
        ("T003", "a.ja.txt", 3, '筋膜 is not rendered in the aligned English (expected "fascia")')
    ]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repository")
def test_seed_000_bullets_pair_and_other_english_is_added():
    (article,) = find_articles([str(SEEDS / "000_1d33bb05d860dfe2.txt")])
    ctx = analyzed(article, GLOSSARY)
    pairs = {p.ja[0].text.split(":")[0]: p.en[0].text.split(":")[0] for p in ctx.pairs if p.ja and p.en}
    assert pairs["過度な刺激"] == "Overstimulation"
    assert pairs["血行不良"] == "Poor blood circulation"
    assert pairs["体質"] == "Body type"
    assert pairs["定期的な運動"] == "Regular exercise"
    added = [p for p in ctx.pairs if p.en and not p.ja]
    assert any(p.en[0].text.startswith("The typhoon has passed") for p in added)
    assert any(p.en[0].text.startswith("Rubbing back is a pain") for p in added)
