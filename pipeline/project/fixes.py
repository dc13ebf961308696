"""``--fix``, ``--unsafe-fixes`` and ``--diff``: apply the fixes findings carry, never corrupting a file.

As in textlint and ruff: fixes are planned per file and sorted; of fixes that overlap the first (by
position) is kept and the others wait for the next run; duplicates are dropped. Safe fixes (C002) are
applied by default, unsafe ones (T001) only when asked. A fix is applied only if its span of the file
still holds the text its finding found; the new text is encoded in the file's own encoding (a UTF-8
BOM is kept; Shift_JIS and EUC-JP files keep every byte outside the replaced spans) and written
atomically. A replacement the encoding cannot hold stops the run with a one-line InputError before any
file is written.
"""

from __future__ import annotations

import codecs
import difflib
import html
import os
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from taiyaku.project.atomic import write_all_atomic, write_bytes_atomic
from taiyaku.read.documents import read_text
from taiyaku.read.files import read_regular
from taiyaku.errors import InputError
from taiyaku.read.formats import READ_ONLY, format_of
from taiyaku.models import Document, Finding, Fix
from taiyaku.run.report import sort_key

_STATELESS = ("utf-8", "utf-8-sig", "cp932", "euc-jp")  # codecs whose bytes can be spliced


@dataclass(frozen=True, slots=True)
class PlannedFix(Fix):
    """A ``Fix`` with the text its finding found at ``[start, end)`` (None: nothing to check) and the
    rule that proposed it."""

    expected: str | None = None
    rule: str = ""


@dataclass
class Plan:
    """Fixes to apply per path, and what was left out."""

    fixes: dict[str, list[PlannedFix]] = field(default_factory=dict)
    overlapping: int = 0  # left for the next run: they overlap a fix applied before them
    unsafe_left: int = 0  # unsafe fixes not applied (no --unsafe-fixes)
    read_only: int = 0  # fixes in files never written (.docx)


def make_plan(findings: Iterable[Finding], *, unsafe: bool) -> Plan:
    """The fixes of ``findings`` to apply (safe ones, and unsafe ones when ``unsafe``), per path,
    sorted by position, without duplicates; a fix overlapping one before it is left out."""
    plan = Plan()
    by_path: dict[str, list[PlannedFix]] = defaultdict(list)
    for f in sorted(findings, key=sort_key):
        fx = f.fix
        if fx is None:
            continue
        if format_of(fx.path) in READ_ONLY:
            plan.read_only += 1
            continue
        if not fx.safe and not unsafe:
            plan.unsafe_left += 1
            continue
        expected = fx.original if fx.original is not None else f.found
        by_path[fx.path].append(PlannedFix(fx.path, fx.start, fx.end, fx.replacement, fx.safe, fx.original,
                                           expected=expected, rule=f.rule))
    for path in sorted(by_path):
        kept, overlapping = _without_overlaps(by_path[path])
        plan.fixes[path] = kept
        plan.overlapping += overlapping
    return plan


def plan_fixes(findings: Iterable[Finding], *, unsafe: bool) -> dict[str, list[Fix]]:
    """{path: fixes to apply, sorted by position}: safe fixes, and unsafe ones too when ``unsafe``;
    duplicates dropped, and of overlapping fixes only the first by position (textlint's rule)."""
    return make_plan(findings, unsafe=unsafe).fixes


def _without_overlaps(fixes: Iterable[Fix]) -> tuple[list[Fix], int]:
    """Fixes sorted by (start, end) (stable), duplicates dropped, overlapping ones left out; and how
    many were left out for overlapping. Two fixes at the same start overlap (even empty ones)."""
    kept: list[Fix] = []
    seen: set[tuple[int, int, str]] = set()
    overlapping = 0
    for fx in sorted(fixes, key=lambda x: (x.start, x.end)):
        key = (fx.start, fx.end, fx.replacement)
        if key in seen:
            continue
        if kept and (fx.start < kept[-1].end or fx.start == kept[-1].start):
            overlapping += 1
            continue
        seen.add(key)
        kept.append(fx)
    return kept, overlapping


@dataclass
class Applied:
    text: str
    applied: list[Fix]
    stale: list[Fix]  # skipped: the span no longer holds the text found (or lies outside the text)


