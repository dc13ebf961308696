"""--fix / --unsafe-fixes / --diff (pipeline.fixes): planning, applying, encoding, atomic writing."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from taiyaku.project import atomic, fixes
from taiyaku.errors import InputError
from taiyaku.project.fixes import (
    PlannedFix,
    apply_fixes,
    apply_fixes_detailed,
    encode_fixed,
    fix_findings,
    make_plan,
    plan_fixes,
    read_source,
    unified_diff,
    write_fixed,
)
from taiyaku.analyze.glossary import bundled_glossary_path, load_glossary
from taiyaku.models import Document, Finding, Fix

from .helpers import check

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(bundled_glossary_path())


def finding(start, end, replacement, *, safe=True, path="a.txt", found=None, rule="C002"):
    fx = Fix(path, start, end, replacement, safe)
    return Finding(rule, "n", "c", "info", path, start, end, "m", found=found, fix=fx)


def spans(plan):
    return {p: [(f.start, f.end, f.replacement) for f in fs] for p, fs in plan.items()}


# --- planning -------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "findings, unsafe, want",
    [
        # safe only by default; unsafe ones too when asked
        ([finding(0, 2, "A"), finding(5, 7, "B", safe=False)], False, {"a.txt": [(0, 2, "A")]}),
        ([finding(0, 2, "A"), finding(5, 7, "B", safe=False)], True, {"a.txt": [(0, 2, "A"), (5, 7, "B")]}),
        # sorted by position, whatever the order of the findings
        ([finding(9, 10, "Z"), finding(1, 2, "Y")], False, {"a.txt": [(1, 2, "Y"), (9, 10, "Z")]}),
        # overlapping: the first by position wins
        ([finding(3, 8, "long"), finding(5, 6, "in")], False, {"a.txt": [(3, 8, "long")]}),
        ([finding(5, 9, "later"), finding(3, 6, "first")], False, {"a.txt": [(3, 6, "first")]}),
        # same start: the shorter span first (it sorts first), the other waits
        ([finding(3, 8, "x"), finding(3, 5, "y")], False, {"a.txt": [(3, 5, "y")]}),
        # touching spans do not overlap
        ([finding(0, 3, "a"), finding(3, 6, "b")], False, {"a.txt": [(0, 3, "a"), (3, 6, "b")]}),
        # duplicates (two findings proposing the same edit) are one fix
        ([finding(2, 4, "d"), finding(2, 4, "d", rule="T001")], False, {"a.txt": [(2, 4, "d")]}),
        # per path
        ([finding(0, 1, "p", path="b.txt"), finding(0, 1, "q")], False,
         {"a.txt": [(0, 1, "q")], "b.txt": [(0, 1, "p")]}),
        # findings without a fix, or only unsafe ones without --unsafe-fixes: nothing
        ([Finding("A001", "n", "c", "info", "a.txt", 0, 1, "m")], True, {}),
        ([finding(0, 1, "u", safe=False)], False, {}),
    ],
)
def test_plan_fixes(findings, unsafe, want):
    assert spans(plan_fixes(findings, unsafe=unsafe)) == want


def test_plan_counts_what_it_leaves_out():
    plan = make_plan([finding(0, 4, "a"), finding(2, 6, "b"), finding(8, 9, "u", safe=False)], unsafe=False)
    assert (plan.overlapping, plan.unsafe_left) == (1, 1)
    planned = plan.fixes["a.txt"][0]
    assert isinstance(planned, Fix) and isinstance(planned, PlannedFix) and planned.rule == "C002"


# --- applying -------------------------------------------------------------------------------------

def doc(text, fmt="txt", path="a.txt", encoding="utf-8"):
    return Document(path, text, encoding, fmt, "ja")


@pytest.mark.parametrize(
    "text, edits, want",
    [
        ("もみ返しが出た", [(0, 4, "揉み返し", "もみ返し")], "揉み返しが出た"),
        # back to front: several edits at source offsets of the original text
        ("ab cd ef", [(0, 2, "XXXX", "ab"), (6, 8, "Y", "ef"), (3, 5, "", "cd")], "XXXX  Y"),
        # the span no longer holds the text found: skipped, never a corrupting edit
        ("rubbing back", [(0, 12, "post-massage soreness", "rubbing bac")], "rubbing back"),
        # outside the text: skipped
        ("short", [(3, 40, "x", None)], "short"),
        # overlapping fixes given raw: the first is applied, the other left
        ("abcdef", [(1, 4, "X", "bcd"), (2, 5, "Y", "cde")], "aXef"),
        # an insertion
        ("ab", [(1, 1, "-", "")], "a-b"),
        # CRLF kept around the edit
        ("x\r\nもみ返し\r\ny", [(3, 7, "揉み返し", "もみ返し")], "x\r\n揉み返し\r\ny"),
    ],
)
def test_apply_fixes(text, edits, want):
    fs = [PlannedFix("a.txt", s, e, r, True, expected=expected) for s, e, r, expected in edits]
    assert apply_fixes(doc(text), fs) == want


def test_apply_counts_stale_fixes():
    done = apply_fixes_detailed(doc("one two"), [PlannedFix("a.txt", 0, 3, "1", True, expected="one"),
                                               PlannedFix("a.txt", 4, 7, "2", True, expected="TWO")])
    assert done.text == "1 two" and len(done.applied) == 1 and len(done.stale) == 1


def test_plain_fix_is_bounds_checked_only():
    assert apply_fixes(doc("abc"), [Fix("a.txt", 1, 2, "B", True)]) == "aBc"


def test_fix_for_another_file_is_a_programming_error():
    with pytest.raises(ValueError):
        apply_fixes(doc("abc"), [Fix("other.txt", 0, 1, "x", True)])


def test_html_replacement_is_escaped():
    html = "<p>see rubback now</p>"
    fx = PlannedFix("a.html", 7, 14, "R & <D>", False, "rubback")
    assert apply_fixes(doc(html, "html", "a.html"), [fx]) == "<p>see R &amp; &lt;D&gt; now</p>"
    assert apply_fixes(doc("<p>see rubback now</p>", "md", "a.html"), [fx]) == "<p>see R & <D> now</p>"  # not HTML


# --- files: encodings, line endings, BOM, HTML --------------------------------------------------

def _copy_corpus(tmp_path: Path, encoding: str = "utf-8", newline: str = "\n", names=None) -> Path:
    dest = tmp_path / "corpus"
    dest.mkdir()
    for p in sorted(CORPUS.iterdir()):
        if p.name == "README.md" or (names and p.name not in names):
            continue
        text = p.read_text(encoding="utf-8").replace("–", "-")  # EN dash: no cp932/euc-jp code
        (dest / p.name).write_bytes(text.replace("\n", newline).encode(encoding))
    return dest


def _snapshot(directory: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p.relative_to(directory)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(directory.rglob("*")) if p.is_file()}


MASSAGE = {"massage-soreness.ja.txt", "massage-soreness.en.txt"}
# (file, [(old, new)]) replaced by --fix --unsafe-fixes in the massage-soreness pair
MASSAGE_EDITS = {
    "massage-soreness.ja.txt": [("もみ返し", "揉み返し")],
    # the unsafe fix keeps the sentence grammatical (issue 9): "a return rub" loses its article before the
    # mass noun "post-massage soreness"
    "massage-soreness.en.txt": [("rubbing back", "post-massage soreness"), ("a return rub", "post-massage soreness"),
                                ("rubback", "post-massage soreness")],
}


@pytest.mark.parametrize(
    "encoding, newline, extra",
    [
        ("utf-8", "\n", b""),
        ("utf-8", "\r\n", b""),
        ("utf-8-sig", "\r\n", b""),
        ("cp932", "\n", b""),
        ("cp932", "\r\n", b"\x87\x90\r\n"),  # ≒ in its NEC code: Python would write 81E0; the file keeps 8790
        ("euc-jp", "\r\n", b""),
    ],
)
def test_fix_changes_only_the_replaced_bytes(tmp_path, glossary, encoding, newline, extra):
    corpus = _copy_corpus(tmp_path, encoding, newline, MASSAGE)
    ja = corpus / "massage-soreness.ja.txt"
    ja.write_bytes(ja.read_bytes() + extra)
    before = {name: (corpus / name).read_bytes() for name in MASSAGE}
    report = check([str(corpus)], glossary, jobs=1)

    result = fix_findings(report.findings, unsafe=True)

    assert sorted(Path(p).name for p in result.changed) == sorted(MASSAGE)
    assert result.applied == 4 and result.stale == result.overlapping == 0
    for name, edits in MASSAGE_EDITS.items():
        want = before[name]
        codec = "utf-8" if encoding == "utf-8-sig" else encoding  # the pieces, without a BOM each
        for old, new in edits:
            assert want.count(old.encode(codec)) == 1
            want = want.replace(old.encode(codec), new.encode(codec))
        assert (corpus / name).read_bytes() == want, name
    if encoding == "utf-8-sig":
        assert all((corpus / n).read_bytes().startswith(b"\xef\xbb\xbf") for n in MASSAGE)
    assert not [p for p in corpus.iterdir() if p.name.startswith(".")]  # no temporary file left


def test_safe_fixes_only_by_default(tmp_path, glossary):
    corpus = _copy_corpus(tmp_path, names=MASSAGE)
    en_before = (corpus / "massage-soreness.en.txt").read_bytes()
    report = check([str(corpus)], glossary, jobs=1)
    result = fix_findings(report.findings)
    assert [Path(p).name for p in result.changed] == ["massage-soreness.ja.txt"]
    assert result.unsafe_left == 3
    assert (corpus / "massage-soreness.en.txt").read_bytes() == en_before
    assert "揉み返しは多くの場合" in (corpus / "massage-soreness.ja.txt").read_text(encoding="utf-8")


def test_html_fix_inside_a_text_node(tmp_path, glossary):
    corpus = _copy_corpus(tmp_path, names={"central-sensitization.ja.html", "central-sensitization.en.html"})
    en, ja = corpus / "central-sensitization.en.html", corpus / "central-sensitization.ja.html"
    en_before, ja_before = en.read_bytes(), ja.read_bytes()
    fix_findings(check([str(corpus)], glossary, jobs=1).findings, unsafe=True)
    # grammar-aware (issue 9): "a slipped disc" → "acute low back pain", a mass noun, without "a"
    assert en.read_bytes() == en_before.replace(b"<h2>How it differs from a slipped disc</h2>",
                                                b"<h2>How it differs from acute low back pain</h2>")
    assert ja.read_bytes() == ja_before.replace("ギックリ腰を".encode(), "ぎっくり腰を".encode())


def test_html_fix_never_edits_across_markup_or_entities(tmp_path, glossary):
    """A finding whose text spans an entity or a tag does not hold its found text in the source: it is
    skipped, the rest of the file is fixed, and the markup around is intact."""
    en = tmp_path / "m.en.html"
    source = ("<html><body>\n<p>This is commonly called rubbing&#32;back.</p>\n"
              "<p>Also called a return <b>rub</b> or rubback &amp; more.</p>\n</body></html>\n")
    en.write_text(source, encoding="utf-8")
    spans = [("rubbing&#32;back", "rubbing back"), ("return <b>rub</b>", "return rub"), ("rubback", "rubback")]
    findings = []
    for raw, found in spans:  # where the reader's offsets put each rendering: over the markup
        start = source.index(raw)
        findings.append(finding(start, start + len(raw), "post-massage soreness", safe=False, path=str(en),
                                found=found, rule="T001"))
    result = fix_findings(findings, unsafe=True)
    assert (result.applied, result.stale) == (1, 2)
    assert en.read_text(encoding="utf-8") == (
        "<html><body>\n<p>This is commonly called rubbing&#32;back.</p>\n"
        "<p>Also called a return <b>rub</b> or post-massage soreness &amp; more.</p>\n</body></html>\n")


def test_fixing_is_idempotent(tmp_path, glossary):
    corpus = _copy_corpus(tmp_path)
    first = fix_findings(check([str(corpus)], glossary, jobs=1).findings, unsafe=True)
    assert first.applied > 0
    snapshot = _snapshot(corpus)
    again = check([str(corpus)], glossary, jobs=1).findings
    assert plan_fixes(again, unsafe=True) == {}
    second = fix_findings(again, unsafe=True)
    assert (second.changed, second.applied) == ([], 0)
    assert _snapshot(corpus) == snapshot


def test_input_files_are_never_written_without_fix_mode(tmp_path, glossary):
    corpus = _copy_corpus(tmp_path)
    before = _snapshot(tmp_path)
    report = check([str(corpus)], glossary, jobs=2)
    result = fix_findings(report.findings, unsafe=True, write=False, diff=True)
    assert result.changed and result.diff
    from click.testing import CliRunner

    from taiyaku.cli import main

    assert CliRunner().invoke(main, ["check", str(corpus), "--format", "json"]).exit_code == 1
    assert _snapshot(tmp_path) == before


# --- encoding problems and failed writes leave files untouched ----------------------------------

def test_replacement_the_encoding_lacks_is_an_input_error(tmp_path):
    path = tmp_path / "a.ja.txt"
    path.write_bytes("一行目\r\nもみ返し\r\n".encode("cp932"))
    d = read_source(str(path))
    new = apply_fixes(d, [PlannedFix(str(path), 5, 9, "揉み返し–", True, "もみ返し")])
    with pytest.raises(InputError) as exc:
        write_fixed(d, new)
    assert str(exc.value).startswith(f"{path}:2: cannot write '–' (U+2013) in cp932")
    assert path.read_bytes() == "一行目\r\nもみ返し\r\n".encode("cp932")


def test_one_unencodable_fix_leaves_every_file_untouched(tmp_path):
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_bytes("もみ返し".encode("utf-8"))
    bad.write_bytes("もみ返し".encode("euc-jp"))
    findings = [finding(0, 4, "揉み返し", path=str(good), found="もみ返し"),
                finding(0, 4, "揉み返し\U00020b9f", path=str(bad), found="もみ返し")]  # 𠮟: not in EUC-JP
    with pytest.raises(InputError, match="bad.txt:1: cannot write"):
        fix_findings(findings)
    assert good.read_bytes() == "もみ返し".encode() and bad.read_bytes() == "もみ返し".encode("euc-jp")


def test_failed_write_leaves_the_file_intact(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    original = "もみ返し\n".encode("cp932")
    path.write_bytes(original)

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", broken_replace)
    with pytest.raises(InputError, match="cannot write the fixed file"):
        fix_findings([finding(0, 4, "揉み返し", path=str(path), found="もみ返し")])
    assert path.read_bytes() == original
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes into read-only directories")
def test_read_only_directory_leaves_the_file_intact(tmp_path):
    directory = tmp_path / "ro"
    directory.mkdir()
    path = directory / "a.txt"
    path.write_bytes(b"rubback\n")
    directory.chmod(0o555)
    try:
        with pytest.raises(InputError, match="cannot write"):
            write_fixed(read_source(str(path)), "post-massage soreness\n")
        assert path.read_bytes() == b"rubback\n"
    finally:
        directory.chmod(0o755)


def test_file_edited_since_it_was_read_is_not_overwritten(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("もみ返し\n", encoding="utf-8")
    d = read_source(str(path))
    path.write_text("もみ返しと書き足した\n", encoding="utf-8")
    with pytest.raises(InputError, match="changed while it was being checked"):
        write_fixed(d, "揉み返し\n")
    assert path.read_text(encoding="utf-8") == "もみ返しと書き足した\n"


def test_stale_finding_is_skipped(tmp_path):
    """The file was edited between the check and the fix: the span no longer holds the text found."""
    path = tmp_path / "a.txt"
    path.write_text("xxもみ返し\n", encoding="utf-8")  # the finding was at 0..4 before "xx" was added
    result = fix_findings([finding(0, 4, "揉み返し", path=str(path), found="もみ返し")])
    assert (result.changed, result.applied, result.stale) == ([], 0, 1)
    assert path.read_text(encoding="utf-8") == "xxもみ返し\n"


def test_encode_fixed_splices_original_bytes():
    text = "≒もみ返し"
    original = b"\x87\x90" + "もみ返し".encode("cp932")
    d = Document("a.txt", text, "cp932", "txt", "ja")
    assert encode_fixed(d, "≒揉み返し") == "≒揉み返し".encode("cp932")  # no original: the codec's bytes
    assert encode_fixed(d, "≒揉み返し", original) == b"\x87\x90" + "揉み返し".encode("cp932")


# --- diff -----------------------------------------------------------------------------------------

def test_unified_diff_headers_and_lines():
    old, new = "one\nもみ返し\nthree".encode(), "one\n揉み返し\nthree".encode()
    out = unified_diff("./corpus/a.ja.txt", old, new).decode()
    assert out.splitlines()[:2] == ["--- a/corpus/a.ja.txt", "+++ b/corpus/a.ja.txt"]
    assert "-もみ返し\n+揉み返し\n" in out
    assert out.endswith(" three\n\\ No newline at end of file\n")
    assert unified_diff("a.txt", old, old) == b""


def test_unified_diff_is_in_the_file_encoding():
    old, new = "もみ返し\n".encode("shift_jis"), "揉み返し\n".encode("shift_jis")
    out = unified_diff("a.txt", old, new)
    assert b"-" + old in out and b"+" + new in out


@pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")
@pytest.mark.parametrize("encoding, newline", [("utf-8", "\n"), ("utf-8", "\r\n"), ("shift_jis", "\n"),
                                               ("euc-jp", "\r\n"), ("iso-2022-jp", "\n")])
def test_diff_applies_with_git(tmp_path, glossary, monkeypatch, encoding, newline):
    """The --diff output is a patch git applies, giving exactly the files --fix writes, in every
    encoding taiyaku reads."""
    corpus = _copy_corpus(tmp_path, encoding, newline)
    shutil.copytree(corpus, tmp_path / "expected" / "corpus")
    monkeypatch.chdir(tmp_path)
    findings = check(["corpus"], glossary, jobs=1).findings
    diff = fix_findings(findings, unsafe=True, write=False, diff=True).diff
    monkeypatch.chdir(tmp_path / "expected")
    fix_findings(findings, unsafe=True)  # the same relative paths, in the copy
    monkeypatch.chdir(tmp_path)
    Path("change.diff").write_bytes(diff)
    subprocess.run(["git", "init", "-q", "."], check=True)
    subprocess.run(["git", "apply", "--whitespace=nowarn", "change.diff"], check=True)
    for p in sorted(corpus.iterdir()):
        assert p.read_bytes() == (tmp_path / "expected" / "corpus" / p.name).read_bytes(), p.name


def test_fix_findings_diff_without_writing(tmp_path, glossary):
    corpus = _copy_corpus(tmp_path, names=MASSAGE)
    before = _snapshot(corpus)
    result = fix_findings(check([str(corpus)], glossary, jobs=1).findings, write=False, diff=True)
    assert result.diff.count(b"+++ b/") == 1 and "+揉み返しは多くの場合".encode() in result.diff
    assert _snapshot(corpus) == before


def test_read_source_errors_are_input_errors(tmp_path):
    with pytest.raises(InputError, match="cannot read file"):
        read_source(str(tmp_path / "missing.txt"))
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01")
    with pytest.raises(InputError, match="binary"):
        read_source(str(tmp_path / "bin.txt"))


# --- after --fix: re-check only what changed ----------------------------------------------------

@pytest.mark.parametrize("jobs", [1, 2])
def test_engine_fix_then_recheck_equals_a_fresh_run(tmp_path, glossary, monkeypatch, jobs):
    """The engine fixes the reported findings, checks the changed articles again and reports what is left:
    the same report a fresh run gives."""
    from taiyaku.output import render
    from taiyaku.project.config import load_settings
    from taiyaku.run.engine import Request, run

    _copy_corpus(tmp_path)
    monkeypatch.chdir(tmp_path)
    settings = load_settings(["corpus"], {"isolated": True})
    before = check(["corpus"], glossary, jobs=jobs)
    outcome = run(["corpus"], settings, Request(jobs=jobs, fix="safe", glossary=glossary))
    assert len(outcome.fixes.changed) == 2  # safe fixes: two Japanese files
    fresh = check(["corpus"], glossary, jobs=jobs)
    for fmt in ("json", "text"):
        assert render(outcome.report, fmt) == render(fresh, fmt)
    assert len(outcome.report.findings) < len(before.findings)


@pytest.mark.parametrize(
    "result, wrote, line",
    [
        (fixes.FixResult(["a", "b"], applied=4), True, "fixed 4 findings in 2 files"),
        (fixes.FixResult(["a"], applied=1, unsafe_left=3), False,
         "would fix 1 finding in 1 file (3 more with --unsafe-fixes)"),
        (fixes.FixResult([], unsafe_left=1, overlapping=2, stale=1), True,
         "nothing to fix (1 more with --unsafe-fixes; 2 overlapping: run again to apply; "
         "1 skipped: the text changed since it was checked)"),
    ],
)
def test_fix_summary_line(result, wrote, line):
    assert result.summary(wrote=wrote) == line
