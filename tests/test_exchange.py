"""CAT-tool exchange: `taiyaku export ARTICLE --format xliff` (XLIFF 2.0) and the TMX of `taiyaku tm
export`, validated against schemas, read back by independent readers, imported again.

Schemas: no Python package found ships the OASIS XLIFF 2 core XSD or the LISA TMX 1.4b DTD, so the files
are validated against the schemas in ``tests/schemas/`` (written for these tests from the specifications) and, when
``TAIYAKU_SCHEMA_DIR`` names a folder holding the official ``xliff_core_2.0.xsd`` (with its
``informativeCopiesOf3rdPartySchemas/w3c/xml.xsd``) and ``tmx14.dtd``, against those too. CI (``.ci/run``)
sets it to the OASIS XSD unpacked from Debian's php-symfony-translation (read as data); the TMX DTD is on no
package index reachable here, so it stays the one written from the specification.
Independent readers: lokit (XLIFF 2) and PythonTmx (TMX), both MIT, test extra only.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from taiyaku.memory.xliff import ArticlePairs, PairRecord, Sentence, read_xliff, write_xliff

from .helpers import ROOT, invoke_cli

etree = pytest.importorskip("lxml.etree")

SCHEMAS = Path(__file__).parent / "schemas"
OFFICIAL = Path(os.environ.get("TAIYAKU_SCHEMA_DIR", "/nonexistent"))
ARTICLES = {  # the article to export → its Japanese file
    "massage-soreness": "corpus/massage-soreness.ja.txt",
    "sacroiliac-joint": "corpus/sacroiliac-joint.ja.md",
    "stretching-bilingual": "corpus/stretching-bilingual.txt",
    "central-sensitization": "corpus/central-sensitization.ja.html",
}


def _official_xsd() -> Path | None:
    for name in ("xliff_core_2.0.xsd", "xliff-core-2.0.xsd"):
        if (OFFICIAL / name).is_file():
            return OFFICIAL / name
    return None


XSDS = [pytest.param(SCHEMAS / "xliff-2-core-taiyaku.xsd", id="taiyaku-xsd"),
        pytest.param(_official_xsd(), id="oasis-xsd", marks=pytest.mark.skipif(
            _official_xsd() is None, reason="TAIYAKU_SCHEMA_DIR does not hold the OASIS xliff_core_2.0.xsd"))]
DTDS = [pytest.param(SCHEMAS / "tmx-1.4b-taiyaku.dtd", id="taiyaku-dtd"),
        pytest.param(OFFICIAL / "tmx14.dtd", id="lisa-dtd", marks=pytest.mark.skipif(
            not (OFFICIAL / "tmx14.dtd").is_file(), reason="TAIYAKU_SCHEMA_DIR does not hold the LISA tmx14.dtd"))]


def _valid_xliff(xsd: Path, path: Path) -> None:
    schema = etree.XMLSchema(etree.parse(str(xsd)))
    assert schema.validate(etree.parse(str(path))), schema.error_log


def _valid_tmx(dtd: Path, path: Path) -> None:
    checker = etree.DTD(str(dtd))
    assert checker.validate(etree.parse(str(path))), checker.error_log


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """corpus/ copied, each article of ARTICLES exported to NAME.xlf, and the findings of `check`."""
    root = tmp_path_factory.mktemp("site")
    shutil.copytree(ROOT / "corpus", root / "corpus")
    for name, path in ARTICLES.items():
        result = invoke_cli("export", path, "--isolated", "--format", "xliff", "-o", f"{name}.xlf", cwd=root)
        assert result.exit_code == 0, result.output
    again = invoke_cli("export", ARTICLES["massage-soreness"], "--isolated", cwd=root)  # to standard output
    assert again.exit_code == 0, again.output
    (root / "stdout.xlf").write_text(again.output, encoding="utf-8")
    checked = invoke_cli("check", "corpus", "--isolated", "--format", "json", cwd=root)
    (root / "findings.json").write_text(checked.output, encoding="utf-8")
    return root


@pytest.mark.parametrize("xsd", XSDS)
@pytest.mark.parametrize("name", ARTICLES)
def test_the_export_is_valid_xliff_2(site, name, xsd):
    _valid_xliff(xsd, site / f"{name}.xlf")


def test_the_export_is_deterministic_with_stable_unit_ids(site):
    assert (site / "stdout.xlf").read_bytes() == (site / "massage-soreness.xlf").read_bytes()
    ids = [u.id for u in read_xliff(str(site / "massage-soreness.xlf"))]
    assert ids[:3] == ["ja0", "ja1", "ja2"] and len(set(ids)) == len(ids)


@pytest.mark.parametrize("name", ARTICLES)
def test_each_unit_is_a_pair_placed_at_its_lines(site, name):
    root = etree.parse(str(site / f"{name}.xlf")).getroot()
    q = "{urn:oasis:names:tc:xliff:document:2.0}"
    assert (root.get("srcLang"), root.get("trgLang"), root[0].get("original")) == ("ja", "en", ARTICLES[name])
    units = read_xliff(str(site / f"{name}.xlf"))
    assert len(units) == len(root.findall(f"{q}file/{q}unit")) >= 8
    for u in units:
        for side, text in (("ja", u.source), ("en", u.target)):
            if not text:
                continue
            line = (site / u.meta[f"{side}-path"]).read_text(encoding="utf-8").splitlines()[int(u.meta[f"{side}-line"]) - 1]
            column = int(u.meta[f"{side}-column"])
            assert line[column - 1:].startswith(text[:6]), (u, line)
        assert (u.state == "translated") == (u.target is not None)


@pytest.mark.parametrize("name, untranslated, added", [
    ("sacroiliac-joint", ["ja7", "ja8"], []),  # lines 17-18 of the Japanese have no English: U002
    ("central-sensitization", [], ["en20"]),  # line 43 of the English has no Japanese: A001
    ("massage-soreness", [], []),
])
def test_untranslated_japanese_and_added_english_are_units_with_one_side(site, name, untranslated, added):
    units = read_xliff(str(site / f"{name}.xlf"))
    assert [u.id for u in units if u.target is None] == untranslated
    assert all(u.state == "initial" and u.source for u in units if u.target is None)
    assert [u.id for u in units if not u.source] == added
    assert all(u.state == "translated" and u.target and "ja-line" not in u.meta for u in units if not u.source)
    for ids, rule in ((untranslated, "U002"), (added, "A001")):
        if ids:
            (first,) = [u for u in units if u.id == ids[0]]
            assert [c for c, _ in first.notes] == [rule]


@pytest.mark.parametrize("name", ARTICLES)
def test_the_notes_are_the_findings_of_check(site, name):
    report = json.loads((site / "findings.json").read_text(encoding="utf-8"))
    stem = ARTICLES[name].split(".")[0]
    expected = sorted((f["rule"], f["path"], f["line"], f["column"]) for f in report["findings"]
                      if f["path"].startswith(stem + "."))
    root = etree.parse(str(site / f"{name}.xlf")).getroot()
    tky = "{https://github.com/taiyaku/taiyaku/xliff}"
    notes = root.iter("{urn:oasis:names:tc:xliff:document:2.0}note")
    got = sorted((n.get("category"), n.get(tky + "path"), int(n.get(tky + "line")), int(n.get(tky + "column")))
                 for n in notes)
    assert got == expected and expected


@pytest.mark.parametrize("name", ARTICLES)
def test_an_independent_reader_sees_the_same_units(site, name):
    lokit = pytest.importorskip("lokit.importers")
    ours = read_xliff(str(site / f"{name}.xlf"))
    theirs = lokit.import_xliff(str(site / f"{name}.xlf"))
    assert (theirs.source_locale, theirs.target_locale) == ("ja", "en")
    got = {key: (u.source, u.target, [c.extensions.get("xliff.note.category") for c in u.comments])
           for key, u in theirs.data.items()}
    assert got == {u.id: (u.source, u.target, [c for c, _ in u.notes]) for u in ours}


def test_an_exported_xliff_imports_as_approved_translations(site):
    result = invoke_cli("tm", "import", "massage-soreness.xlf", "--tm", "x.sqlite", cwd=site)
    assert result.exit_code == 0, result.output
    from taiyaku.memory.store import Memory

    with Memory(str(site / "x.sqlite")) as memory:
        approved = memory.approved()
    units = [u for u in read_xliff(str(site / "massage-soreness.xlf")) if u.target]
    assert [(ja, en) for ja, en, _ in approved] == [(u.source, u.target) for u in units]
    assert approved[2][2]["notes"][0].startswith("error [forbidden-rendering]")
    assert approved[0][2]["x-taiyaku-ja-path"] == "corpus/massage-soreness.ja.txt"


# --- TMX ------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def tmx(site):
    assert invoke_cli("tm", "update", "corpus", "--isolated", "--tm", "tm.sqlite", cwd=site).exit_code == 0
    result = invoke_cli("tm", "export", "--likely", "--tm", "tm.sqlite", "-o", "out.tmx", cwd=site)
    assert result.exit_code == 0, result.output
    return site / "out.tmx"


@pytest.mark.parametrize("dtd", DTDS)
def test_the_tmx_export_is_valid_tmx_14b(tmx, dtd):
    _valid_tmx(dtd, tmx)
    tus = etree.parse(str(tmx)).getroot().iter("tu")
    assert all(len(tu.findall("tuv")) == 2 for tu in tus)


def test_an_independent_reader_sees_the_same_tmx_units(tmx, site):
    pythontmx = pytest.importorskip("PythonTmx")
    from taiyaku.memory.tmx import read_tmx

    doc = pythontmx.from_element(etree.parse(str(tmx)).getroot())
    assert (doc.header.srclang, doc.header.creationtool) == ("ja", "taiyaku")
    theirs = [({t.lang: "".join(t.content) for t in tu.tuvs}, {p.type: p.text for p in tu.props}) for tu in doc.tus]
    ours = read_tmx(str(tmx))
    assert [({"ja": ja, "en": en}, {k: v for k, v in props.items() if k != "notes"}) for ja, en, props in ours] == theirs
    assert len(ours) > 40


def test_tmx_round_trip_through_import(tmx, site):
    from taiyaku.memory.store import Memory
    from taiyaku.memory.tmx import read_tmx

    result = invoke_cli("tm", "import", "out.tmx", "--tm", "again.sqlite", cwd=site)
    assert result.exit_code == 0, result.output
    with Memory(str(site / "again.sqlite")) as memory:
        approved = memory.approved()
    assert approved == read_tmx(str(tmx))
    with Memory(str(site / "tm.sqlite")) as memory:
        stored = [(u.ja, u.en) for u, _ in memory.units(("sure", "likely"))]
    assert [(ja, en) for ja, en, _ in approved] == stored


@pytest.mark.parametrize("flags, confidences", [([], ("sure",)), (["--likely"], ("sure", "likely"))])
def test_one_article_exports_as_tmx_with_the_memory_units(tmx, site, flags, confidences):
    from taiyaku.memory.store import Memory
    from taiyaku.memory.tmx import read_tmx

    result = invoke_cli("export", ARTICLES["massage-soreness"], "--isolated", "--format", "tmx", *flags, "-o",
                        "one.tmx", cwd=site)
    assert result.exit_code == 0, result.output
    _valid_tmx(SCHEMAS / "tmx-1.4b-taiyaku.dtd", site / "one.tmx")
    with Memory(str(site / "tm.sqlite")) as memory:
        stored = [(u.ja, u.en, u.ja_line, u.en_line) for u, _ in memory.units(confidences)
                  if u.ja_path == ARTICLES["massage-soreness"]]
    got = [(ja, en, int(p["x-taiyaku-line"]), int(p["x-taiyaku-en-line"])) for ja, en, p in read_tmx(str(site / "one.tmx"))]
    assert got == stored and len(got) > 10


# --- escaping: any text an article may hold --------------------------------------------------------

TRICKY = [  # (Japanese, English): markup, entities, quotes, CDATA ends, CR, XML-invalid characters
    ("効果には<b>個人差</b>があります。", "Results <b>vary</b> & differ."),
    ("「&amp;」は実体参照です。", 'Write "&amp;" for an ampersand, \'quoted\'.'),
    ("]]>で終わる。", "Ends with ]]>"),
    ("改行\r\nを含む文。", "A sentence\r\nwith a CRLF."),
    ("制御文字\x0bと\x01と\x1f。", "Control \x0b characters\x00."),
    ("非文字\ufffeと\uffff。", "Noncharacters \ufffe."),
    ("絵文字😀と𠮷。", "Emoji 😀 and 𠮷."),
    ("未翻訳の文です。", None),
]


def _tricky_export(tmp_path) -> Path:
    from taiyaku.models import Document, Finding
    from taiyaku.run.report import DocumentSummary, Report

    text = "\n".join(ja for ja, _ in TRICKY) + "\n"
    doc = Document("a&b <ja>.txt", text, "utf-8", "txt", "ja")
    pairs, offset = [], 0
    for n, (ja, en) in enumerate(TRICKY):
        line = text[:offset].count("\n") + 1
        s = Sentence(("ja", n), ja, doc.path, line, 1, (offset, offset + len(ja)))
        e = (Sentence(("en", n), en, "en.txt", n + 1, 1, (0, 1)),) if en is not None else ()
        pairs.append(PairRecord((s,), e, "sure", 1.0))
        offset += len(ja) + 1
    finding = Finding("T001", "forbidden-rendering", "terminology", "error", doc.path, 2, 4,
                      'bad <b> & "x"\x0b ]]>', suggestion="a\x01b", segments=(("ja", 0),))
    loose = Finding("A002", "something", "alignment", "info", "elsewhere.txt", 0, 1, "on no pair")
    report = Report([finding, loose], {doc.path: DocumentSummary.of(doc)})
    out = tmp_path / "tricky.xlf"
    out.write_bytes(write_xliff(ArticlePairs("a&b", (doc.path, "en.txt"), tuple(pairs)), report, "0.1.0\x02"))
    return out


@pytest.mark.parametrize("xsd", XSDS)
def test_any_text_exports_as_valid_xliff(tmp_path, xsd):
    _valid_xliff(xsd, _tricky_export(tmp_path))


def test_any_text_reads_back_exactly(tmp_path):
    path = _tricky_export(tmp_path)
    units = read_xliff(str(path))
    assert [(u.source, u.target) for u in units] == TRICKY
    assert units[0].notes == (("T001", 'error [forbidden-rendering] bad <b> & "x"\ufffd ]]> (suggestion: a\ufffdb)'),)
    root = etree.parse(str(path)).getroot()
    (file_note,) = root.findall("{*}file/{*}notes/{*}note")  # the finding on no pair
    tky = "{https://github.com/taiyaku/taiyaku/xliff}"
    assert (file_note.get("category"), file_note.get(tky + "path"), file_note.get(tky + "line")) == \
        ("A002", "elsewhere.txt", None)
    (note,) = root.findall("{*}file/{*}unit/{*}notes/{*}note")
    assert (note.get("appliesTo"), note.get(tky + "line"), note.get(tky + "column")) == ("source", "1", "3")
    assert root.find("{*}file").get("original") == "a&b <ja>.txt"


def test_an_independent_reader_reads_the_escaped_text(tmp_path):
    lokit = pytest.importorskip("lokit.importers")
    theirs = lokit.import_xliff(str(_tricky_export(tmp_path)))
    readable = {f"ja{n}": pair for n, pair in enumerate(TRICKY) if "\r" not in pair[0] and not any(
        ord(c) < 32 and c not in "\t\n" or c in "\ufffe\uffff" for c in pair[0] + (pair[1] or ""))}
    assert {k: (u.source, u.target) for k, u in theirs.data.items() if k in readable} == readable


# --- bad input: one line, exit code 2 --------------------------------------------------------------

X2 = 'xmlns="urn:oasis:names:tc:xliff:document:2.0"'
BOMB = ('<?xml version="1.0"?>\n<!DOCTYPE xliff [\n<!ENTITY a "aaaaaaaaaa">\n<!ENTITY b "&a;&a;&a;&a;&a;&a;">\n]>\n'
        f'<xliff {X2} version="2.0" srcLang="ja" trgLang="en"><file id="f"><unit id="u"><segment>'
        '<source>&b;</source></segment></unit></file></xliff>')


@pytest.mark.parametrize("text, line, message", [
    ("this is not XML", 1, "not well-formed XML"),
    (f'<xliff {X2} version="2.0" srcLang="ja" trgLang="en">\n<file id="f">\n<unit>', 3, "not well-formed XML"),
    ('<?xml version="1.0"?>\n<tmx version="1.4"><header/><body/></tmx>', 2, "the root element is <tmx>"),
    ('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n<file source-language="ja" '
     'target-language="en" datatype="plaintext" original="a"><body/></file></xliff>', 1,
     "XLIFF 1.2 is not imported: export the job as XLIFF 2.0 or 2.1"),
    (f'\n\n<xliff {X2} version="3.0" srcLang="ja" trgLang="en"/>', 3, "XLIFF version '3.0'"),
    ('<xliff xmlns="urn:example" version="2.0" srcLang="ja" trgLang="en"/>', 1, "namespace 'urn:example'"),
    (f'<xliff {X2} version="2.0" trgLang="en"/>', 1, "<xliff> has no srcLang"),
    (f'<xliff {X2} version="2.0" srcLang="ja"/>', 1, "<xliff> has no trgLang"),
    (f'<xliff {X2} version="2.0" srcLang="fr-FR" trgLang="de"/>', 1, "translates fr-fr into de"),
    (f'<xliff {X2} version="2.0" srcLang="ja" trgLang="en"><file id="f">\n<unit id="u">\n<segment>'
     '<target>x</target></segment></unit></file></xliff>', 3, "<segment> of unit 'u' has no <source>"),
    (BOMB, 3, "refused: the XML declares entities"),
])
def test_bad_xliff_is_one_line_and_exit_2(tmp_path, text, line, message):
    _refused_import(tmp_path, "bad.xlf", text, line, message)
    assert not (tmp_path / ".taiyaku").exists()


def _refused_import(tmp_path, name: str, text: str, line: int, message: str) -> None:
    """``taiyaku tm import NAME`` of ``text`` says one line, at ``line``, holding ``message``; exit 2."""
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = invoke_cli("tm", "import", name, cwd=tmp_path)
    assert result.exit_code == 2, result.output
    (out,) = result.output.splitlines()
    assert out.startswith(f"taiyaku: {name}:{line}: ") and message in out, out


def test_an_english_first_xliff_imports_turned_around(tmp_path):
    (tmp_path / "en.xlf").write_text(
        f'<xliff {X2} version="2.1" srcLang="en-US" trgLang="ja-JP"><file id="f"><unit id="u"><segment state="final">'
        '<source>Please <pc id="1">call</pc> us<ph id="2"/>.</source><target>お電話<cp hex="000B"/>ください。</target>'
        '</segment></unit></file></xliff>', encoding="utf-8")
    result = invoke_cli("tm", "import", "en.xlf", "--tm", "t.sqlite", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    from taiyaku.memory.store import Memory

    with Memory(str(tmp_path / "t.sqlite")) as memory:
        assert memory.approved() == [("お電話\x0bください。", "Please call us.", {"xliff-unit": "u", "state": "final"})]


@pytest.mark.parametrize("args, message", [
    (["corpus"], "4 articles found in corpus"),
    (["corpus/massage-soreness.ja.txt", "--format", "docx"], "invalid value for '--format'"),
    (["missing.ja.txt"], "missing.ja.txt"),
])
def test_export_needs_one_article(args, message):
    result = invoke_cli("export", *args, "--isolated")
    assert result.exit_code == 2
    (out,) = result.output.splitlines()
    assert out.startswith("taiyaku: ") and message.lower() in out.lower(), out


def test_an_article_without_japanese_is_refused(tmp_path):
    (tmp_path / "only.en.txt").write_text("An English page.\n\nNothing else.\n", encoding="utf-8")
    result = invoke_cli("export", "only.en.txt", "--isolated", cwd=tmp_path)
    assert result.exit_code == 2
    (out,) = result.output.splitlines()
    assert out.startswith("taiyaku: ") and "no Japanese sentence to export" in out, out


def test_the_readme_example_is_a_real_export(site):
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- xliff-example:start -->\n```xml\n(.*?)```", readme, re.S).group(1)
    real = (site / "massage-soreness.xlf").read_text(encoding="utf-8").splitlines()
    shown = [line for line in block.splitlines() if line.strip() != "…"]
    start = real.index(shown[0])
    assert [line for line in real[start:start + len(shown) + 1] if not line.strip().startswith("<mda:")] == shown


JOB = f"""<?xml version="1.0" encoding="UTF-8"?>
<xliff {X2} version="2.0" srcLang="ja" trgLang="en">
 <file id="a"><unit id="1"><segment><source>ぎっくり腰は辛いです。</source><target>A slipped disc hurts.</target></segment></unit></file>
 <file id="b"><unit id="1"><segment><source>腰痛の原因です。</source><target>The cause of low back pain.</target></segment></unit>
 <unit id="2"><segment><source>ぎっくり腰に注意。</source><target>Beware of slipped disc.</target></segment></unit></file>
