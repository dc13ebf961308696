"""Mining candidate term pairs and the coverage report."""

from pathlib import Path

import pytest

from taiyaku.analyze.glossary import load_glossary
from taiyaku.analyze.tokens import tokenize
from taiyaku.terms.corpus import candidates, looks_medical, read_corpus, uncovered
from taiyaku.terms.mine import english_phrases, mine, sounds_alike

from tests.helpers import glossary, invoke_cli, segment

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
# a small fixed glossary, so the cases do not move when the bundled glossary grows
ROWS = ("腰痛\tlow back pain\t\t\t\t", "可動域\trange of motion\t\t\t\t", "施術\ttreatment\t\t\t\t",
        "肩甲骨\tscapula\t\t\t\t")
SMALL = glossary(*ROWS)


def _glossary_file(tmp_path: Path) -> Path:
    from tests.helpers import HEADER

    p = tmp_path / "small.tsv"
    p.write_text(HEADER + "".join(r + "\n" for r in ROWS), encoding="utf-8")
    return p


@pytest.mark.parametrize(
    "text, expected",
    [
        ("変形性膝関節症と可動域制限があり、人工関節置換術を受けた", ["変形性膝関節症", "可動域制限", "人工関節置換術"]),
        ("巻き肩と猫背のストレッチ", ["巻き肩", "猫背", "ストレッチ"]),
        ("温湿布と冷湿布の使い分け", ["温湿布", "冷湿布", "使い分け"]),
        ("問診で既往歴を確認します", ["問診", "既往歴", "確認"]),
        ("私は40代です", []),
    ],
)
def test_noun_compounds(text, expected):
    assert [c.text for c in candidates(segment(text), tokenize(text))] == expected


@pytest.mark.parametrize(
    "text, medical",
    [
        ("肩関節周囲炎がある", {"肩関節周囲炎"}),  # a medical ending
        ("巻き肩と反り腰", {"巻き肩", "反り腰"}),  # a posture of a body part
        ("可動域制限がある", {"可動域制限"}),  # a compound built on the known 可動域
        ("施術後に休む", set()),  # 施術 + a neutral suffix: known
        ("ケースが多い", set()),  # an everyday loanword (UniDic glosses it)
        ("カイロプラクターに相談", {"カイロプラクター"}),
        ("腰痛がある", set()),  # known
    ],
)
def test_coverage_candidates(text, medical):
    from taiyaku.analyze.analysis import Analyzer as Matchers

    seg = segment(text)
    toks = tokenize(text)
    hits = Matchers.build(SMALL).ja.find(seg, toks)
    assert {c.text for c in candidates(seg, toks) if looks_medical(c, uncovered(c, hits))} == medical


def test_english_phrases_skip_function_words_and_numbers():
    keys = set(english_phrases("Limited range of motion in 3 joints."))
    assert ("limited", "range", "of", "motion") in keys
    assert ("range", "of") not in keys and ("3",) not in keys and ("of", "motion") not in keys


@pytest.mark.parametrize("ja, en, alike", [("ストレス", "stress", True), ("カイロプラクティック", "chiropractic", True),
                                           ("バランス", "balanced diet", False), ("ストレス", "pain", False)])
def test_sounds_alike(ja, en, alike):
    assert sounds_alike(ja, en) is alike


def _article(tmp_path: Path) -> Path:
    (tmp_path / "a.ja.txt").write_text(
        "巻き肩の方が増えています。\n\n巻き肩は姿勢の問題です。\n\n肩甲骨を動かします。\n", encoding="utf-8")
    (tmp_path / "a.en.txt").write_text(
        "More people have rounded shoulders.\n\nRounded shoulders are a posture problem.\n\nMove the scapula.\n",
        encoding="utf-8")
    return tmp_path


def test_mine_proposes_a_term_seen_in_two_sure_pairs(tmp_path: Path):
    g = SMALL
    corpus = read_corpus([str(_article(tmp_path))], g)
    assert len(corpus.pairs) == 3
    (top, *_) = mine(corpus, g)
    assert (top.ja, top.en, top.together) == ("巻き肩", "rounded shoulders", 2)
    assert top.where == [f"{tmp_path}/a.ja.txt:1:1", f"{tmp_path}/a.ja.txt:3:1"]
    assert all(p.ja != "肩甲骨" for p in mine(corpus, g, min_count=1))  # known: not proposed


def test_mine_command_writes_a_loadable_glossary(tmp_path: Path):
    out = tmp_path / "candidates.tsv"
    result = invoke_cli("glossary", "mine", _article(tmp_path), "-o", out, "--glossary", _glossary_file(tmp_path))
    assert result.exit_code == 0, result.output
    entries = load_glossary(out).entries
    assert (entries[0].ja, entries[0].en) == ("巻き肩", "rounded shoulders")
    assert "together 2" in entries[0].note and "a.ja.txt:1:1" in entries[0].note


def test_coverage_command(tmp_path: Path):
    result = invoke_cli("glossary", "coverage", _article(tmp_path), "--glossary", _glossary_file(tmp_path))
    assert result.exit_code == 0, result.output
    assert "   2  巻き肩  → rounded shoulders (aligned pairs)" in result.output
    assert "肩甲骨" not in result.output


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is absent")
def test_coverage_on_the_seeds_finds_real_gaps():
    result = invoke_cli("glossary", "coverage", SEEDS)
    assert result.exit_code == 0, result.output
    terms = {line.split()[1] for line in result.output.splitlines()[:-1]}
    assert {"殿筋群", "セルフマッサージ", "炎症反応"} <= terms  # gaps the bundled glossary still has
    assert "ケース" not in terms and "腰痛" not in terms


def test_one_article_rendering_a_term_two_ways_gives_a_one_off_candidate(tmp_path: Path):
    from taiyaku.terms.mine import mixed_renderings, proposals_tsv

    (tmp_path / "b.ja.txt").write_text("昨日、肉離れが起きました。\n\n肉離れは二週間で治ります。\n", encoding="utf-8")
    (tmp_path / "b.en.txt").write_text("Yesterday a muscle strain occurred.\n\nA pulled muscle heals in two weeks.\n",
                                       encoding="utf-8")
    lexicon = {e.ja: e for e in glossary("肉離れ\tmuscle strain\t\tpulled muscle\t\t").entries}
    corpus = read_corpus([str(tmp_path)], SMALL)
    assert [p.ja for p in mine(corpus, SMALL, lexicon=lexicon)] == []  # association alone cannot see it
    (p,) = mixed_renderings(corpus, SMALL, lexicon)
    assert (p.ja, p.ja_count, p.mixed) == ("肉離れ", 2, '"muscle strain" ×1, "pulled muscle" ×1')
    assert "one article renders it 2 times in 2 ways" in proposals_tsv([p])
    assert mixed_renderings(corpus, SMALL, None) == []
