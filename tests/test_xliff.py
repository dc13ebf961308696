"""XLIFF 1.2 / 2.x jobs: units, offsets into the .xlf file, untranslated units, several <file>s, bad files."""

from __future__ import annotations

import json

import pytest

from taiyaku.errors import InputError
from taiyaku.read.articles import discover, find_articles
from taiyaku.read.documents import read_document
from tests.helpers import invoke_cli

XLIFF2 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ja-JP" trgLang="en-US">
  <file id="f1" original="post-12">
    <unit id="title">
      <segment id="1" state="translated">
        <source>肩こりの原因</source>
        <target>Causes of shoulder stiffness</target>
      </segment>
    </unit>
    <unit id="u2">
      <segment id="1">
        <source>肩こりは首や肩の筋肉が緊張することで起こります。</source>
        <target>Shoulder stiffness occurs when the muscles of the neck and shoulders become tense.</target>
      </segment>
      <segment id="2">
        <source>仙腸関節の痛みは<pc id="b">揉み返し</pc>とは違います。</source>
        <target/>
      </segment>
    </unit>
    <unit id="u3">
      <originalData><data id="d1">&lt;br/&gt;</data></originalData>
      <segment><source>当院では &amp; 鍼灸を行っています。<ph id="1" dataRef="d1"/></source><target>We offer acupuncture &amp; moxibustion.</target></segment>
      <ignorable><source> </source></ignorable>
    </unit>
  </file>
</xliff>
"""

XLIFF12 = """<?xml version="1.0" encoding="utf-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="about" source-language="ja" target-language="en" datatype="plaintext">
    <body>
      <trans-unit id="1">
        <source>腰痛の<g id="1">治療</g>について</source>
        <target state="translated">About the <g id="1">treatment</g> of low back pain</target>
        <alt-trans><source>腰痛</source><target>Lumbago</target></alt-trans>
      </trans-unit>
      <trans-unit id="url" translate="no"><source>https://example.jp/予約</source></trans-unit>
      <trans-unit id="2">
        <source>骨盤の歪みを整えます。</source>
        <target state="needs-translation">骨盤の歪みを整えます。</target>
      </trans-unit>
    </body>
  </file>
  <file original="faq" source-language="ja" target-language="en" datatype="x-wpml">
    <body>
      <trans-unit id="body" resname="body">
        <source><![CDATA[<h2>よくある質問</h2><p>初診の方は&nbsp;予約が必要です。<br>お電話ください。</p>]]></source>
        <target><![CDATA[<h2>FAQ</h2><p>First visits need a booking.<br>Please call us.</p>]]></target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""


def _write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def _blocks(doc):
    """(lang, unit, block text, source text of the block's span, line) of every block."""
    out = []
    for b in doc.blocks:
        s, e = b.source_span(0, len(b.text))
        out.append((b.lang, b.unit, b.text, doc.text[s:e], doc.position(s)[0]))
    return out


