"""Writes that cannot damage: -o into devices and FIFOs, through symlinks; --fix all or none, read-only
files reported."""

import os
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from taiyaku.errors import InputError
from taiyaku.project import atomic
from taiyaku.project.atomic import write_all_atomic, write_bytes_atomic

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
FIXABLE = "massage-soreness.en.txt"  # --fix --unsafe-fixes changes it (checked with its Japanese half)
PARTNER = "massage-soreness.ja.txt"


def _taiyaku(*args, cwd):
    return subprocess.run([sys.executable, "-m", "taiyaku.cli", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=120, stdin=subprocess.DEVNULL)


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_output_to_a_copy_of_a_device_node_writes_into_it(tmp_path):
    node = tmp_path / "null"
    os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # a copy of /dev/null
    write_bytes_atomic(node, b"report")
    assert stat.S_ISCHR(os.lstat(node).st_mode)  # still the device, not a regular file
    result = _taiyaku("check", CORPUS / FIXABLE, CORPUS / PARTNER, "-o", node, cwd=tmp_path)
    assert result.returncode == 1 and stat.S_ISCHR(os.lstat(node).st_mode)


def test_output_to_a_fifo_writes_into_it(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    write_bytes_atomic(fifo, b"report")
    reader.join(timeout=30)
    assert got == [b"report"] and stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_output_through_a_symlink_writes_its_target_and_keeps_the_link(tmp_path):
    (tmp_path / "real.txt").write_text("old")
    (tmp_path / "link.txt").symlink_to("real.txt")
    write_bytes_atomic(tmp_path / "link.txt", b"new")
    assert os.path.islink(tmp_path / "link.txt") and (tmp_path / "real.txt").read_bytes() == b"new"


def test_fix_through_a_symlinked_article_fixes_the_real_file_and_keeps_the_link(tmp_path):
    (tmp_path / "real").mkdir()
    shutil.copy(CORPUS / FIXABLE, tmp_path / "real" / FIXABLE)
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / FIXABLE).symlink_to(tmp_path / "real" / FIXABLE)
    shutil.copy(CORPUS / PARTNER, tmp_path / "articles" / PARTNER)
    before = (tmp_path / "real" / FIXABLE).read_text()
    result = _taiyaku("check", "--fix", "--unsafe-fixes", "articles", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    assert os.path.islink(tmp_path / "articles" / FIXABLE)
    assert (tmp_path / "real" / FIXABLE).read_text() != before


def test_fix_leaves_a_read_only_file_alone_and_says_so(tmp_path):
    shutil.copy(CORPUS / FIXABLE, tmp_path / FIXABLE)
    shutil.copy(CORPUS / PARTNER, tmp_path / PARTNER)
    os.chmod(tmp_path / FIXABLE, 0o444)
    before = (tmp_path / FIXABLE).read_bytes()
    result = _taiyaku("check", "--fix", "--unsafe-fixes", FIXABLE, PARTNER, cwd=tmp_path)
    assert result.returncode == 2 and "read-only file" in result.stderr and len(result.stderr.splitlines()) == 1
    assert (tmp_path / FIXABLE).read_bytes() == before


def test_all_or_none_when_the_second_file_cannot_be_staged(tmp_path, monkeypatch):
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_bytes(b"a")
    second.write_bytes(b"b")
    real_stage = atomic.stage

    def failing(path, data):
        if str(path).endswith("b.txt"):
            raise OSError(28, "No space left on device")
        return real_stage(path, data)

    monkeypatch.setattr(atomic, "stage", failing)
    with pytest.raises(OSError):
        write_all_atomic([(str(first), b"A"), (str(second), b"B")])
    assert (first.read_bytes(), second.read_bytes()) == (b"a", b"b")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]  # no temporary left behind


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_fix_over_two_folders_the_second_read_only_changes_nothing(tmp_path):
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
        shutil.copy(CORPUS / FIXABLE, tmp_path / name / FIXABLE)
        shutil.copy(CORPUS / PARTNER, tmp_path / name / PARTNER)
    os.chmod(tmp_path / "two", 0o555)
    try:
        result = _taiyaku("check", "--fix", "--unsafe-fixes", "one", "two", cwd=tmp_path)
    finally:
        os.chmod(tmp_path / "two", 0o755)
    assert result.returncode == 2
    assert (tmp_path / "one" / FIXABLE).read_bytes() == (CORPUS / FIXABLE).read_bytes()


def test_output_to_a_directory_is_one_line(tmp_path):
    with pytest.raises(InputError, match="is a directory"):
        write_bytes_atomic(tmp_path, b"x")
