"""A large run keeps its results in a spill (``run.spill``), not in memory: the reports are the same byte
for byte, the parent holds no findings, the formats write as they read, and --output stays atomic."""

from __future__ import annotations

import gc
import json
import os
import shutil
import tracemalloc
from array import array
from pathlib import Path

import pytest

from taiyaku.models import Finding, Related
from taiyaku.run import spill
from taiyaku.run.report import DocumentSummary, Report, sort_key

from .helpers import ROOT, check, invoke_cli

GOLDEN = ROOT / "tests" / "golden"
FORMATS = ["text", "json", "sarif", "github", "html"]


@pytest.fixture
def spill_always(monkeypatch):
    """Every run spills, however few its articles."""
    monkeypatch.setattr(spill, "SPILL_AFTER", 0)


@pytest.fixture
def spill_never(monkeypatch):
    monkeypatch.setattr(spill, "SPILL_AFTER", 10**9)


def _finding(path: str, start: int, end: int, rule: str = "T001", message: str = "m", severity: str = "error",
             **extra) -> Finding:
    return Finding(rule, "forbidden-rendering", "terminology", severity, path, start, end, message, **extra)


def _summary(path: str, text: str = "0123456789\n") -> DocumentSummary:
    return DocumentSummary(path, "en", "utf-8", "txt", array("q", [0]), {1: text})


# --- order and the mapping --------------------------------------------------------------------------


ORDER_CASES = [
    ("paths, then start, end, rule, message", [
        _finding("b.txt", 0, 1), _finding("a.txt", 5, 6), _finding("a.txt", 5, 6, "C001"),
        _finding("a.txt", 2, 9), _finding("a.txt", 2, 3, message="z"), _finding("a.txt", 2, 3, message="a"),
    ]),
    ("code point order of non-ASCII paths and messages (UTF-8 bytes would agree; UTF-16 would not)", [
        _finding("記事.txt", 0, 1), _finding("ａ.txt", 0, 1), _finding("\U0001f600.txt", 0, 1),
        _finding("a.txt", 0, 1, message="\uff5e"), _finding("a.txt", 0, 1, message="\U00020000"),
        _finding("a.txt", 0, 1, message="é"), _finding("A.txt", 0, 1),
    ]),
    ("an undecodable file name (surrogate escapes) keeps its place", [
        _finding("x\udcff.txt", 0, 1), _finding("x\u00ff.txt", 0, 1), _finding("x\ue000.txt", 0, 1),
    ]),
    ("equal keys keep the order they came in (as a stable sort)", [
        _finding("a.txt", 0, 1, found="first"), _finding("a.txt", 0, 1, found="second"),
        _finding("a.txt", 0, 0), _finding("a.txt", 0, 1, found="third"),
    ]),
    ("large offsets", [_finding("a.txt", 2**40, 2**40 + 1), _finding("a.txt", 3, 4)]),
]


@pytest.mark.parametrize("batch", [1, 2, spill.BATCH])
@pytest.mark.parametrize("name, findings", ORDER_CASES, ids=[c[0] for c in ORDER_CASES])
def test_spilled_findings_read_back_in_sort_key_order(name, findings, batch, monkeypatch):
    monkeypatch.setattr(spill, "BATCH", batch)  # written as they come, or some left waiting
    s = spill.Spill()
    half = len(findings) // 2
    s.findings.extend(findings[:half])
    s.findings.extend(findings[half:])  # in two batches, as articles come
    want = sorted(findings, key=sort_key)
    assert list(s.findings) == want
    assert len(s.findings) == len(want) and s.findings == want
    assert [s.findings[i] for i in range(len(want))] == want and s.findings[-1] == want[-1]
    assert s.findings[1:] == want[1:]
    s.close()


def test_findings_come_back_whole():
    f = _finding("a.txt", 1, 3, term=("揉み返し", "post-massage soreness"), found="rubbing back", suggestion="x",
                 related=(Related("a.ja.txt", 0, 2, "揉み返し"),), segments=(("en", 0),), mark=(1, 3))
    s = spill.Spill()
    s.findings.extend([f])
    assert list(s.findings) == [f]


