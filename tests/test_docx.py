"""Word (.docx) input: line N is paragraph N; a .docx pair gives the findings of the same text in .txt."""

from __future__ import annotations

import shutil

import pytest

from taiyaku.analyze.glossary import load_glossary, resolve_glossary_path
from taiyaku.read.articles import discover, find_articles
from taiyaku.read.documents import read_document
from tests.helpers import ROOT, invoke_cli

docx = pytest.importorskip("docx")
CORPUS = ROOT / "corpus"
STYLES = {"title": "Title", "heading": "Heading 2", "item": "List Bullet", "paragraph": None}


def to_docx(txt, out):
    """The blocks of a .txt file written as Word paragraphs: one paragraph per block, in the style of
    its kind, lines kept as soft line breaks; an empty paragraph and a table between them."""
    doc = docx.Document()
    for i, block in enumerate(read_document(str(txt)).blocks):
        p = doc.add_paragraph(style=STYLES[block.kind])
        for k, line in enumerate(block.text.split("\n")):
            run = p.add_run()
            if k:
                run.add_break()
            run.add_text(line)
        if i == 1:
            doc.add_paragraph()
    doc.save(str(out))


def _findings(paths):
    """(rule, message, found, suggestion, source text at the finding's span, white space collapsed:
    a .txt separates paragraphs by blank lines, a .docx's text by one line break)."""
    from taiyaku.read.documents import read_document

    from .helpers import check

    report = check(paths, load_glossary(resolve_glossary_path(None)))
    texts = {path: read_document(path).text for path in report.documents}
    return report, [
        (f.rule, f.message, f.found, f.suggestion, " ".join(texts[f.path][f.start : f.end].split()))
        for f in report.findings
    ]


@pytest.mark.parametrize("halves", [("ja", "en"), ("en",)])  # a .docx pair; .ja.txt with .en.docx
def test_docx_pair_finds_what_txt_finds(tmp_path, halves):
    for role in ("ja", "en"):
        src = CORPUS / f"massage-soreness.{role}.txt"
        if role in halves:
            to_docx(src, tmp_path / f"massage-soreness.{role}.docx")
        else:
            shutil.copy(src, tmp_path / src.name)
    assert [sorted(set(g) - {"@"}) for _, g in discover([str(tmp_path)])] == [["en", "ja"]]
    _, want = _findings([CORPUS / "massage-soreness.ja.txt"])
    report, got = _findings([tmp_path])
    assert got and sorted(got) == sorted(want)


def test_line_is_paragraph(tmp_path):
    doc = docx.Document()
    doc.add_paragraph("肩こりの原因", style="Title")
    doc.add_paragraph("")
    doc.add_paragraph("症状", style="Heading 1")
    p = doc.add_paragraph("肩こりは首の筋肉が緊張して起こります。")
    p.add_run().add_break()
    p.add_run("マッサージが有効です。")
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "腰痛", "low back pain"
    a = table.cell(1, 0).merge(table.cell(1, 1))
    a.text = "結合したセル"
    doc.add_paragraph("ストレッチ", style="List Bullet")
    doc.save(str(tmp_path / "a.docx"))
    d = read_document(str(tmp_path / "a.docx"))
    assert d.format == "docx" and d.encoding == "docx"
    assert d.text.split("\n") == ["肩こりの原因", "", "症状", "肩こりは首の筋肉が緊張して起こります。 マッサージが有効です。",
                                  "腰痛", "low back pain", "結合したセル", "ストレッチ"]
    got = []
    for b in d.blocks:
        s, e = b.source_span(0, len(b.text))
        got.append((b.kind, b.lang, b.text, d.position(s), d.position(e)))
    assert got == [
        ("title", "ja", "肩こりの原因", (1, 1), (1, 7)),
        ("heading", "ja", "症状", (3, 1), (3, 3)),
        ("paragraph", "ja", "肩こりは首の筋肉が緊張して起こります。\nマッサージが有効です。", (4, 1), (4, 32)),
        ("paragraph", "ja", "腰痛", (5, 1), (5, 3)),
        ("paragraph", "en", "low back pain", (6, 1), (6, 14)),
        ("paragraph", "ja", "結合したセル", (7, 1), (7, 7)),
        ("item", "ja", "ストレッチ", (8, 1), (8, 6)),
    ]


@pytest.mark.parametrize("content", [b"not a zip at all", b"PK\x03\x04broken zip"])
def test_unreadable_docx_is_one_line(tmp_path, content):
    (tmp_path / "bad.docx").write_bytes(content)
    result = invoke_cli("check", "bad.docx", cwd=tmp_path)
    assert result.exit_code == 2 and result.output.count("\n") == 1, result.output
    assert result.output.startswith("taiyaku: bad.docx: ") and "save it" in result.output


def test_fixes_are_never_written_into_docx(tmp_path):
    to_docx(CORPUS / "massage-soreness.ja.txt", tmp_path / "m.ja.docx")
    shutil.copy(CORPUS / "massage-soreness.en.txt", tmp_path / "m.en.txt")
    before = (tmp_path / "m.ja.docx").read_bytes()
    result = invoke_cli("check", "--fix", ".", cwd=tmp_path)
    assert (tmp_path / "m.ja.docx").read_bytes() == before
    assert "1 in .docx files: make them in Word" in result.output


SEEDS = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))


@pytest.mark.skipif(not SEEDS, reason="../shared/seeds is not beside the repository")
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_real_articles_as_docx_find_what_the_txt_finds(tmp_path, seed):
    """The seeds (a bilingual one with its separator line, Japanese-only ones) as Word documents."""
    to_docx(seed, tmp_path / (seed.stem + ".docx"))
    _, want = _findings([seed])
    _, got = _findings([tmp_path / (seed.stem + ".docx")])
    assert got == want
