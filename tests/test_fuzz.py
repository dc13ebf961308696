"""Fuzz suite: hostile articles, markup, glossaries, configurations and outputs, each run as the
``taiyaku`` command in a subprocess with a time bound and a memory limit that only a hang or a blow-up
can hit. Every run must end with exit code 0, 1 or 2, no traceback, at most one line on stderr for exit
2, and every input file as it was. Hostile files are built at test time in ``tmp_path``
(``bench/hostile_cases.py`` at small sizes; ``bench/hostile.py`` runs the same cases up to 10 MB).
"""

from __future__ import annotations

import os
import resource
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from hostile_cases import CASES  # noqa: E402

pytestmark = pytest.mark.slow

TIMEOUT = 90  # seconds: generous; a hang or a quadratic blow-up passes it, a slow machine does not
MEMORY = 3 << 30  # bytes of address space


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _snapshot(folder: Path) -> dict[str, bytes]:
    out = {}
    for p in sorted(folder.rglob("*")):
        if p.is_symlink():
            out[str(p)] = b"->" + os.readlink(p).encode()
        elif p.is_file():
            out[str(p)] = p.read_bytes()
    return out


def run(args, cwd: Path, *, stdout=subprocess.DEVNULL) -> subprocess.CompletedProcess:
    """Run taiyaku and check the invariants: exit 0/1/2, no traceback, one stderr line on exit 2."""
    result = subprocess.run([sys.executable, "-m", "taiyaku.cli", *map(str, args)], cwd=cwd, stdout=stdout,
                            stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, timeout=TIMEOUT,
                            preexec_fn=_limit, text=True)
    assert result.returncode in (0, 1, 2), (args, result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    if result.returncode == 2:
        assert len(result.stderr.splitlines()) <= 1, result.stderr
    return result


def run_unchanged(args, folder: Path, cwd: Path | None = None, **kw) -> subprocess.CompletedProcess:
    """``run`` in ``cwd`` (default ``folder``), checking that nothing in ``folder`` changed."""
    before = _snapshot(folder)
    result = run(args, cwd or folder, **kw)
    assert _snapshot(folder) == before, "an input file was changed"
    return result


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_case(tmp_path, case):
    argv = CASES[case](tmp_path, 30_000)
    result = run_unchanged(argv, tmp_path)
    if case == "glossary-cell":
        assert result.returncode == 2 and "longer than" in result.stderr


# -- generated articles, markup and glossaries ------------------------------------------------------

_JA = list("腰痛揉み返し整体筋膜がはをにのマッサージ。、「」！？ｸﾞ〜３か月") + ["\n", "\r", "\r\n", " ", "\t"]
_NASTY = ["\x00", "\x1b[2J", "\x1b]0;title\x07", "\u202e", "\ufeff", "\ud7ff", "\U0001f600", "\u3000", "\x85"]
_EN = list("abc rubbing back post-massage soreness 3 months.!?\"'") + ["\n", "\r"]
_MARKUP = ["<div>", "</div>", "<p>", "</p>", "<!--", "-->", "<script>", "</script>", "<b>", "&amp;", "&#0;",
           "&#x110000;", "*", "**", "_", "`", "```", "[", "](", ")", "# ", "> ", "- ", "<br>", "<", ">"]


def _text(alphabet, max_size=400):
    return st.lists(st.sampled_from(alphabet + _NASTY), max_size=max_size).map("".join)


_FUZZ = settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@_FUZZ
@given(ja=_text(_JA + _MARKUP), en=_text(_EN + _MARKUP), ext=st.sampled_from(["txt", "md", "html"]),
       encoding=st.sampled_from(["utf-8", "utf-16", "shift_jis", "latin-1"]))
def test_generated_article_pairs(tmp_path_factory, ja, en, ext, encoding):
    folder = tmp_path_factory.mktemp("pair")
    for name, text in ((f"a.ja.{ext}", ja), (f"a.en.{ext}", en)):
        (folder / name).write_bytes(text.encode(encoding, "replace") if encoding != "utf-8" else
                                    text.encode("utf-8", "surrogatepass"))
    run_unchanged(["check", "."], folder)


_CELL = st.lists(st.sampled_from(["腰痛", "low back pain", "|", " ", "\t", "\n", "#", "\"", "痛" * 600, "\x00"]),
                 max_size=6).map("".join)


@_FUZZ
@given(rows=st.lists(st.lists(_CELL, min_size=1, max_size=7).map("\t".join), max_size=5))
def test_generated_glossaries(tmp_path_factory, rows):
    folder = tmp_path_factory.mktemp("glossary")
    (folder / "g.tsv").write_text("ja\ten\tja_variants\n" + "\n".join(rows), encoding="utf-8", errors="surrogatepass")
    shutil.copy(ROOT / "corpus" / "massage-soreness.ja.txt", folder / "a.ja.txt")
    run_unchanged(["check", "--glossary", "g.tsv", "a.ja.txt"], folder)


@pytest.mark.parametrize(
    "name, body",
    [
        ("taiyaku.toml", "a = " + "[" * 100_000 + "]" * 100_000),
        ("taiyaku.toml", "x = {" * 5000 + "}" * 5000),
        ("taiyaku.toml", "fail-on = " + "9" * 5000),
        ("taiyaku.toml", "select = [" + ", ".join(['"T001"'] * 50_000) + "]"),
        ("b.json", "[" * 100_000 + "]" * 100_000),
        ("b.json", '{"tool": "taiyaku", "version": ' + "9" * 100_000 + "}"),
        ("b.json", '{"tool": "taiyaku", "version": 1e999999}'),
    ],
    # short ids: pytest puts the test id in PYTEST_CURRENT_TEST, and a 200 KB one overflows the
    # environment of the subprocess (E2BIG)
    ids=["deep-array", "deep-inline-tables", "huge-integer", "long-select", "deep-json", "huge-version",
         "infinite-version"],
)
def test_hostile_config_and_baseline(tmp_path, name, body):
    (tmp_path / name).write_text(body, encoding="utf-8")
    shutil.copy(ROOT / "corpus" / "massage-soreness.ja.txt", tmp_path / "a.ja.txt")
    option = "--baseline" if name.endswith(".json") else "--config"
    result = run_unchanged(["check", option, name, "a.ja.txt"], tmp_path)
    assert name in result.stderr or result.returncode in (0, 1)


# -- special files and writes that must not damage ---------------------------------------------------

@pytest.mark.parametrize("option", [None, "--glossary", "--baseline", "--config"])
def test_fifo_where_a_file_is_expected(tmp_path, option):
    os.mkfifo(tmp_path / "fifo.ja.txt")
    shutil.copy(ROOT / "corpus" / "massage-soreness.ja.txt", tmp_path / "a.ja.txt")
    args = ["check", "fifo.ja.txt"] if option is None else ["check", option, "fifo.ja.txt", "a.ja.txt"]
    result = run_unchanged(args, tmp_path)
    assert result.returncode == 2 and "not a regular file" in result.stderr


def test_a_folder_with_fifos_and_bad_links_is_checked(tmp_path):
    shutil.copy(ROOT / "corpus" / "massage-soreness.ja.txt", tmp_path / "a.ja.txt")
    os.mkfifo(tmp_path / "fifo.en.txt")
    (tmp_path / "loop.ja.md").symlink_to("loop.ja.md")
    (tmp_path / "gone.ja.html").symlink_to("nowhere.html")
    assert run_unchanged(["check", "."], tmp_path).returncode == 1


def _pair(folder: Path) -> None:
    folder.mkdir(exist_ok=True)
    for name in ("massage-soreness.ja.txt", "massage-soreness.en.txt"):
        shutil.copy(ROOT / "corpus" / name, folder / name)


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_output_to_a_device_node_copy(tmp_path):
    _pair(tmp_path / "in")
    os.mknod(tmp_path / "null", 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    assert run_unchanged(["check", "in", "-o", tmp_path / "null"], tmp_path / "in", tmp_path).returncode == 1
    assert stat.S_ISCHR(os.lstat(tmp_path / "null").st_mode)


def test_output_to_a_fifo_and_through_a_symlink(tmp_path):
    _pair(tmp_path / "in")
    os.mkfifo(tmp_path / "fifo")
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append((tmp_path / "fifo").read_bytes()))
    reader.start()
    assert run_unchanged(["check", "in", "-o", tmp_path / "fifo"], tmp_path / "in", tmp_path).returncode == 1
    reader.join(timeout=TIMEOUT)
    assert got and got[0].startswith(b"in/massage-soreness") and stat.S_ISFIFO(os.lstat(tmp_path / "fifo").st_mode)
    (tmp_path / "real.txt").write_text("")
    (tmp_path / "link.txt").symlink_to("real.txt")
    assert run_unchanged(["check", "in", "-o", tmp_path / "link.txt"], tmp_path / "in", tmp_path).returncode == 1
    assert os.path.islink(tmp_path / "link.txt") and (tmp_path / "real.txt").read_bytes().startswith(b"in/")


def test_partial_fix_changes_nothing(tmp_path):
    """--fix over two folders, the second not writable (a read-only folder, and as root a read-only file)."""
    _pair(tmp_path / "one")
    _pair(tmp_path / "two")
    os.chmod(tmp_path / "two" / "massage-soreness.en.txt", 0o444)
    os.chmod(tmp_path / "two", 0o555)
    try:
        result = run_unchanged(["check", "--fix", "--unsafe-fixes", "one", "two"], tmp_path)
    finally:
        os.chmod(tmp_path / "two", 0o755)
    assert result.returncode == 2


def test_fix_through_a_symlink(tmp_path):
    _pair(tmp_path / "real")
    (tmp_path / "in").mkdir()
    for name in ("massage-soreness.ja.txt", "massage-soreness.en.txt"):
        (tmp_path / "in" / name).symlink_to(tmp_path / "real" / name)
    before = _snapshot(tmp_path / "real")
    run(["check", "--fix", "--unsafe-fixes", "in"], tmp_path)
    assert all(os.path.islink(p) for p in (tmp_path / "in").iterdir())
    assert _snapshot(tmp_path / "real") != before  # the real files were fixed


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "html"])
def test_full_disk(tmp_path, fmt):
    _pair(tmp_path / "in")
    with open("/dev/full", "w") as full:
        result = run_unchanged(["check", "--format", fmt, "in"], tmp_path / "in", tmp_path, stdout=full)
    assert result.returncode == 2
