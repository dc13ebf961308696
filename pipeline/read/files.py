"""Reading a file the user named: regular files only, never blocking, never unbounded.

A FIFO, device, socket or directory where a file is expected is refused in one line (a FIFO would wait
forever for a writer; ``/dev/zero`` would fill memory). The file is opened with ``O_NONBLOCK`` so that
opening a FIFO returns at once, and checked with ``fstat`` on the open descriptor (no race between the
check and the read). Files over ``MAX_BYTES`` (``TAIYAKU_MAX_BYTES`` in the environment) are refused
before they are read: their analysis would need gigabytes.
"""

from __future__ import annotations

import os
import stat

from taiyaku.errors import InputError

MAX_BYTES = 8_000_000  # an article or glossary over this is refused; measured cost: bench/hostile.py
_GIVEN: dict[str, bytes] = {}  # paths whose bytes came from elsewhere (standard input, `check -`)


def give(path: str, data: bytes) -> None:
    """Read ``data`` as the contents of ``path`` (``taiyaku check - --stdin-filename PATH``)."""
    _GIVEN[os.path.normpath(path)] = data


def given(path: str) -> bool:
    return os.path.normpath(path) in _GIVEN


def max_bytes() -> int:
    """The size limit in effect: ``TAIYAKU_MAX_BYTES`` if set to a whole number, else ``MAX_BYTES``."""
    value = os.environ.get("TAIYAKU_MAX_BYTES", "")
    return int(value) if value.isdigit() else MAX_BYTES


def kind(mode: int) -> str | None:
    """What a non-regular file is ("directory", "FIFO"…), or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    for test, name in ((stat.S_ISDIR, "directory"), (stat.S_ISFIFO, "FIFO"), (stat.S_ISSOCK, "socket"),
                       (stat.S_ISCHR, "character device"), (stat.S_ISBLK, "block device")):
        if test(mode):
            return name
    return "special file"


def read_regular(path: str, what: str = "file", limit: int | None = None, label: str | None = None) -> bytes:
    """The bytes of ``path``; InputError (one line naming ``label``, default the path) if it is missing,
    not a regular file, unreadable or larger than ``limit`` (default ``max_bytes()``)."""
    limit = max_bytes() if limit is None else limit
    name = path if label is None else label
    data = _GIVEN.get(os.path.normpath(path))
    if data is not None:
        if len(data) > limit:
            raise InputError(f"{what} is {len(data):,} bytes, over the limit of {limit:,}"
                             " (set TAIYAKU_MAX_BYTES to raise it)", name)
        return data
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except IsADirectoryError:
        raise InputError(f"not a regular file (a directory): give a {what}", name) from None
    except OSError as exc:
        raise InputError(f"cannot read {what} ({exc.strerror or exc}): check its permissions", name) from None
    try:
        st = os.fstat(fd)
        other = kind(st.st_mode)
        if other:
            raise InputError(f"not a regular file (a {other}): give a {what}", name)
        if st.st_size > limit:
            raise InputError(f"{what} is {st.st_size:,} bytes, over the limit of {limit:,}"
                             " (set TAIYAKU_MAX_BYTES to raise it)", name)
        chunks = []
        total = 0
        while True:  # read to the end, but never past the limit (a file may grow while read)
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            total += len(chunk)
            if total > limit:
                raise InputError(f"{what} grew over the limit of {limit:,} bytes while read", name)
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise InputError(f"cannot read {what} ({exc.strerror or exc})", name) from None
    finally:
        os.close(fd)