@pytest.mark.parametrize(
    "name, text, part, expected",
    [
        ("v2.xlf", XLIFF2, None, [
            ("ja", "title/1", "肩こりの原因", "肩こりの原因", 6),
            ("en", "title/1", "Causes of shoulder stiffness", "Causes of shoulder stiffness", 7),
            ("ja", "u2/1", "肩こりは首や肩の筋肉が緊張することで起こります。",
             "肩こりは首や肩の筋肉が緊張することで起こります。", 12),
            ("en", "u2/1", "Shoulder stiffness occurs when the muscles of the neck and shoulders become tense.",
             "Shoulder stiffness occurs when the muscles of the neck and shoulders become tense.", 13),
            # <pc> is transparent; the empty <target/> gives no English block
            ("ja", "u2/2", "仙腸関節の痛みは揉み返しとは違います。",
             '仙腸関節の痛みは<pc id="b">揉み返し</pc>とは違います。', 16),
            # an entity maps to its "&"; <ph/> and <originalData> are not text; <ignorable> is skipped
            ("ja", "u3/1", "当院では & 鍼灸を行っています。", "当院では &amp; 鍼灸を行っています。", 22),
            ("en", "u3/1", "We offer acupuncture & moxibustion.", "We offer acupuncture &amp; moxibustion.", 22),
        ]),
        ("v12.xliff", XLIFF12, "0", [
            ("ja", "1", "腰痛の治療について", '腰痛の<g id="1">治療</g>について', 6),
            ("en", "1", "About the treatment of low back pain",
             'About the <g id="1">treatment</g> of low back pain', 7),
            # translate="no" is skipped; the source copied into the target is not a translation;
            # <alt-trans> is not the unit's
            ("ja", "2", "骨盤の歪みを整えます。", "骨盤の歪みを整えます。", 12),
        ]),
        ("v12.xliff", XLIFF12, "1", [  # WPML: HTML in CDATA, read like .html
            ("ja", "body", "よくある質問", "よくある質問", 20),
            ("ja", "body", "初診の方は 予約が必要です。\nお電話ください。",
             "初診の方は&nbsp;予約が必要です。<br>お電話ください。", 20),
            ("en", "body", "FAQ", "FAQ", 21),
            ("en", "body", "First visits need a booking.\nPlease call us.",
             "First visits need a booking.<br>Please call us.", 21),
        ]),
    ],
)
def test_units_and_offsets(tmp_path, name, text, part, expected):
    doc = read_document(str(_write(tmp_path, name, text)), part=part)
    assert doc.format == "xliff" and doc.role == "bilingual"
    assert _blocks(doc) == expected


def test_one_article_per_file(tmp_path):
    path = str(_write(tmp_path, "job.xliff", XLIFF12))
    assert [(n, g) for n, g in discover([path])] == [
        (f"{path}#about", {"": path, "#": "0"}),
        (f"{path}#faq", {"": path, "#": "1"}),
    ]
    single = str(_write(tmp_path, "one.xlf", XLIFF2))
    root = str(tmp_path)
    assert discover([root]) == [(f"{path}#about", {"": path, "#": "0", "@": root}),
                                (f"{path}#faq", {"": path, "#": "1", "@": root}), (single, {"": single, "@": root})]
    articles = find_articles([path])
    assert [len(a.ja) for a in articles] == [2, 3]


def test_empty_target_is_untranslated(tmp_path):
    _write(tmp_path, "job.xlf", XLIFF2)
    result = invoke_cli("check", "job.xlf", "--format", "json", "--select", "U", cwd=tmp_path)
    found = [(f["rule"], f["line"], f["column"], f["end_column"]) for f in json.loads(result.output)["findings"]]
    assert found == [("U002", 16, 17, 52)], result.output


def test_reversed_job_and_foreign_languages(tmp_path):
    reverse = XLIFF2.replace('srcLang="ja-JP" trgLang="en-US"', 'srcLang="en" trgLang="ja"')
    doc = read_document(str(_write(tmp_path, "rev.xlf", reverse)))
    assert [b.lang for b in doc.blocks][:2] == ["en", "ja"]
    other = XLIFF2.replace('srcLang="ja-JP" trgLang="en-US"', 'srcLang="de" trgLang="fr"')
    with pytest.raises(InputError, match="translates de into fr"):
        read_document(str(_write(tmp_path, "de.xlf", other)))


@pytest.mark.parametrize(
    "text, message",
    [
        ("<xliff version='2.0'><file id='a'><unit id='1'><source>痛み</source></unit></file>",
         "job.xlf:1: not well-formed XML"),
        ('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>\n<xliff version="2.0"><file/></xliff>',
         "job.xlf:2: declares the XML entity 'a'"),
        ("<html><body>痛み</body></html>", "job.xlf: not an XLIFF 1.2 or 2.x file (root element <html>)"),
        ("<xliff version='3.0'></xliff>", "job.xlf: not an XLIFF 1.2 or 2.x file (XLIFF version 3.0)"),
        ("<xliff version='2.0' srcLang='ja' trgLang='en'></xliff>", "job.xlf: an XLIFF file without any <file>"),
    ],
)
def test_bad_files_are_one_line(tmp_path, text, message):
    _write(tmp_path, "job.xlf", text)
    result = invoke_cli("check", "job.xlf", cwd=tmp_path)
    assert result.exit_code == 2
    assert result.output.startswith("taiyaku: " + message) and result.output.count("\n") == 1, result.output
