"""The translation memory: SQLite storage of every sure/likely pair, `taiyaku tm` commands, TMX 1.4b."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from taiyaku.errors import InputError
from taiyaku.memory import store
from taiyaku.memory.store import Memory, open_memory
from taiyaku.memory.tmx import read_tmx

from .helpers import ROOT, invoke_cli


@pytest.fixture
def site(tmp_path):
    shutil.copytree(ROOT / "corpus", tmp_path / "corpus")
    return tmp_path


def _memory(site) -> Memory:
    return Memory(str(site / ".taiyaku" / "tm.sqlite"))


def test_update_stores_every_confident_pair_with_its_lines(site):
    result = invoke_cli("tm", "update", "corpus", "--isolated", cwd=site)
    assert result.exit_code == 0, result.output
    with _memory(site) as memory:
        counts = memory.counts()
        units = memory.units(("sure", "likely"))
    assert counts["articles"] == 4 and counts["units"] == len(units) > 40
    assert {u.confidence for u, _ in units} <= {"sure", "likely"}
    for unit, _ in units:
        ja_lines = (site / unit.ja_path).read_text().splitlines()
        en_lines = (site / unit.en_path).read_text().splitlines()
        assert unit.ja[:4] in ja_lines[unit.ja_line - 1], unit
        assert unit.en[:8] in en_lines[unit.en_line - 1], unit
    (soreness,) = [u for u, _ in units if u.ja.startswith("これは一般に「揉み返し」")]
    assert (soreness.ja_path, soreness.ja_line, soreness.terms) == ("corpus/massage-soreness.ja.txt", 4, ("揉み返し",))


def test_a_changed_article_is_replaced_and_a_deleted_one_dropped(site):
    invoke_cli("tm", "update", "corpus", "--isolated", cwd=site)
    path = site / "corpus" / "massage-soreness.en.txt"
    path.write_text(path.read_text().replace("rubback", "post-massage soreness"))
    for name in ("sacroiliac-joint.ja.md", "sacroiliac-joint.en.md"):
        (site / "corpus" / name).unlink()
    result = invoke_cli("tm", "update", "corpus", "--isolated", cwd=site)
    assert "1 articles stored, 2 unchanged, 1 dropped" in result.output
    with _memory(site) as memory:
        texts = [u.en for u, _ in memory.units(("sure", "likely"))]
        assert memory.counts()["articles"] == 3
    assert any("To prevent post-massage soreness" in t for t in texts) and not any("rubback" in t for t in texts)


def test_unchanged_articles_are_not_read_again_unless_the_glossary_changes(site):
    first = invoke_cli("tm", "update", "corpus", "--isolated", cwd=site)
    again = invoke_cli("tm", "update", "corpus", "--isolated", cwd=site)
    assert "4 articles stored, 0 unchanged" in first.output and "0 articles stored, 4 unchanged" in again.output
    (site / "g.tsv").write_text("ja\ten\n揉み返し\tpost-massage soreness\n")
    other = invoke_cli("tm", "update", "corpus", "--isolated", "--glossary", "g.tsv", cwd=site)
    assert "4 articles stored, 0 unchanged" in other.output, other.output
    with _memory(site) as memory:
        assert memory.counts()["articles"] == 4


@pytest.mark.parametrize("content, why", [
    (b"not a database at all, just text\n" * 10, "file is not a database"),
    ("CREATE TABLE photos (id INTEGER)", "no such table: meta"),
    ("CREATE TABLE meta (key TEXT, value TEXT); INSERT INTO meta VALUES ('kind', 'photos')", "kind 'photos'"),
    (b"", "no such table: meta"),
])
def test_a_corrupt_or_foreign_file_is_one_line_and_rebuild_recreates_it(site, content, why):
    bad = site / "tm.sqlite"
    if isinstance(content, str):  # a foreign SQLite database
        with sqlite3.connect(bad) as db:
            db.executescript(content)
    else:
        bad.write_bytes(content)
    result = invoke_cli("tm", "export", "--tm", bad, cwd=site)
    assert result.exit_code == 2
    (line,) = result.output.splitlines()
    assert line.startswith("taiyaku: ") and why in line and "taiyaku tm rebuild" in line
    result = invoke_cli("tm", "rebuild", "corpus", "--isolated", "--tm", bad, cwd=site)
    assert result.exit_code == 0, result.output
    with Memory(str(bad)) as memory:
        assert memory.counts()["articles"] == 4


def test_a_second_writer_waits_then_fails_with_one_line(site, monkeypatch):
    path = str(site / "tm.sqlite")
    open_memory(path, create=True).db.close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    monkeypatch.setattr(store, "TIMEOUT", 0.2)
    try:
        with Memory(path) as memory, pytest.raises(InputError, match="locked by another run"):
            memory.update([store.ArticleRecord("a", {"a.txt": "0"}, ())])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with Memory(path) as memory:
        assert memory.counts()["articles"] == 0


def test_tmx_round_trip(site):
    invoke_cli("tm", "update", "corpus", "--isolated", cwd=site)
    result = invoke_cli("tm", "export", "--format", "tmx", "-o", "out.tmx", cwd=site)
    assert result.exit_code == 0, result.output
    with _memory(site) as memory:
        sure = [u for u, _ in memory.units()]
    units = read_tmx(str(site / "out.tmx"))
    assert [(ja, en) for ja, en, _ in units] == [(u.ja, u.en) for u in sure]
    assert units[0][2]["x-taiyaku-path"] == sure[0].ja_path and units[0][2]["x-taiyaku-confidence"] == "sure"
    result = invoke_cli("tm", "import", "out.tmx", "--tm", "other.sqlite", cwd=site)
    assert result.exit_code == 0, result.output
    with Memory(str(site / "other.sqlite")) as other:
        assert [(ja, en) for ja, en, _ in other.approved()] == [(u.ja, u.en) for u in sure]


HAND_WRITTEN = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="SomeCAT" creationtoolversion="9.2" segtype="sentence" o-tmf="SomeCAT TM"
          adminlang="en-US" srclang="ja-JP" datatype="html"/>
  <body>
    <tu tuid="disclaimer-1" creationdate="20240101T000000Z">
      <prop type="x-client">Clinic A</prop>
      <note>Approved by the medical editor.</note>
      <tuv xml:lang="ja-JP"><seg>効果には<ph x="1">&lt;br/&gt;</ph>個人差があります。</seg></tuv>
      <tuv xml:lang="en-US"><seg>Results <bpt i="1">&lt;b&gt;</bpt>vary<ept i="1">&lt;/b&gt;</ept> from person to <hi type="x-em">person</hi>.</seg></tuv>
    </tu>
    <tu>
      <tuv lang="JA"><seg>お気軽にご相談ください。</seg></tuv>
      <tuv lang="EN"><seg>Please feel free to contact us.</seg></tuv>
      <tuv xml:lang="fr"><seg>N'hésitez pas à nous contacter.</seg></tuv>
    </tu>
  </body>
</tmx>
"""


