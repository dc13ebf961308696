"""Baselines: written atomically, read back with clear errors, and hiding only the findings recorded —
fingerprints survive edits elsewhere in the article, a new defect is reported."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from taiyaku.project.baseline import (
    Baseline,
    baseline_data,
    filter_new,
    load_baseline,
    relative_fingerprints,
    write_baseline,
)
from taiyaku.errors import InputError
from taiyaku.analyze.glossary import bundled_glossary_path, load_glossary
from taiyaku.run.report import Report

from .helpers import check as run_engine

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
GLOSSARY = load_glossary(bundled_glossary_path())
ARTICLE = ("massage-soreness.ja.txt", "massage-soreness.en.txt")


def check(*paths) -> Report:
    return run_engine(paths, GLOSSARY)


def filter_new_of(report: Report, known) -> list:
    return filter_new(report.findings, report.documents, known)


@pytest.fixture
def site(tmp_path):
    """A copy of the massage-soreness article (3 T001 in the English, which carry the inconsistency; C003 in
    the Japanese)."""
    for name in ARTICLE:
        shutil.copy(CORPUS / name, tmp_path / name)
    return tmp_path


def summary(report: Report) -> list[tuple[str, str, int]]:
    return [(f.rule, os.path.basename(f.path), report.position(f.path, f.start)[0]) for f in report.findings]


def test_write_and_load(site):
    report = check(site)
    target = site / "taiyaku-baseline.json"
    assert write_baseline(str(target), report) == len(report.findings) == 4
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["tool"] == "taiyaku" and data["version"] == 1
    entries = list(data["fingerprints"].values())
    assert all(fp.startswith("v1:") for fp in data["fingerprints"])
    assert {e["path"] for e in entries} == set(ARTICLE)  # relative to the baseline's directory
    assert entries == sorted(entries, key=lambda e: (e["path"], e["line"], e["rule"]))
    t001 = [e for e in entries if e["rule"] == "T001"]
    assert [e["line"] for e in t001] == [4, 14, 17]
    assert t001[0]["message"].startswith('"rubbing back" is a wrong rendering')
    assert not any(p.name.endswith(".tmp") for p in site.iterdir())  # atomic: no temporary left behind
    known = load_baseline(str(target))
    assert isinstance(known, Baseline) and known == set(data["fingerprints"])
    assert known.root == str(site)
    assert filter_new_of(report, known) == []


def test_baseline_is_deterministic(site):
    a, b = site / "a.json", site / "b.json"
    write_baseline(str(a), check(site))
    write_baseline(str(b), check(site))
    assert a.read_bytes() == b.read_bytes()


def insert_pair(ja: str, en: str) -> tuple[str, str]:
    """A translated paragraph added after the title of both halves."""
    j, e = ja.split("\n"), en.split("\n")
    j.insert(2, "なお、施術のご予約はお電話でも受け付けています。\n")
    e.insert(2, "You can also book a treatment by phone.\n")
    return "\n".join(j), "\n".join(e)


EDITS = [
    # (what, edit of (Japanese, English)), each leaves the findings as they were, maybe elsewhere
    ("blank lines inserted above", lambda ja, en: ("\n\n" + ja, "\n\n\n" + en)),
    ("a translated pair inserted above", insert_pair),
    ("another paragraph rewritten", lambda ja, en: (ja, en.replace("drink plenty of water", "drink a lot of water"))),
    ("CRLF line endings", lambda ja, en: (ja.replace("\n", "\r\n"), en.replace("\n", "\r\n"))),
    ("all of these", lambda ja, en: insert_pair("\n" + ja, "\n" + en.replace("plenty of", "a lot of"))),
]


@pytest.mark.parametrize("what,edit", EDITS, ids=[w for w, _ in EDITS])
def test_fingerprints_survive_edits_elsewhere(site, what, edit):
    baseline = site / "baseline.json"
    before = check(site)
    write_baseline(str(baseline), before)
    ja, en = site / ARTICLE[0], site / ARTICLE[1]
    new_ja, new_en = edit(ja.read_text(encoding="utf-8"), en.read_text(encoding="utf-8"))
    ja.write_bytes(new_ja.encode("utf-8"))
    en.write_bytes(new_en.encode("utf-8"))
    after = check(site)
    assert [f.rule for f in after.findings] == [f.rule for f in before.findings]  # the same problems
    if "inserted" in what or what == "all of these":
        assert summary(after) != summary(before)  # … on other lines
    assert filter_new_of(after, load_baseline(str(baseline))) == []


@pytest.mark.parametrize(
    "defect,rule,line",
    [
        ("The term rubbing back is wrong here too.", "T001", 20),  # a new wrong rendering
        ("This paragraph keeps 揉み返し in Japanese.", "U001", 20),  # Japanese left in the English
    ],
)
def test_a_new_defect_is_reported(site, defect, rule, line):
    baseline = site / "baseline.json"
    write_baseline(str(baseline), check(site))
    en = site / ARTICLE[1]
    text = en.read_text(encoding="utf-8")
    en.write_text("Inserted first line.\n\n" + text.rstrip("\n") + "\n\n" + defect + "\n", encoding="utf-8")
    report = check(site)
    new = filter_new_of(report, load_baseline(str(baseline)))
    assert [(f.rule, os.path.basename(f.path)) for f in new if f.rule == rule] == [(rule, ARTICLE[1])]
    assert len(new) >= 1
    assert all(report.position(f.path, f.start)[0] >= line for f in new if f.rule == rule)
    assert [f for f in run_engine([site], GLOSSARY, baseline=str(baseline)).findings] == new  # through the engine


def check_without_additions(path) -> Report:
    """Added English paragraphs are also A001 findings whose text spans them all: leave those out."""
    return run_engine([path], GLOSSARY, ignore=("A001",))


@pytest.mark.parametrize(
    "recorded,now,new",
    [
        (2, 1, 0),  # one of two identical findings fixed: the other stays hidden
        (2, 2, 0),
        (2, 3, 1),  # a third identical one is new
        (1, 3, 2),
        (0, 1, 1),
    ],
)
def test_identical_findings_on_identical_lines(site, recorded, now, new):
    en = site / ARTICLE[1]
    text = en.read_text(encoding="utf-8")
    same = "Some people call it rubbing back.\n\n"
    baseline = site / "baseline.json"
    en.write_text(text + "\n" + same * recorded, encoding="utf-8")
    write_baseline(str(baseline), check_without_additions(site))
    en.write_text(text + "\n" + same * now, encoding="utf-8")
    found = filter_new_of(check_without_additions(site), load_baseline(str(baseline)))
    assert [(f.rule, f.found) for f in found] == [("T001", "rubbing back")] * new


def test_baseline_works_from_another_directory_and_with_absolute_paths(site, monkeypatch):
    (site / "ci").mkdir()
    monkeypatch.chdir(site)
    write_baseline("ci/baseline.json", check(*ARTICLE))  # relative paths, from the project root
    monkeypatch.chdir(site / "ci")
    known = load_baseline("baseline.json")
    assert filter_new_of(check(site), known) == []  # absolute paths, from elsewhere
    assert filter_new_of(check(Path("..")), known) == []


def test_a_plain_set_is_relative_to_the_working_directory(site, monkeypatch):
    monkeypatch.chdir(site)
    data = baseline_data(check(site), str(site))
    report = check(*ARTICLE)
    assert filter_new_of(report, set(data["fingerprints"])) == []
    assert len(filter_new_of(report, set())) == 4


def test_filter_keeps_order(site):
    report = check(site)
    known = set(relative_fingerprints(report.findings, report.documents, os.getcwd())[::2])  # every other one
    assert filter_new_of(report, known) == report.findings[1::2]
    assert filter_new_of(report, set()) == report.findings


def test_empty_report(tmp_path):
    target = tmp_path / "b.json"
    assert write_baseline(str(target), Report([])) == 0
    assert load_baseline(str(target)) == set()


@pytest.mark.parametrize(
    "content,message,line",
    [
        (None, "no such baseline file: create it with `taiyaku baseline", None),
        ("", "baseline is not valid JSON (Expecting value)", 1),
        ('{"tool": "taiyaku",\n "version": 1,\n "fingerprints": {\n', "baseline is not valid JSON", 4),
        ("[]", 'not a taiyaku baseline (no "tool": "taiyaku")', None),
        ('{"tool": "ruff", "version": 1, "fingerprints": {}}', "not a taiyaku baseline", None),
        ('{"tool": "taiyaku", "version": 2, "fingerprints": {}}', "baseline format version 2 is not 1", None),
        ('{"tool": "taiyaku", "version": 1}', 'baseline has no "fingerprints" object', None),
        ('{"tool": "taiyaku", "version": 1, "fingerprints": ["v1:ab"]}', 'no "fingerprints" object', None),
        ('{"tool": "taiyaku", "version": 1, "fingerprints": {"v0:ab": {}}}',
         "baseline fingerprints are version v0, this taiyaku makes v1", None),
        (b"\xff\xfe{", "baseline is not UTF-8 JSON", None),
    ],
)
def test_load_errors(tmp_path, content, message, line):
    path = tmp_path / "baseline.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_baseline(str(path))
    assert err.value.path == str(path)
    assert message in err.value.message
    assert err.value.line == line
    assert "recreate it" in err.value.message or content is None
    assert "\n" not in str(err.value)


def test_load_a_directory(tmp_path):
    with pytest.raises(InputError, match="the baseline is a directory"):
        load_baseline(str(tmp_path))


def test_write_into_a_missing_directory_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="cannot write here"):
        write_baseline(str(tmp_path / "no" / "such" / "b.json"), Report([]))