def test_counts_are_kept_as_findings_come():
    findings = [_finding("a.txt", 0, 1), _finding("a.txt", 1, 2, severity="warning"),
                _finding("b.txt", 0, 1, "U001", severity="warning")]
    s = spill.Spill()
    s.findings.extend(findings)
    spilled, listed = s.report(), Report(sorted(findings, key=sort_key))
    assert spilled.by_severity() == listed.by_severity() == {"error": 1, "warning": 2, "info": 0}
    assert spilled.by_category() == listed.by_category()
    assert spilled.by_rule() == listed.by_rule()


@pytest.mark.parametrize("batch", [1, 2, spill.DOC_BATCH])
def test_spilled_documents_behave_as_a_dict(batch, monkeypatch):
    monkeypatch.setattr(spill, "DOC_BATCH", batch)  # b.txt set again after it was written, or while it waits
    s = spill.Spill()
    docs, plain = s.documents, {}
    for path, text in [("b.txt", "one\n"), ("a.txt", "two\n"), ("b.txt", "three\n"), ("c\udcff.txt", "four\n")]:
        docs[path] = plain[path] = _summary(path, text)
    assert list(docs) == list(plain) and len(docs) == len(plain) == 3
    assert [d.lines for d in docs.values()] == [d.lines for d in plain.values()]
    assert docs["b.txt"].line_text(1) == "three" and "a.txt" in docs and "z.txt" not in docs
    assert sorted(docs) == sorted(plain)
    with pytest.raises(KeyError):
        docs["z.txt"]
    del docs["a.txt"]
    assert list(docs) == ["b.txt", "c\udcff.txt"]


def test_the_temporary_folder_is_removed():
    s = spill.Spill()
    folder = s.folder
    assert os.path.isdir(folder)
    s.close()
    assert not os.path.exists(folder)
    s = spill.Spill()
    folder = s.folder
    del s
    gc.collect()
    assert not os.path.exists(folder)


def test_no_temporary_folder_means_a_report_in_memory(monkeypatch, tmp_path):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "missing"))
    assert isinstance(spill.new_report(1000).findings, list)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert isinstance(spill.new_report(1000).findings, spill.SpilledFindings)
    assert isinstance(spill.new_report(spill.SPILL_AFTER).findings, list)


class _FullDisk:
    def execute(self, *args):
        import sqlite3

        raise sqlite3.OperationalError("database or disk is full")

    executemany = execute


def test_a_full_disk_is_one_line():
    from taiyaku.errors import InputError

    s = spill.Spill()
    real, s.db = s.db, _FullDisk()
    try:
        with pytest.raises(InputError, match=r"cannot write the run's temporary results \(database or disk is full\)"):
            s.findings.extend([_finding("a.txt", 0, 1)])
            list(s.findings)  # what waits is written before anything is read
        with pytest.raises(InputError, match="set TMPDIR to another folder"):
            s.documents["a.txt"] = _summary("a.txt")
            len(s.documents)
    finally:
        s.db = real
        s.close()


# --- the same reports ---------------------------------------------------------------------------------


def _reports(paths, **kwargs):
    """The report of ``paths`` kept in memory and spilled."""
    old = spill.SPILL_AFTER
    try:
        spill.SPILL_AFTER = 10**9
        listed = check(paths, **kwargs)
        spill.SPILL_AFTER = 0
        spilled = check(paths, **kwargs)
    finally:
        spill.SPILL_AFTER = old
    assert isinstance(listed.findings, list) and isinstance(spilled.findings, spill.SpilledFindings)
    return listed, spilled


