"""Only regular files are read: FIFOs, devices and directories get one line; a walked folder skips them."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from taiyaku.errors import InputError
from taiyaku.read.articles import skipped_entries, walk
from taiyaku.read.files import read_regular

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "corpus" / "massage-soreness.ja.txt"


def _taiyaku(*args, cwd):
    return subprocess.run([sys.executable, "-m", "taiyaku.cli", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=60, stdin=subprocess.DEVNULL)


@pytest.mark.parametrize(
    "args",
    [
        ["check", "fifo.ja.txt"],
        ["check", "--glossary", "fifo.ja.txt", "a.ja.txt"],
        ["check", "--baseline", "fifo.ja.txt", "a.ja.txt"],
        ["check", "--config", "fifo.ja.txt", "a.ja.txt"],
        ["check", "/dev/zero"],
    ],
)
def test_a_fifo_or_device_where_a_file_is_expected_is_one_line(tmp_path, args):
    os.mkfifo(tmp_path / "fifo.ja.txt")
    shutil.copy(ARTICLE, tmp_path / "a.ja.txt")
    result = _taiyaku(*args, cwd=tmp_path)  # used to wait forever on the FIFO
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1 and "not a regular file" in result.stderr


def test_read_regular_refuses_over_the_size_limit(tmp_path):
    (tmp_path / "big.txt").write_bytes(b"x" * 1000)
    with pytest.raises(InputError, match="over the limit of 999"):
        read_regular(str(tmp_path / "big.txt"), limit=999)
    assert read_regular(str(tmp_path / "big.txt"), limit=1000) == b"x" * 1000


def test_a_walked_folder_skips_what_it_cannot_read_and_says_why(tmp_path):
    shutil.copy(ARTICLE, tmp_path / "a.ja.txt")
    os.mkfifo(tmp_path / "fifo.ja.txt")
    (tmp_path / "broken.ja.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "loop.ja.txt").symlink_to(tmp_path / "loop.ja.txt")
    (tmp_path / "sub").mkdir()
    os.symlink(".", tmp_path / "sub" / "cycle")  # a directory link: not followed
    files, skipped = walk(str(tmp_path))
    assert files == [str(tmp_path / "a.ja.txt")]
    reasons = dict(skipped)
    assert reasons[str(tmp_path / "fifo.ja.txt")] == "not a regular file (a FIFO)"
    assert reasons[str(tmp_path / "broken.ja.txt")].startswith("broken symlink")
    assert reasons[str(tmp_path / "loop.ja.txt")].startswith("broken symlink")
    assert skipped_entries([str(tmp_path)]) == skipped
    result = _taiyaku("check", ".", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr  # the rest of the run goes on


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_an_unreadable_subfolder_is_skipped_with_its_reason(tmp_path):
    (tmp_path / "locked").mkdir()
    shutil.copy(ARTICLE, tmp_path / "locked" / "a.ja.txt")
    os.chmod(tmp_path / "locked", 0)
    try:
        files, skipped = walk(str(tmp_path))
    finally:
        os.chmod(tmp_path / "locked", 0o755)
    assert files == [] and skipped[0][1].startswith("cannot read folder")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
@pytest.mark.parametrize("args", [["check", ARTICLE], ["check", "--format", "json", ARTICLE],
                                  ["check", "--diff", ARTICLE], ["rules"], ["explain", "T001"]])
def test_a_full_disk_on_standard_output_is_one_line(tmp_path, args):
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "taiyaku.cli", *map(str, args)], cwd=tmp_path,
                                stdout=full, stderr=subprocess.PIPE, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "taiyaku: cannot write the report (No space left on device): check the disk and the output"]


def test_a_closed_pipe_ends_quietly(tmp_path):
    child = subprocess.Popen([sys.executable, "-m", "taiyaku.cli", "check", "--format", "html", str(ROOT / "corpus")],
                             cwd=tmp_path,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    child.stdout.readline()
    child.stdout.close()  # `taiyaku check … | head -1`: the report (95 KB) outgrows the pipe
    child.wait(timeout=60)
    assert child.returncode in (0, 1) and child.stderr.read() == b""


def test_an_article_over_the_size_limit_is_skipped_in_a_folder_and_refused_by_name(tmp_path, monkeypatch):
    shutil.copy(ARTICLE, tmp_path / "a.ja.txt")
    (tmp_path / "big.ja.txt").write_text("腰痛。" * 1000, encoding="utf-8")
    monkeypatch.setenv("TAIYAKU_MAX_BYTES", "5000")
    files, skipped = walk(str(tmp_path))
    assert files == [str(tmp_path / "a.ja.txt")]
    assert skipped == [(str(tmp_path / "big.ja.txt"), "9,000 bytes, over the size limit of 5,000 (TAIYAKU_MAX_BYTES)")]
    with pytest.raises(InputError, match="over the limit of 5,000"):
        read_regular(str(tmp_path / "big.ja.txt"))
