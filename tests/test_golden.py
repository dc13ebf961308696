"""Golden reports for corpus/: the JSON contract, pinned. Regenerate with TAIYAKU_UPDATE_GOLDEN=1."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from .helpers import cli_output

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).parent / "golden"


def run(*args: str, cwd: Path = ROOT) -> str:
    return cli_output(*args, cwd=cwd)


@pytest.mark.parametrize("fmt, name", [("json", "corpus.json"), ("text", "corpus.txt")])
def test_corpus_report_matches_golden(fmt, name):
    out = run("check", "corpus", "--format", fmt)
    path = GOLDEN / name
    if os.environ.get("TAIYAKU_UPDATE_GOLDEN"):
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8")


def test_json_contract_shape():
    doc = json.loads(run("check", "corpus", "--format", "json"))
    assert set(doc) == {"tool", "signature", "files", "findings", "summary"}
    assert doc["tool"]["name"] == "taiyaku"
    keys = {"rule", "name", "category", "severity", "path", "line", "column", "end_line", "end_column",
            "message", "term", "found", "suggestion", "related"}
    for f in doc["findings"]:
        assert set(f) == keys
        assert f["line"] >= 1 and f["column"] >= 1
    assert doc["summary"]["findings"] == len(doc["findings"])
    assert sum(doc["summary"]["by_severity"].values()) == len(doc["findings"])


@pytest.mark.parametrize(
    "encoding, newline",
    [("utf-8-sig", "\n"), ("utf-8", "\r\n"), ("cp932", "\n"), ("cp932", "\r\n"), ("euc-jp", "\n")],
)
def test_same_findings_in_every_encoding(tmp_path: Path, encoding, newline):
    """The same article in Shift_JIS, EUC-JP, UTF-8 with BOM or CRLF gives the same findings at the same places."""
    copy = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", copy)
    for p in copy.iterdir():
        text = p.read_text(encoding="utf-8").replace("–", "-")  # EN dash has no cp932/euc-jp code
        p.write_bytes(text.replace("\n", newline).encode(encoding))
    reference = tmp_path / "reference"
    shutil.copytree(ROOT / "corpus", reference)
    for p in reference.iterdir():
        p.write_text(p.read_text(encoding="utf-8").replace("–", "-"), encoding="utf-8")

    got = json.loads(run("check", "corpus", "--format", "json", cwd=tmp_path))
    want = json.loads(run("check", "reference", "--format", "json", cwd=tmp_path))
    for f in want["findings"]:
        f["path"] = f["path"].replace("reference/", "corpus/")
        for r in f["related"]:
            r["path"] = r["path"].replace("reference/", "corpus/")
    assert len(want["findings"]) == 14
    assert got["findings"] == want["findings"]
    assert {f["encoding"] for f in got["files"]} == {encoding}
