"""--jobs (run.pool): the report of worker processes is the report of one process, in every format;
worker errors surface as the same one-line InputError; the parent keeps summaries, not texts."""

from __future__ import annotations

import importlib
import io
import json
import os
import pickle
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # process pools

from taiyaku.run import pool as parallel
from taiyaku.errors import InputError
from taiyaku.analyze.glossary import bundled_glossary_path, load_glossary
from taiyaku.models import Document, Finding, Related
from taiyaku.output import FORMATS, NEEDS_VIEWS, render
from taiyaku.run.pool import chunk_size, resolve_jobs
from taiyaku.run.report import DocumentSummary, sort_key

from .helpers import check

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SEEDS = ROOT.parent / "shared" / "seeds"
GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(bundled_glossary_path())


def build_corpus(directory: Path, copies: int = 3) -> Path:
    """corpus/ copied ``copies`` times under new names, pairs kept, in nested folders, some copies in
    CRLF, Shift_JIS or EUC-JP; the (long) seed articles, when present, in the first copy only."""
    corpus = [p for p in sorted(CORPUS.iterdir()) if p.name != "README.md"]
    seeds = sorted(SEEDS.glob("0*.txt")) if SEEDS.is_dir() else []
    variants = [("utf-8", "\n"), ("utf-8", "\r\n"), ("cp932", "\r\n"), ("euc-jp", "\n"), ("utf-8-sig", "\n")]
    for i in range(copies):
        encoding, newline = variants[i % len(variants)]
        folder = directory / f"site{i % 2}" / f"batch-{i:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        for src in corpus + (seeds if i == 0 else []):
            text = src.read_text(encoding="utf-8").replace("–", "-").replace("\n", newline)
            if encoding in ("cp932", "euc-jp"):
                text = text.encode(encoding, "replace").decode(encoding)  # a few symbols the codec lacks
            (folder / f"c{i}-{src.name}").write_bytes(text.encode(encoding))
    return directory


def run_check(paths, glossary, *, jobs=None, select=None, views=False, progress=None):
    return check(paths, glossary, jobs=jobs, select=select, views=views, progress=progress)


def serial(paths, glossary, *, select=None, views=False):
    return check(paths, glossary, jobs=1, select=select, views=views)


def available_formats(views: bool):
    out = []
    for fmt, module in FORMATS.items():
        if (fmt in NEEDS_VIEWS) != views:
            continue
        try:
            importlib.import_module(f"taiyaku.output.{module}")
        except ModuleNotFoundError:
            continue
        out.append(fmt)
    return out


def renders(report, formats):
    return {fmt: render(report, fmt, statistics=True) for fmt in formats}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return build_corpus(tmp_path_factory.mktemp("parallel") / "corpus", copies=5)


@pytest.fixture(scope="module")
def reference(corpus, glossary):
    """The serial engine's report on the corpus (relative paths, as users type them) and its renders."""
    old = Path.cwd()
    os.chdir(corpus.parent)
    try:
        report = serial([corpus.name], glossary)
        return report, renders(report, available_formats(views=False))
    finally:
        os.chdir(old)


# --- the same report ----------------------------------------------------------------------------

def test_jobs_1_and_2_give_identical_json(corpus, glossary):
    paths = [str(corpus / "site1")]
    one = render(run_check(paths, glossary, jobs=1), "json")
    two = render(run_check(paths, glossary, jobs=2), "json")
    assert one == two
    doc = json.loads(one)
    # site1 holds two copies of corpus/ (batches 01 and 03), each with corpus/'s 14 findings
    assert doc["summary"]["findings"] == 2 * 14 and len(doc["files"]) == len(list((corpus / "site1").rglob("*.*")))


@pytest.mark.parametrize("jobs", [1, 2])
def test_every_format_renders_as_the_serial_engine(corpus, reference, glossary, monkeypatch, jobs):
    monkeypatch.setattr(parallel, "MAX_CHUNK", 2)  # several chunks in flight, and out of order finishes
    monkeypatch.chdir(corpus.parent)
    want, want_renders = reference
    got = run_check([corpus.name], glossary, jobs=jobs)
    assert {"text", "json"} <= set(want_renders)
    assert renders(got, want_renders) == want_renders
    assert [sort_key(f) for f in got.findings] == [sort_key(f) for f in want.findings]
    assert list(got.documents) == list(want.documents)
    assert all(isinstance(d, DocumentSummary) for d in got.documents.values())


def test_views_are_the_serial_views(corpus, glossary, monkeypatch):
    monkeypatch.chdir(corpus.parent)
    paths = [f"{corpus.name}/site1"]
    want = serial(paths, glossary, views=True)
    for jobs in (1, 2):
        got = run_check(paths, glossary, views=True, jobs=jobs)
        assert got.views == want.views
        assert renders(got, available_formats(views=True)) == renders(want, available_formats(views=True))