def apply_fixes_detailed(doc: Document, fixes: Iterable[Fix]) -> Applied:
    """Like ``apply_fixes``, with the fixes applied and the ones skipped."""
    text = doc.text
    ordered, _ = _without_overlaps(fixes)
    applied: list[Fix] = []
    stale: list[Fix] = []
    out: list[str] = []
    pos = len(text)
    for fx in reversed(ordered):  # back to front: the source offsets of the fixes before stay valid
        if fx.path != doc.path:
            raise ValueError(f"fix for {fx.path} applied to {doc.path}")
        expected = getattr(fx, "expected", None)
        if not 0 <= fx.start <= fx.end <= len(text) or (expected is not None and text[fx.start : fx.end] != expected):
            stale.append(fx)
            continue
        replacement = html.escape(fx.replacement, quote=False) if doc.format == "html" else fx.replacement
        out.append(text[fx.end : pos])
        out.append(replacement)
        pos = fx.start
        applied.append(fx)
    out.append(text[:pos])
    applied.reverse()
    stale.reverse()
    return Applied("".join(reversed(out)), applied, stale)


def apply_fixes(doc: Document, fixes: Iterable[Fix]) -> str:
    """``doc.text`` with ``fixes`` applied back to front at their source offsets. A fix whose span no
    longer holds the text its finding found (``PlannedFix.expected``) is skipped, as are fixes
    overlapping an earlier one. In HTML the replacement is escaped (``&``, ``<``, ``>``)."""
    return apply_fixes_detailed(doc, fixes).text


def read_source(path: str) -> Document:
    """The file as a ``Document`` with its text and encoding only (no blocks): what fixing needs.
    Raises InputError as reading for a check does."""
    text, encoding = read_text(path)
    return Document(path, text, encoding, format_of(path) or "txt", "")


def encode_fixed(doc: Document, new_text: str, original: bytes | None = None) -> bytes:
    """The bytes of ``new_text`` in the file's encoding. With ``original`` (the file's bytes, which must
    decode to ``doc.text``), every byte outside the changed spans is kept as it was, even where the
    codec would write another byte sequence for the same character (CP932's duplicate codes).
    Raises InputError naming the file, line and character a replacement cannot be written in."""
    codec = doc.encoding
    try:
        data = new_text.encode(codec)
    except UnicodeEncodeError as exc:
        char = exc.object[exc.start]
        line = new_text.count("\n", 0, exc.start) + 1
        raise InputError(
            f"cannot write {char!r} (U+{ord(char):04X}) in {doc.encoding}: the fix needs a character this "
            "file's encoding lacks; save the file as UTF-8 or edit it by hand",
            path=doc.path,
            line=line,
        ) from None
    if original is None or doc.encoding not in _STATELESS or doc.text.encode(codec) == original:
        return data  # the codec round-trips this file: unchanged characters get their own bytes back
    spliced = _splice(original, codec, doc.text, new_text)
    return spliced if spliced is not None and spliced.decode(codec) == new_text else data


def _splice(original: bytes, codec: str, old: str, new: str) -> bytes | None:
    """``new`` as bytes: the original bytes of every run of characters ``old`` and ``new`` share, the
    codec's bytes for the rest."""
    starts = _char_offsets(original, codec)
    if len(starts) != len(old) + 1:  # the bytes are not this text: do not guess
        return None
    out: list[bytes] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(original[starts[i1] : starts[i2]])
        else:
            out.append(new[j1:j2].encode(codec))
    return b"".join(out)


def _char_offsets(data: bytes, codec: str) -> list[int]:
    """Byte offset of the start of every character of ``data`` decoded (and of its end, last)."""
    decoder = codecs.getincrementaldecoder(codec)()
    offsets: list[int] = []
    start = 3 if codec == "utf-8-sig" and data.startswith(codecs.BOM_UTF8) else 0
    for i in range(len(data)):
        chars = decoder.decode(data[i : i + 1])
        for _ in chars:
            offsets.append(start)
        if chars:
            start = i + 1
    offsets.append(len(data))
    return offsets


def _current_bytes(doc: Document) -> bytes:
    """The file's bytes now; InputError if they no longer hold ``doc.text`` (edited since it was read)."""
    data = read_regular(doc.path, "article")
    try:
        same = data.decode(doc.encoding) == doc.text
    except UnicodeDecodeError:
        same = False
    if not same:
        raise InputError("the file changed while it was being checked: run again", path=doc.path)
    return data


def write_fixed(doc: Document, new_text: str) -> None:
    """Write ``new_text`` to ``doc.path`` in the document's encoding (line endings are in the text),
    atomically: on any error (a character the encoding lacks, the file edited meanwhile, a failed write)
    the file is left as it was and InputError names it."""
    _write(doc.path, encode_fixed(doc, new_text, _current_bytes(doc)))