</xliff>
"""


@pytest.mark.parametrize("name, units, notes", [
    ("job.xlf#a", [("ぎっくり腰は辛いです。", "A slipped disc hurts.")], [("T001", "3")]),
    ("job.xlf#b", [("腰痛の原因です。", "The cause of low back pain."), ("ぎっくり腰に注意。", "Beware of slipped disc.")],
     [("T001", "5")]),
])
def test_one_article_of_a_job_exports_with_its_own_findings(tmp_path, name, units, notes):
    (tmp_path / "job.xlf").write_text(JOB, encoding="utf-8")
    result = invoke_cli("export", name, "--isolated", "-o", "out.xlf", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert [(u.source, u.target) for u in read_xliff(str(tmp_path / "out.xlf"))] == units
    root = etree.parse(str(tmp_path / "out.xlf")).getroot()
    tky = "{https://github.com/taiyaku/taiyaku/xliff}"
    assert [(n.get("category"), n.get(tky + "line")) for n in root.iter("{*}note")] == notes
    missing = invoke_cli("export", "job.xlf#c", "--isolated", cwd=tmp_path)
    assert missing.exit_code == 2 and "no article job.xlf#c: the file holds job.xlf#a, job.xlf#b" in missing.output


@pytest.mark.parametrize("xsd", XSDS)
@pytest.mark.parametrize("old, new, oasis", [  # each breaks the export; oasis: the OASIS core XSD sees it too
    ('<segment state="translated">', '<segment state="done">', True),
    ('<unit id="ja1">', "<unit>", True),
    ('<unit id="ja1">', '<unit id="ja0">', False),  # unique ids: a rule of the specification, not of its XSD
    ('priority="1"', 'priority="11"', True),
    ('version="2.0"', 'version="1.2"', False),  # the OASIS XSD leaves version free
    ('srcLang="ja" ', "", True),
    ("<source>これは一般に", "<target>x</target><source>これは一般に", True),
    ('appliesTo="target"', 'appliesTo="both"', True),
    ('<mda:meta type="tool">', "<mda:meta>", False),  # module content: laxly, without the module's schema
])
def test_the_schemas_catch_a_broken_export(site, xsd, old, new, oasis):
    if not oasis and xsd.name != "xliff-2-core-taiyaku.xsd":
        pytest.skip("the OASIS core XSD does not check this")
    text = (site / "massage-soreness.xlf").read_text(encoding="utf-8")
    assert old in text
    broken = site / "broken.xlf"
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    schema = etree.XMLSchema(etree.parse(str(xsd)))
    assert not schema.validate(etree.parse(str(broken)))


@pytest.mark.parametrize("dtd", DTDS)
@pytest.mark.parametrize("old, new, lisa", [  # lisa: the LISA DTD sees it too
    ('segtype="sentence"', 'segtype="word"', True),
    ('creationtool="taiyaku" ', "", True),
    ('<tuv xml:lang="ja">', "<tuv>", False),  # required by the specification; the DTD also allows lang
    ("<seg>", "<seg><b>x</b>", True),
    ('<prop type="x-taiyaku-path">', "<prop>", True),
    ("<body>", "<body><tuv/>", True),
])
def test_the_dtds_catch_a_broken_tmx(tmx, site, dtd, old, new, lisa):
    if not lisa and dtd.name != "tmx-1.4b-taiyaku.dtd":
        pytest.skip("the LISA DTD does not check this")
    text = tmx.read_text(encoding="utf-8")
    assert old in text
    (site / "broken.tmx").write_text(text.replace(old, new, 1), encoding="utf-8")
    checker = etree.DTD(str(dtd))
    assert not checker.validate(etree.parse(str(site / "broken.tmx")))


@pytest.mark.parametrize("dtd", DTDS)
def test_any_text_exports_as_valid_tmx(tmp_path, dtd):
    from taiyaku.memory.store import Unit
    from taiyaku.memory.tmx import read_tmx, write_tmx

    units = [(Unit(ja, en or "-", "sure", "a&b <ja>.txt", n, n, "en.txt", n, n, ()), "20260101T000000Z")
             for n, (ja, en) in enumerate(TRICKY, 1)]
    (tmp_path / "t.tmx").write_bytes(write_tmx(units, "20260101T000000Z", "0.1.0"))
    _valid_tmx(dtd, tmp_path / "t.tmx")
    got = [(ja, en) for ja, en, _ in read_tmx(str(tmp_path / "t.tmx"))]
    # what XML 1.0 cannot hold becomes U+FFFD (TMX has no escape for it); XML parsers read CR LF as LF
    assert got == [(ja.replace("\r\n", "\n").translate(FFFD), (en or "-").replace("\r\n", "\n").translate(FFFD))
                   for ja, en in TRICKY]


FFFD = {c: "\ufffd" for c in (*range(0, 9), 11, 12, *range(14, 32), 0xFFFE, 0xFFFF)}
TMX_HEAD = ('<?xml version="1.0"?>\n<tmx version="1.4">\n<header creationtool="x" creationtoolversion="1" '
            'segtype="sentence" o-tmf="x" adminlang="en" srclang="ja" datatype="plaintext"/>\n<body>\n')


@pytest.mark.parametrize("text, line, message", [
    (TMX_HEAD + "<tu><tuv xml:lang='ja'><seg>あ</seg></tuv>\n<tuv xml:lang='en'><seg>a</tuv></tu>", 6,
     "not well-formed XML"),
    ('<?xml version="1.0"?>\n\n<tmx version="2.0"><header/><body/></tmx>', 3, "TMX version '2.0' is not supported"),
    ('\n<tmx version="1.4">\n<body/></tmx>', 2, "no <header> or no <body>"),
    (TMX_HEAD + "<tu><tuv xml:lang='ja'><seg>あ</seg></tuv></tu>\n<tu tuid='b'>\n<tuv xml:lang='de'><seg>x</seg>"
     "</tuv></tu></body></tmx>", 5, "unit 1 has no English <tuv> (languages: ja)"),
    (TMX_HEAD + "<tu><tuv xml:lang='ja'><seg>あ</seg></tuv><tuv xml:lang='en'><seg>a</seg></tuv></tu>\n<tu tuid='b'>\n"
     "<tuv xml:lang='de'><seg>x</seg></tuv></tu></body></tmx>", 6, "unit 2 (tuid b) has no Japanese or English"),
    ('<?xml version="1.0"?>\n<!DOCTYPE tmx [\n<!ENTITY a "aaaa">\n<!ENTITY b "&a;&a;&a;">\n]>\n<tmx version="1.4">'
     '<header/><body>&b;</body></tmx>', 3, "refused: the XML declares entities"),
])
def test_bad_tmx_is_one_line_with_its_line(tmp_path, text, line, message):
    _refused_import(tmp_path, "bad.tmx", text, line, message)


@pytest.mark.parametrize("name", ARTICLES)
def test_the_exported_job_checks_like_the_article(site, name):
    """A CAT tool's job comes back as XLIFF: taiyaku reads it (tests/test_xliff.py) and finds the same
    defects, at the lines of the .xlf; the notes and metadata are not read as text."""
    report = json.loads((site / "findings.json").read_text(encoding="utf-8"))
    stem = ARTICLES[name].split(".")[0]
    expected = sorted((f["rule"], f["message"]) for f in report["findings"] if f["path"].startswith(stem + "."))
    result = invoke_cli("check", f"{name}.xlf", "--isolated", "--format", "json", cwd=site)
    assert result.exit_code == 1, result.output
    assert sorted((f["rule"], f["message"]) for f in json.loads(result.output)["findings"]) == expected


SEEDS = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))


@pytest.mark.skipif(not SEEDS, reason="../shared/seeds is not beside the repository")
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_the_real_articles_export(tmp_path, seed):
    """Seed 000 is bilingual; the others are Japanese only: all their units wait for a translation."""
    shutil.copy(seed, tmp_path / seed.name)
    result = invoke_cli("export", seed.name, "--isolated", "-o", "seed.xlf", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    for xsd in (SCHEMAS / "xliff-2-core-taiyaku.xsd", _official_xsd()):
        if xsd is not None:
            _valid_xliff(xsd, tmp_path / "seed.xlf")
    units = read_xliff(str(tmp_path / "seed.xlf"))
    translated = [u for u in units if u.target is not None]
    if seed.name.startswith("000"):
        assert len(translated) > 0.8 * len(units) > 20
    else:
        assert not translated and len(units) > 20
    lokit = pytest.importorskip("lokit.importers")
    assert {k: (u.source, u.target) for k, u in lokit.import_xliff(str(tmp_path / "seed.xlf")).data.items()} == \
        {u.id: (u.source, u.target) for u in units}


@pytest.mark.parametrize("options, rules", [
    (["--select", "T001"], ["T001", "T001", "T001"]),
    (["--ignore", "T"], ["C003"]),
    (["--select", "J"], []),
])
def test_the_notes_follow_the_rule_selection(site, options, rules):
    result = invoke_cli("export", ARTICLES["massage-soreness"], "--isolated", *options, "-o", "sel.xlf", cwd=site)
    assert result.exit_code == 0, result.output
    units = read_xliff(str(site / "sel.xlf"))
    assert [c for u in units for c, _ in u.notes] == rules and len(units) == 17


DEEP = 100_000  # elements nested in one segment: far beyond Python's recursion limit


@pytest.mark.parametrize("name, text, expected", [
    ("deep.xlf", f'<xliff {X2} version="2.0" srcLang="ja" trgLang="en"><file id="f"><unit id="u"><segment><source>'
     + "<pc id='a'>" * DEEP + "あ<cp hex='4E9C'/>い" + "</pc>" * DEEP + "</source><target>y</target></segment></unit>"
     "</file></xliff>", ("あ亜い", "y")),
    ("deep.tmx", TMX_HEAD + "<tu><tuv xml:lang='ja'><seg>" + "<hi>" * DEEP + "あ<ph>x</ph>い" + "</hi>" * DEEP
     + "</seg></tuv><tuv xml:lang='en'><seg>a</seg></tuv></tu></body></tmx>", ("あい", "a")),
])
def test_deeply_nested_segments_import(tmp_path, name, text, expected):
    """Inline markup nested 100,000 deep is read (without recursion), not a RecursionError traceback."""
    import sqlite3

    (tmp_path / name).write_text(text, encoding="utf-8")
    result = invoke_cli("tm", "import", name, cwd=tmp_path)
    assert result.exit_code == 0, result.output
    rows = sqlite3.connect(tmp_path / ".taiyaku" / "tm.sqlite").execute("SELECT ja, en FROM approved").fetchall()
    assert rows == [expected]
