"""The shared data classes keep their value semantics: made positionally or by keyword, replaced,
frozen, and pickled into another process (string hashes differ there) equal and hashing alike."""

from __future__ import annotations

import dataclasses
import os
import pickle
import subprocess
import sys

import pytest

from taiyaku.analyze.glossary import Entry
from taiyaku.models import Block, Document, Finding, Fix, Hit, Piece, Related, Segment

TEXT = "腰痛の治療。\n腰方形筋(ようほうけいきん)を緩めます。"
BLOCK = Block(TEXT, (Piece(0, 0, 7), Piece(7, 9, len(TEXT) - 7)), "paragraph", "ja", 2, unit="u1")
DOC = Document("a.md", TEXT, "utf-8", "md", "ja", (BLOCK,))
SEGMENT = Segment(DOC, BLOCK, 7, 27, "ja", 1, "ja")
ENTRY = Entry("腰痛", "low back pain", ("ようつう",), (), ("lumbago",), "MeSH; JAMA", 12, ("腰痛 => low back pain",))
HIT = Hit(ENTRY, SEGMENT, 0, 5, "surface", "腰方形筋")
RELATED = Related("a.md", 9, 13, "腰方形筋", ("ja", 1), (0, 4))
FIX = Fix("a.md", 9, 13, "腰方形筋", True, "腰方径筋")
FINDING = Finding("C003", "mixed-spelling", "consistency", "warning", "a.md", 9, 13, "m", ("腰痛", "low back pain"),
                  "腰方形筋", "腰痛", (RELATED,), FIX, (("ja", 1),), (0, 4))

# (object, keyword-built twin)
CASES = [
    (BLOCK, Block(text=TEXT, pieces=BLOCK.pieces, kind="paragraph", lang="ja", index=2, unit="u1")),
    (SEGMENT, Segment(doc=DOC, block=BLOCK, start=7, end=27, lang="ja", index=1, side="ja")),
    (ENTRY, Entry(ja="腰痛", en="low back pain", ja_variants=("ようつう",), en_forbidden=("lumbago",),
                  note="MeSH; JAMA", line=12, examples=("腰痛 => low back pain",))),
    (HIT, Hit(entry=ENTRY, segment=SEGMENT, start=0, end=5, how="surface", rendering="腰方形筋")),
    (RELATED, Related(path="a.md", start=9, end=13, text="腰方形筋", segment=("ja", 1), mark=(0, 4))),
    (FIX, Fix(path="a.md", start=9, end=13, replacement="腰方形筋", safe=True, original="腰方径筋")),
    (FINDING, Finding(rule="C003", name="mixed-spelling", category="consistency", severity="warning", path="a.md",
                      start=9, end=13, message="m", term=("腰痛", "low back pain"), found="腰方形筋", suggestion="腰痛",
                      related=(RELATED,), fix=FIX, segments=(("ja", 1),), mark=(0, 4))),
]


@pytest.mark.parametrize("obj, twin", CASES, ids=lambda o: type(o).__name__)
def test_equal_hash_and_frozen(obj, twin):
    assert obj == twin and hash(obj) == hash(twin) and repr(obj) == repr(twin)
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(obj, dataclasses.fields(obj)[0].name, None)
    copy = pickle.loads(pickle.dumps(obj, pickle.HIGHEST_PROTOCOL))
    assert copy == obj and hash(copy) == hash(obj)


def test_derived_values():
    assert SEGMENT.text == TEXT[7:27] and HIT.text == "腰方形筋("
    assert pickle.loads(pickle.dumps(SEGMENT)).text == SEGMENT.text
    moved = dataclasses.replace(BLOCK, lang="en")
    assert moved.lang == "en" and moved.unit == "u1" and moved.to_source(8) == BLOCK.to_source(8) == 10
    assert dataclasses.replace(ENTRY, note="x") != ENTRY
    assert hash(dataclasses.replace(ENTRY, note="x")) == hash(dataclasses.replace(ENTRY, note="x"))


def test_pickled_in_another_process_groups_with_local_objects():
    """What workers send back (hits, entries, segments) compares and groups with the parent's."""
    script = (
        "import pickle, sys\n"
        f"sys.path.insert(0, {os.path.dirname(__file__)!r})\n"
        "from test_models import CASES\n"
        "sys.stdout.buffer.write(pickle.dumps([o for o, _ in CASES], pickle.HIGHEST_PROTOCOL))\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    data = subprocess.run([sys.executable, "-c", script], capture_output=True, check=True, env=env).stdout
    for theirs, (ours, _) in zip(pickle.loads(data), CASES, strict=True):
        assert theirs == ours and hash(theirs) == hash(ours)
        assert {ours: 1}[theirs] == 1


@pytest.mark.parametrize("text", ["", "a", "a\n", "\n", "\n\n\n", "ab\ncd\n\nef", "a\r\nb\r\n", "a\rb\r", "a\rb\nc", "腰痛\n治療"])
def test_line_starts(text):
    """Each line's first offset: 0, then one past every line ending ("\\r" only in a file with no "\\n")."""
    from taiyaku.models import line_starts, newline

    nl = newline(text)
    assert list(line_starts(text)) == [0] + [i + 1 for i, c in enumerate(text) if c == nl]