def test_a_tmx_written_by_another_tool_imports(site):
    (site / "cat.tmx").write_text(HAND_WRITTEN)
    result = invoke_cli("tm", "import", "cat.tmx", cwd=site)
    assert result.exit_code == 0 and "2 approved units" in result.output, result.output
    with _memory(site) as memory:
        assert memory.approved() == [
            ("効果には個人差があります。", "Results vary from person to person.",
             {"x-client": "Clinic A", "notes": ["Approved by the medical editor."]}),
            ("お気軽にご相談ください。", "Please feel free to contact us.", {}),
        ]


OTHER_TOOL = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="Trados" creationtoolversion="16" segtype="sentence" o-tmf="TW4Win 2.0 Format"
          adminlang="EN-US" srclang="ja-JP" datatype="rtf" creationdate="20230101T000000Z">
    <prop type="x-domain">Orthopedics</prop>
    <note>Exported from the clinic's TM.</note>
    <ude name="MacRoman" base="Macintosh"><map unicode="#xF8FF" code="#xF0" ent="Apple_logo" subst="[Apple]"/></ude>
  </header>
  <body>
%s
  </body>
</tmx>
"""


@pytest.mark.parametrize("tu, expected", [
    ('<tu><tuv xml:lang="ja-JP"><seg><bpt i="1" x="1">&lt;a href="/book"&gt;</bpt>予約<ept i="1">&lt;/a&gt;</ept>'
     'はこちら</seg></tuv><tuv xml:lang="EN-us"><seg>Book <bpt i="1">&lt;a&gt;</bpt>here<ept i="1">&lt;/a&gt;'
     '</ept></seg></tuv></tu>', ("予約はこちら", "Book here", {})),
    ('<tu tuid="7" srclang="ja"><prop type="x-origin">TM</prop><prop type="x-client">B</prop><note>one</note>'
     '<note>two</note><tuv xml:lang="ja_JP"><seg><it pos="begin" x="2">&lt;b&gt;</it>腰痛<ut>{\\b}</ut>です</seg></tuv>'
     '<tuv xml:lang="en"><prop type="x-tuv">ignored</prop><seg>It is <hi type="x-b">low <ph x="3">&lt;br/&gt;'
     '</ph>back</hi> pain</seg></tuv></tu>',
     ("腰痛です", "It is low back pain", {"x-origin": "TM", "x-client": "B", "notes": ["one", "two"]})),
    ('<tu><tuv xml:lang="JA"><seg>&#x3042;&amp;い &lt;3</seg></tuv><tuv xml:lang="en-GB"><seg>A &amp; I</seg></tuv>'
     '<tuv xml:lang="en-US"><seg>A and I</seg></tuv></tu>', ("あ&い <3", "A & I", {})),  # the first English
    ('<tu><tuv xml:lang="ja"><seg>\n    <![CDATA[<p>肩こり</p>]]>\n  </seg></tuv><tuv xml:lang="en">'
     '<seg> Stiff <ph>&lt;img alt="x"&gt;<sub>alt text</sub></ph>shoulders </seg></tuv></tu>',
     ("<p>肩こり</p>", "Stiff shoulders", {})),
])
def test_tmx_units_of_another_tool_import(site, tu, expected):
    (site / "other.tmx").write_text(OTHER_TOOL % tu, encoding="utf-8")
    etree = pytest.importorskip("lxml.etree")
    dtd = etree.DTD(str(ROOT / "tests" / "schemas" / "tmx-1.4b-taiyaku.dtd"))
    assert dtd.validate(etree.parse(str(site / "other.tmx"))), dtd.error_log  # the case is valid TMX
    result = invoke_cli("tm", "import", "other.tmx", cwd=site)
    assert result.exit_code == 0 and "1 approved units" in result.output, result.output
    with _memory(site) as memory:
        assert memory.approved() == [expected]


BOMB = '<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaa">]><tmx version="1.4"><header/><body>&a;</body></tmx>'


@pytest.mark.parametrize("text, message", [
    ("this is not XML", "not well-formed XML"),
    ('<tmx version="1.4"><header/><body><tu>', "not well-formed XML"),
    ('<xliff version="2.0"/>', "root element is <xliff>"),
    ('<tmx version="1.1"><header/><body/></tmx>', "version '1.1' is not supported"),
    ('<tmx version="1.4"><body/></tmx>', "no <header>"),
    ('<tmx version="1.4"><header/><body><tu tuid="7"><tuv xml:lang="ja"><seg>あ</seg></tuv></tu></body></tmx>',
     "unit 1 (tuid 7) has no English <tuv>"),
    ('<tmx version="1.4"><header/><body><tu><tuv xml:lang="de"><seg>a</seg></tuv></tu></body></tmx>',
     "has no Japanese or English <tuv> (languages: de)"),
    (BOMB, "refused: the XML declares entities"),
])
def test_bad_tmx_is_one_line_and_exit_2(site, text, message):
    (site / "bad.tmx").write_text(text)
    result = invoke_cli("tm", "import", "bad.tmx", cwd=site)
    assert result.exit_code == 2
    (line,) = result.output.splitlines()
    assert line.startswith("taiyaku: bad.tmx") and message in line
    assert not (site / ".taiyaku").exists()


APPROVED = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en"
 srclang="ja" datatype="plaintext"/><body>
<tu><tuv xml:lang="ja"><seg>気になる症状があれば、お気軽に当院までご相談ください。</seg></tuv>
<tuv xml:lang="en"><seg>If anything about your symptoms worries you, please contact our clinic.</seg></tuv></tu>
<tu><tuv xml:lang="ja"><seg>バランスの取れた食事と十分な睡眠も、筋肉の回復には欠かせません。</seg></tuv>
<tuv xml:lang="en"><seg>A balanced diet and enough sleep are also ESSENTIAL for muscle recovery!</seg></tuv></tu>
</body></tmx>
"""


def test_a_sentence_departing_from_its_approved_translation_is_reported(site):
    import json

    (site / "approved.tmx").write_text(APPROVED)
    invoke_cli("tm", "import", "approved.tmx", cwd=site)
    result = invoke_cli("tm", "check", "corpus", "--isolated", "--format", "json", cwd=site)
    assert result.exit_code == 1, result.output
    (finding,) = json.loads(result.output)["findings"]  # the second differs only in case and punctuation
    assert (finding["rule"], finding["path"], finding["line"]) == ("TM002", "corpus/massage-soreness.en.txt", 23)
    assert finding["suggestion"] == "If anything about your symptoms worries you, please contact our clinic."
    assert invoke_cli("tm", "check", "corpus", "--isolated", "--tm", "none.sqlite", cwd=site).exit_code == 2