@pytest.mark.parametrize("options", [{}, {"statistics": True}, {"quiet": True}, {"color": True}])
def test_every_format_is_the_same_spilled(monkeypatch, options):
    from taiyaku.output import render

    monkeypatch.chdir(ROOT)
    listed, spilled = _reports(["corpus"], views=True)
    assert len(spilled.findings) == 14
    for fmt in FORMATS if not options.get("quiet") else ["text"]:
        assert render(spilled, fmt, **options) == render(listed, fmt, **options), fmt


@pytest.mark.parametrize("fmt, golden", [("json", "corpus.json"), ("text", "corpus.txt"),
                                         ("github", "corpus.github.txt"), ("sarif", "corpus.sarif")])
def test_the_command_matches_the_golden_files_spilled(spill_always, fmt, golden):
    result = invoke_cli("check", "corpus", "--format", fmt)
    assert result.exit_code == 1
    out = result.output
    if fmt == "sarif":
        out = out.replace(json.dumps(ROOT.as_uri() + "/"), json.dumps("file:///SRCROOT/"))
    assert out == (GOLDEN / golden).read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_bigger_run_is_the_same_spilled(tmp_path, monkeypatch):
    """Many files whose names sort apart from their partners', the seeds among them when present."""
    from taiyaku.output import render

    for i in range(6):
        for src in sorted((ROOT / "corpus").iterdir()):
            if src.name != "README.md":
                stem, _, rest = src.name.partition(".")
                shutil.copyfile(src, tmp_path / f"{stem}-{i}.{rest}")
    seeds = ROOT.parent / "shared" / "seeds"
    for seed in sorted(seeds.glob("0*.txt"))[:3] if seeds.is_dir() else ():
        shutil.copyfile(seed, tmp_path / seed.name)
    listed, spilled = _reports([tmp_path])
    assert len(listed.findings) > 80
    for fmt in ("text", "json", "sarif", "github"):
        assert render(spilled, fmt, statistics=True) == render(listed, fmt, statistics=True), fmt


# --- memory -------------------------------------------------------------------------------------------


def _live(kind) -> int:
    gc.collect()
    return sum(1 for o in gc.get_objects() if type(o) is kind)