def _writable(path: str) -> None:
    """InputError for a read-only file (no write permission bit): it is reported, not rewritten."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return  # reading it again reports the problem
    if not mode & 0o222:
        raise InputError("read-only file: not fixed (make it writable to let --fix change it); no file was changed",
                         path=path)


def _write(path: str, data: bytes) -> None:
    try:
        write_bytes_atomic(path, data)
    except OSError as exc:
        raise InputError(f"cannot write the fixed file ({exc.strerror or exc}): it was left unchanged", path=path) from None


def unified_diff(path: str, old: bytes, new: bytes) -> bytes:
    """A unified diff (``a/PATH``, ``b/PATH``) of the file's bytes ``old`` → ``new``; b"" when equal.
    It is made of the file's own bytes, so a Shift_JIS, EUC-JP or ISO-2022-JP file gets a diff in its
    encoding that ``git apply`` and ``patch`` accept. Lines end at "\\n" with their endings shown as in
    the file; a last line without one is marked as git does."""
    if new == old:
        return b""
    name = path.replace("\\", "/").removeprefix("./").encode("utf-8", "surrogateescape")
    lines = difflib.diff_bytes(difflib.unified_diff, _lines(old),
                               _lines(new), b"a/" + name, b"b/" + name)
    out = []
    for line in lines:
        out.append(line if line.endswith(b"\n") else line + b"\n\\ No newline at end of file\n")
    return b"".join(out)


def _lines(data: bytes) -> list[bytes]:
    """Lines with their endings, split on "\\n" only (as git and patch do)."""
    lines = data.split(b"\n")
    out = [line + b"\n" for line in lines[:-1]]
    if lines[-1]:
        out.append(lines[-1])
    return out


@dataclass
class FixResult:
    """What ``fix_findings`` did (or, with ``write=False``, would do)."""

    changed: list[str] = field(default_factory=list)  # files changed, in path order
    applied: int = 0  # fixes applied
    stale: int = 0  # skipped: the file no longer holds the text found there
    overlapping: int = 0  # left for another run: they overlap an applied fix
    unsafe_left: int = 0  # unsafe fixes not applied (no ``unsafe``)
    read_only: int = 0  # fixes left in files taiyaku never writes (.docx)
    diff: bytes = b""  # unified diff of every changed file, in each file's encoding, when asked

    def summary(self, *, wrote: bool) -> str:
        """One line for stderr: "fixed 4 findings in 2 files (3 more with --unsafe-fixes)"."""
        n, files = self.applied, len(self.changed)
        verb = "fixed" if wrote else "would fix"
        head = f"{verb} {n} finding{'s' * (n != 1)} in {files} file{'s' * (files != 1)}" if n else "nothing to fix"
        notes = []
        if self.unsafe_left:
            notes.append(f"{self.unsafe_left} more with --unsafe-fixes")
        if self.overlapping:
            notes.append(f"{self.overlapping} overlapping: run again to apply")
        if self.stale:
            notes.append(f"{self.stale} skipped: the text changed since it was checked")
        if self.read_only:
            notes.append(f"{self.read_only} in .docx files: make them in Word")
        return head + (f" ({'; '.join(notes)})" if notes else "")


def fix_findings(
    findings: Iterable[Finding],
    *,
    unsafe: bool = False,
    write: bool = True,
    diff: bool = False,
    read: Callable[[str], Document] = read_source,
) -> FixResult:
    """Apply the fixes of ``findings`` (``--fix``; unsafe ones too with ``unsafe``), and/or build their
    diff (``--diff``). Each file is read again (a parallel run keeps no text) and every file's new bytes
    are computed before any is written, so an encoding problem leaves every file untouched. Raises
    InputError."""
    plan = make_plan(findings, unsafe=unsafe)
    result = FixResult(overlapping=plan.overlapping, unsafe_left=plan.unsafe_left, read_only=plan.read_only)
    outputs: list[tuple[str, bytes]] = []
    diffs: list[bytes] = []
    for path, fixes in plan.fixes.items():
        doc = read(path)
        done = apply_fixes_detailed(doc, fixes)
        result.applied += len(done.applied)
        result.stale += len(done.stale)
        if done.text == doc.text:
            continue
        result.changed.append(path)
        if write:
            _writable(path)
        original = _current_bytes(doc)
        fixed = encode_fixed(doc, done.text, original)
        if diff:
            diffs.append(unified_diff(path, original, fixed))
        if write:
            outputs.append((path, fixed))
    if outputs:
        try:
            write_all_atomic(outputs)  # all files are staged before any is replaced: all or none
        except OSError as exc:
            raise InputError(f"cannot write the fixed files ({exc.strerror or exc}): every file was left unchanged",
                             path=getattr(exc, "filename", None) or outputs[0][0]) from None
    result.diff = b"".join(diffs)
    return result