@pytest.mark.parametrize("select", [("T001",), ("C", "N001"), ("ALL",)])
def test_selection_is_respected(corpus, glossary, select):
    paths = [corpus / "site1"]
    assert render(run_check(paths, glossary, select=select, jobs=2), "json") == \
        render(serial(paths, glossary, select=select), "json")


def test_corpus_golden_reports(glossary, monkeypatch):
    monkeypatch.chdir(ROOT)
    report = run_check(["corpus"], glossary, jobs=2)
    assert render(report, "json") == (GOLDEN / "corpus.json").read_text(encoding="utf-8")
    assert render(report, "text") == (GOLDEN / "corpus.txt").read_text(encoding="utf-8")


def test_inline_suppression_in_the_workers(tmp_path, glossary):
    (tmp_path / "a.ja.md").write_text("揉み返しが出ます。\n", encoding="utf-8")
    (tmp_path / "a.en.md").write_text("<!-- taiyaku-disable-next-line T001 -->\nA rubbing back occurs.\n",
                                      encoding="utf-8")
    for jobs in (1, 2):
        report = run_check([str(tmp_path)], glossary, jobs=jobs)
        assert [f.rule for f in report.findings if f.rule == "T001"] == []
    (tmp_path / "a.en.md").write_text("A rubbing back occurs.\n", encoding="utf-8")
    assert [f.rule for f in run_check([str(tmp_path)], glossary, jobs=2).findings if f.rule == "T001"] == ["T001"]


def test_few_articles_run_in_process_when_jobs_is_automatic(glossary, monkeypatch):
    def no_pool(*args, **kwargs):
        raise AssertionError("a pool was started")

    monkeypatch.setattr(parallel, "_pool_results", no_pool)
    monkeypatch.chdir(ROOT)
    assert run_check(["corpus"], glossary, jobs=None).findings
    assert run_check(["corpus"], glossary, jobs=1).findings
    with pytest.raises(AssertionError, match="a pool was started"):
        run_check(["corpus"], glossary, jobs=2)


# --- errors -------------------------------------------------------------------------------------

def _with_bad_files(tmp_path: Path, bad: list[int], total: int = 12) -> Path:
    directory = tmp_path / "mixed"
    directory.mkdir()
    text = (CORPUS / "stretching-bilingual.txt").read_text(encoding="utf-8")
    for i in range(total):
        data = b"\x00\x01binary" if i in bad else text.encode("utf-8")
        (directory / f"article-{i:02d}.txt").write_bytes(data)
    return directory


@pytest.mark.parametrize("jobs", [1, 2])
def test_worker_error_surfaces_as_the_serial_input_error(tmp_path, glossary, monkeypatch, jobs):
    monkeypatch.setattr(parallel, "MAX_CHUNK", 1)
    directory = _with_bad_files(tmp_path, bad=[7, 3, 10])
    files = sorted(str(p) for p in directory.iterdir())  # named: an unreadable file stops the run
    with pytest.raises(InputError) as serial_error:
        serial(files, glossary)
    with pytest.raises(InputError) as parallel_error:
        run_check(files, glossary, jobs=jobs)
    assert str(parallel_error.value) == str(serial_error.value)
    assert str(parallel_error.value).startswith(f"{directory / 'article-03.txt'}: binary or undecodable file")
    assert (parallel_error.value.path, parallel_error.value.line) == (str(directory / "article-03.txt"), None)


def test_error_in_the_last_article_after_many_good_ones(tmp_path, glossary):
    directory = _with_bad_files(tmp_path, bad=[11])
    with pytest.raises(InputError, match="article-11.txt: binary"):
        run_check(sorted(str(p) for p in directory.iterdir()), glossary, jobs=2)


def test_unreadable_files_in_a_directory_are_skipped_alike_in_parallel(tmp_path, glossary, monkeypatch):
    monkeypatch.setattr(parallel, "MAX_CHUNK", 1)
    directory = _with_bad_files(tmp_path, bad=[7, 3, 10])
    one = run_check([str(directory)], glossary, jobs=1)
    two = run_check([str(directory)], glossary, jobs=2)
    assert [str(s) for s in one.skipped] == [str(s) for s in two.skipped] == [
        f"{directory / f'article-{n:02d}.txt'}: binary or undecodable file: save it as UTF-8, Shift_JIS or EUC-JP"
        for n in (3, 7, 10)
    ]
    assert one.findings == two.findings and len(one.documents) == len(two.documents) > 0


def test_bad_paths_and_options_fail_before_any_work(tmp_path, glossary):
    with pytest.raises(InputError, match="no such file or directory"):
        run_check([str(tmp_path / "missing")], glossary, jobs=2)
    with pytest.raises(InputError, match="unknown rule or prefix 'X999'"):
        run_check([str(CORPUS)], glossary, select=("X999",), jobs=2)
    with pytest.raises(InputError, match="--jobs must be at least 1"):
        run_check([str(CORPUS)], glossary, jobs=0)


