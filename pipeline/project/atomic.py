"""Writes that cannot damage: a temporary file in the target's directory, flushed, then renamed over it.

* A symlink is followed: its target is replaced atomically and the link stays a link.
* A device or FIFO (``-o /dev/null``, ``-o fifo``) is written into, never replaced by a regular file.
* ``write_all_atomic`` stages every file before renaming any, so a file that cannot be written (a
  read-only folder, a full disk) leaves every file as it was.
* ``open_text_atomic`` streams a text into the temporary file and renames it at the end (reports).

If anything fails the targets are left as they were.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from taiyaku.errors import InputError


@dataclass
class Staged:
    """New content for ``target`` waiting to be committed: in ``tmp`` (a regular file) or, for a device
    or FIFO (``tmp`` is None), written straight into it on commit."""

    target: str
    tmp: str | None
    data: bytes

    def commit(self) -> None:
        if self.tmp is None:
            with open(self.target, "wb") as f:  # a device or FIFO: write into it
                f.write(self.data)
            return
        os.replace(self.tmp, self.target)
        self.tmp = None

    def discard(self) -> None:
        if self.tmp is not None:
            try:
                os.unlink(self.tmp)
            except OSError:
                pass
            self.tmp = None


def _target(path: str | Path) -> tuple[str, os.stat_result | None]:
    """The real target of ``path`` (symlinks followed) and its status (None: it does not exist yet).
    Raises InputError for a directory or a place that cannot be examined."""
    target = os.path.realpath(path)
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise InputError(f"cannot write here ({exc.strerror}): check the path", str(path)) from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise InputError("is a directory: give a file name", str(path))
    return target, st


def _temporary(path: str | Path, target: str) -> tuple[int, str]:
    """A new temporary file beside ``target``: (descriptor, name)."""
    try:
        return tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".tmp", dir=os.path.dirname(target) or ".")
    except OSError as exc:
        raise InputError(f"cannot write here ({exc.strerror}): check the directory", str(path)) from None


def stage(path: str | Path, data: bytes) -> Staged:
    """Write ``data`` to a temporary file beside the real target of ``path`` (symlinks followed), with
    the target's permissions. Raises InputError if the place cannot be written, OSError if the write fails."""
    target, st = _target(path)
    if st is not None and not stat.S_ISREG(st.st_mode):
        return Staged(target, None, data)
    mode = st.st_mode & 0o7777 if st is not None else _default_mode()
    fd, tmp = _temporary(path, target)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
    except BaseException:
        Staged(target, tmp, data).discard()
        raise
    return Staged(target, tmp, data)


def write_all_atomic(items: list[tuple[str, bytes]]) -> None:
    """Write every ``(path, data)``, or none: all are staged before the first rename."""
    staged: list[Staged] = []
    try:
        for path, data in items:
            staged.append(stage(path, data))
    except BaseException:
        for s in staged:
            s.discard()
        raise
    try:
        for s in staged:
            s.commit()
    finally:
        for s in staged:
            s.discard()


def write_bytes_atomic(path: str | Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one rename (keeps the target's permissions when it exists)."""
    write_all_atomic([(str(path), data)])


def _default_mode() -> int:
    """What ``open(path, "w")`` would give a new file: 0o666 less the umask (mkstemp makes 0o600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextmanager
def open_text_atomic(path: str | Path, encoding: str = "utf-8") -> Iterator[TextIO]:
    """A text stream (no newline translation) whose content replaces ``path`` in one rename when the
    block ends without error, so that a long text need not be held in memory to be written atomically.
    If anything fails, the temporary file is removed and ``path`` is left as it was. A device or FIFO is
    written into as the text comes."""
    target, st = _target(path)
    if st is not None and not stat.S_ISREG(st.st_mode):
        with open(target, "w", encoding=encoding, newline="") as f:
            yield f
        return
    mode = st.st_mode & 0o7777 if st is not None else _default_mode()
    fd, tmp = _temporary(path, target)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def write_text_atomic(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    write_bytes_atomic(path, text.encode(encoding))