@pytest.mark.parametrize("after, kept", [(10**9, True), (0, False)])
def test_the_parent_keeps_no_findings_once_spilled(monkeypatch, after, kept):
    """In memory, the report holds every finding and summary; spilled, none (this test fails if the
    engine keeps them, as the in-memory case shows)."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(spill, "SPILL_AFTER", after)
    before = _live(Finding), _live(DocumentSummary)
    report = check(["corpus"])
    n = len(report.findings)
    findings, summaries = _live(Finding) - before[0], _live(DocumentSummary) - before[1]
    assert n == 14
    if kept:
        assert findings >= n and summaries >= len(report.documents)
    else:
        assert findings == 0 and summaries == 0
    del report


def _big_spill(files: int, per_file: int) -> spill.Spill:
    s = spill.Spill()
    text = "「揉み返し」は一般的な症状です。 The rubbing back is common.\n"
    for i in range(files):
        path = f"site/article-{i:05d}.en.txt"
        s.documents[path] = _summary(path, text)
        s.findings.extend(
            _finding(path, k % 30, k % 30 + 5, message=f"finding {k} of {path}", found="rubbing back",
                     related=(Related(path, 0, 4, "揉み返し"),))
            for k in range(per_file))
    return s


class _Counting:
    def __init__(self):
        self.size = 0

    def write(self, text: str) -> None:
        self.size += len(text)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_the_formats_write_as_they_read(fmt):
    """Writing a spilled report of 3,000 findings holds a small part of its output at any time."""
    from taiyaku.output import write

    write(_big_spill(2, 2).report(), fmt, _Counting())  # what the format imports is not the report
    report = _big_spill(200, 15).report()
    out = _Counting()
    tracemalloc.start()
    try:
        write(report, fmt, out)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert out.size > 400_000
    assert peak < out.size / 3, (peak, out.size)  # building the text in memory takes more than out.size


# --- the command --------------------------------------------------------------------------------------


def test_output_is_written_atomically(spill_always, tmp_path, monkeypatch):
    target = tmp_path / "report.json"
    result = invoke_cli("check", "corpus", "--format", "json", "--output", target)
    assert result.exit_code == 1 and "wrote" in result.stderr and "(14 findings)" in result.stderr
    assert target.read_text(encoding="utf-8") == (GOLDEN / "corpus.json").read_text(encoding="utf-8")

    from taiyaku.output import json_format

    def broken(doc, out):
        out.write('{"half": ')
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(json_format, "dump", broken)
    target.write_text("the old report\n", encoding="utf-8")
    result = invoke_cli("check", "corpus", "--format", "json", "--output", target)
    assert result.exit_code != 0
    assert target.read_text(encoding="utf-8") == "the old report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]  # no temporary file left


EXIT_CASES = [
    # (arguments, exit code, what the summary line says)
    (["corpus"], 1, "Found 14 findings (5 errors, 8 warnings, 1 info) in 7 files."),
    (["corpus", "--fail-on", "error"], 1, "Found 14 findings"),
    (["corpus", "--fail-on", "never"], 0, "Found 14 findings"),
    (["corpus", "--select", "A001", "--fail-on", "warning"], 0, "Found 1 finding (1 info) in 7 files."),
    (["corpus/massage-soreness.ja.txt", "corpus/massage-soreness.en.txt", "--select", "J"], 0,
     "No findings in 2 files."),
]


@pytest.mark.parametrize("args, code, summary", EXIT_CASES)
def test_exit_codes_and_summary_spilled(spill_always, args, code, summary):
    result = invoke_cli("check", *args, "--quiet")
    assert result.exit_code == code, result.output
    assert result.stdout.startswith(summary)


def test_zero_findings_spilled(spill_always):
    args = ["corpus/massage-soreness.ja.txt", "corpus/massage-soreness.en.txt", "--select", "J"]
    doc = json.loads(invoke_cli("check", *args, "--format", "json").stdout)
    assert doc["findings"] == [] and doc["summary"]["findings"] == 0 and len(doc["files"]) == 2
    assert invoke_cli("check", *args, "--format", "github").stdout == ""
    sarif = json.loads(invoke_cli("check", *args, "--format", "sarif").stdout)
    assert sarif["runs"][0]["results"] == [] and len(sarif["runs"][0]["artifacts"]) == 2


def _fixed_tree(tmp_path: Path, name: str, after: int) -> dict[str, bytes]:
    folder = tmp_path / name
    shutil.copytree(ROOT / "corpus", folder)
    old = spill.SPILL_AFTER
    spill.SPILL_AFTER = after
    try:
        result = invoke_cli("check", folder, "--fix", "--unsafe-fixes", "--format", "json")
    finally:
        spill.SPILL_AFTER = old
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    files = {p.name: p.read_bytes() for p in sorted(folder.iterdir())}
    return files | {"report": json.dumps([(Path(f["path"]).name, f["line"], f["rule"]) for f in report["findings"]])}


def test_fixes_are_the_same_spilled(tmp_path):
    listed, spilled = _fixed_tree(tmp_path, "a", 10**9), _fixed_tree(tmp_path, "b", 0)
    assert spilled == listed
    assert listed["massage-soreness.en.txt"] != (ROOT / "corpus" / "massage-soreness.en.txt").read_bytes()


def test_baselines_are_the_same_spilled(tmp_path, monkeypatch):
    from taiyaku.project.baseline import baseline_data

    monkeypatch.chdir(ROOT)
    listed, spilled = _reports(["corpus"])
    assert baseline_data(spilled, str(ROOT)) == baseline_data(listed, str(ROOT))
    base = tmp_path / "baseline.json"
    monkeypatch.setattr(spill, "SPILL_AFTER", 0)
    assert invoke_cli("baseline", base, "corpus").exit_code == 0
    result = invoke_cli("check", "corpus", "--baseline", base, "--quiet")
    assert result.exit_code == 0 and result.stdout.startswith("No findings in 7 files.")