def test_a_dead_worker_is_one_line(tmp_path, glossary, monkeypatch):
    if parallel._mp_context() is None:
        pytest.skip("needs fork: the stand-in worker lives in this test module")
    monkeypatch.setattr(parallel, "_work", _die)
    with pytest.raises(InputError, match="worker process stopped unexpectedly.*--jobs 1"):
        run_check([str(CORPUS)], glossary, jobs=2)


def _die(chunk):
    os._exit(3)


# --- helpers ------------------------------------------------------------------------------------

@pytest.mark.parametrize("jobs, want", [(1, 1), (2, 2), (7, 7)])
def test_resolve_jobs(jobs, want):
    assert resolve_jobs(jobs) == want


def test_resolve_jobs_default_is_the_cpus_this_process_may_use(monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2}, raising=False)
    assert resolve_jobs(None) == 3
    monkeypatch.delattr(os, "sched_getaffinity", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 6)
    assert resolve_jobs(None) == 6
    monkeypatch.setattr(os, "cpu_count", lambda: None)
    assert resolve_jobs(None) == 1


@pytest.mark.parametrize("articles, workers, want", [(1, 2, 1), (10, 2, 1), (100, 2, 4), (2000, 2, 16), (2000, 16, 8)])
def test_chunk_size(articles, workers, want):
    assert chunk_size(articles, workers) == want


# --- DocumentSummary ----------------------------------------------------------------------------

TEXT = "first line\r\nもみ返し is here\r\n\r\nthird\nlast without newline"


def _doc():
    return Document("a.txt", TEXT, "cp932", "txt", "ja")


def test_summary_positions_equal_the_document_for_every_offset():
    d = _doc()
    s = DocumentSummary.of(d, all_lines=True)
    for offset in range(len(TEXT) + 1):
        assert s.position(offset) == d.position(offset), offset
    for line in range(1, TEXT.count("\n") + 2):
        assert s.line_text(line) == d.line_text(line)


def test_summary_keeps_only_the_lines_findings_touch():
    d = _doc()
    f = Finding("C002", "n", "c", "info", "a.txt", 12, 16, "m",
                related=(Related("a.txt", 28, 40, "x"), Related("other.txt", 0, 1, "y")))
    s = DocumentSummary.of(d, [f])
    assert sorted(s.lines) == [2, 4, 5]  # the finding's line; the related span from line 4 into line 5
    assert s.line_text(2) == d.line_text(2) == "もみ返し is here"
    with pytest.raises(KeyError, match="line 1 was not kept"):
        s.line_text(1)
    assert (s.path, s.role, s.encoding, s.format) == ("a.txt", "ja", "cp932", "txt")


def test_summary_pickles_and_is_smaller_than_the_text():
    text = "".join(f"行{i} の本文です。\n" for i in range(2000))
    d = Document("big.txt", text, "utf-8", "txt", "ja")
    f = Finding("C002", "n", "c", "info", "big.txt", text.index("行1000"), text.index("行1000") + 5, "m")
    s = DocumentSummary.of(d, [f])
    copy = pickle.loads(pickle.dumps(s))
    assert copy.position(f.start) == d.position(f.start) and copy.line_text(1001) == d.line_text(1001)
    assert list(copy.lines) == [1001]
    assert len(pickle.dumps(s)) < len(text.encode("utf-8")) / 2


def test_parent_keeps_no_full_text(corpus, glossary):
    report = run_check([str(corpus / "site1")], glossary, jobs=2)
    kept = sum(len(line) for d in report.documents.values() for line in d.lines.values())
    total = sum(len(Path(p).read_bytes().decode("utf-8", "replace")) for p in report.documents)
    assert not any(isinstance(d, Document) for d in report.documents.values())
    assert kept < total / 3


# --- progress -----------------------------------------------------------------------------------

class FakeTTY(io.StringIO):
    def isatty(self):
        return True


@pytest.mark.parametrize("jobs", [1, 2])
def test_progress_bar_on_a_terminal_only(glossary, monkeypatch, jobs):
    monkeypatch.chdir(ROOT)
    tty, pipe = FakeTTY(), io.StringIO()
    run_check(["corpus"], glossary, jobs=jobs, progress=tty)
    run_check(["corpus"], glossary, jobs=jobs, progress=pipe)
    assert "4/4 articles" in tty.getvalue() and tty.getvalue().endswith("\r")
    assert pipe.getvalue() == ""


def test_progress_never_touches_stdout(glossary, monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    run_check(["corpus"], glossary, jobs=2, progress=sys.stderr)
    out, err = capsys.readouterr()
    assert out == "" and err == ""  # captured stderr is not a terminal: nothing drawn


def test_copies_have_distinct_names(tmp_path):
    built = build_corpus(tmp_path, copies=2)
    names = [p.name for p in built.rglob("*.*")]
    assert len(names) == len(set(names))
    assert sum(1 for _ in built.rglob("*.ja.*")) == sum(1 for _ in built.rglob("*.en.*"))  # pairs kept
