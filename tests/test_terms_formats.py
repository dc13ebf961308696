"""Glossary formats: TSV, CSV, TBX (v2 TBX-Basic and v3), UTX, prh.yml read, write and round-trip."""

from pathlib import Path

import pytest

from taiyaku.analyze.glossary import load_glossary, parse_glossary
from taiyaku.errors import InputError
from taiyaku.terms import format_of, read_glossary, write_glossary

from tests.helpers import invoke_cli

RICH = (
    "ja\ten\tja_variants\ten_variants\ten_forbidden\tnote\texamples\n"
    "揉み返し\tpost-massage soreness\tもみ返し|揉みかえし\t\trubbing back|return rub\tobserved; jmdict & <x>\t"
    "揉み返しが出る => term|A rubbing back occurs. => A post-massage soreness occurs.\n"
    "医師\tphysician\t\tdoctor|Dr.|MD\t\tkitasato; jmdict\t\n"
    "整体\tseitai\t\t\tchiropractic\tobserved\tWe offer chiropractic. => forbidden: chiropractic\n"
    "カイロプラクティック\tchiropractic\t\t\t\tkitasato\t\n"
)


def _fields(g):
    return [(e.ja, e.en, e.ja_variants, e.en_variants, e.en_forbidden, e.note, tuple(sorted(e.examples)))
            for e in g.entries]


@pytest.mark.parametrize("fmt", ["tsv", "csv", "tbx", "utx", "prh"])
def test_round_trip_from_tsv_loses_nothing(fmt):
    g = parse_glossary(RICH, "g.tsv")
    text = write_glossary(g, fmt)
    back = read_glossary(text, f"g.{fmt}", fmt)
    assert _fields(back) == _fields(g)
    assert read_glossary(write_glossary(back, "tsv"), "g.tsv", "tsv").entries == parse_glossary(
        write_glossary(g, "tsv"), "g.tsv").entries


TBX_BASIC = """<?xml version="1.0" encoding="UTF-8"?>
<!-- written by hand after the TBX-Basic sample of LTAC/TerminOrgs -->
<martif type="TBX-Basic" xml:lang="en-US">
  <martifHeader><fileDesc><sourceDesc><p>clinic termbase</p></sourceDesc></fileDesc></martifHeader>
  <text><body>
    <termEntry id="t1">
      <descrip type="subjectField">orthopaedics</descrip>
      <note>Kitasato; JMdict</note>
      <langSet xml:lang="en-US">
        <ntig><termGrp><term>sciatica</term>
          <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termGrp></ntig>
        <tig><term>sciatic neuralgia</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
        <tig><term>ischias</term>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
        <tig><term>hip pain</term>
          <termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></tig>
      </langSet>
      <langSet xml:lang="ja">
        <tig><term>坐骨神経痛</term></tig>
      </langSet>
    </termEntry>
    <termEntry id="t2">
      <langSet xml:lang="ja"><tig><term>腰痛</term></tig><tig><term>ようつう</term></tig></langSet>
      <langSet xml:lang="en"><tig><term>low back pain</term></tig><tig><term>lumbago</term></tig></langSet>
    </termEntry>
  </body></text>
</martif>
"""

TBX_V3 = """<?xml version="1.0" encoding="UTF-8"?>
<?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBXcoreStructV03_TBX-Basic_integrated.rng"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>v3</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="c1">
      <note>TA; Kitasato</note>
      <langSec xml:lang="ja"><termSec><term>仙腸関節</term>
        <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec></langSec>
      <langSec xml:lang="en">
        <termSec><term>sacroiliac joint</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
        <termSec><term>SI joint</term>
          <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec>
        <termSec><term>sacrum joint</term>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
      </langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""


def test_hand_written_tbx_basic_reads_statuses_and_round_trips():
    g = read_glossary(TBX_BASIC, "hand.tbx")
    sciatica, back = g.entries
    assert (sciatica.ja, sciatica.en) == ("坐骨神経痛", "sciatic neuralgia")
    assert sciatica.en_variants == ("sciatica",)
    assert sciatica.en_forbidden == ("ischias", "hip pain")
    assert sciatica.note == "Kitasato; JMdict"
    assert sciatica.line == 6
    assert (back.ja, back.ja_variants, back.en, back.en_variants) == ("腰痛", ("ようつう",), "low back pain", ("lumbago",))
    again = read_glossary(write_glossary(g, "tbx"), "again.tbx")
    assert _fields(again) == _fields(g)


def test_tbx_v3_core():
    (e,) = read_glossary(TBX_V3, "v3.tbx").entries
    assert (e.ja, e.en, e.en_variants, e.en_forbidden, e.note) == (
        "仙腸関節", "sacroiliac joint", ("SI joint",), ("sacrum joint",), "TA; Kitasato")


PRH = """version: 1
rules:
  # an English rule with the taiyaku key ja
  - expected: post-massage soreness
    patterns:
      - rubbing back
      - return rub
    ja: 揉み返し
    prh: observed; jmdict
    specs:
      - from: A rubbing back may occur.
        to: A post-massage soreness may occur.
  # a Japanese spelling rule, as textlint users write them, with the taiyaku key en
  - expected: 仙腸関節
    pattern: せんちょう関節
    en: sacroiliac joint
"""


def test_prh_with_specs_reads_and_round_trips():
    import yaml

    g = read_glossary(PRH, "prh.yml")
    rub, si = g.entries
    assert (rub.ja, rub.en, rub.en_forbidden, rub.note) == ("揉み返し", "post-massage soreness",
                                                         ("rubbing back", "return rub"), "observed; jmdict")
    assert rub.examples == ("A rubbing back may occur. => A post-massage soreness may occur.",)
    assert (si.ja, si.ja_variants, si.en, si.line) == ("仙腸関節", ("せんちょう関節",), "sacroiliac joint", 14)
    out = write_glossary(g, "prh")
    assert yaml.safe_load(out)["rules"][0]["specs"] == yaml.safe_load(PRH)["rules"][0]["specs"]
    assert _fields(read_glossary(out, "again.yml")) == _fields(g)


def test_csv_with_any_column_order_and_quotes():
    text = 'note,en,ja,en_forbidden\n"TA, Kitasato",sacroiliac joint,仙腸関節,"sacrum joint|SI"\n'
    (e,) = read_glossary(text, "g.csv").entries
    assert (e.ja, e.en, e.en_forbidden, e.note, e.line) == ("仙腸関節", "sacroiliac joint",
                                                         ("sacrum joint", "SI"), "TA, Kitasato", 2)


@pytest.mark.parametrize(
    "path, text, expected",
    [
        ("a.tbx", "<martif/>", "tbx"), ("a.utx", "#UTX", "utx"), ("a.yml", "rules: []", "prh"),
        ("a.csv", "ja,en", "csv"), ("a.tsv", "ja\ten", "tsv"),
        ("glossary", "<?xml version='1.0'?><martif/>", "tbx"), ("glossary", "#UTX 1.11; en/ja;", "utx"),
        ("glossary", "# prh\nversion: 1\nrules:\n", "prh"), ("glossary", "ja,en,note\n", "csv"),
        ("glossary", "ja\ten\n", "tsv"),
    ],
)
def test_format_by_extension_or_content(path, text, expected):
    assert format_of(path, text) == expected


BOMB = ('<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
        "<martif><text><body>&b;</body></text></martif>")


@pytest.mark.parametrize(
    "name, text, line, fragment",
    [
        ("b.tbx", "<martif>\n<text>\n<body>\n<termEntry>\n</body>", 5, "broken XML"),
        ("b.tbx", BOMB, 1, "DTDs and entities are not read"),
        ("b.tbx", "<martif><text><body>\n<termEntry>\n<langSet xml:lang='ja'><tig><term>腰痛</term></tig></langSet>"
                  "\n</termEntry></body></text></martif>", 2, "no English term"),
        ("b.tbx", "<html><body/></html>", 1, "not a TBX file"),
        ("b.utx", "#UTX 1.11; en-US/ja-JP;\n#src\ttgt\nlow back pain\t腰痛\textra\n", 3, "3 columns"),
        ("b.utx", "#UTX 1.11; en/fr;\n", 1, "English/Japanese"),
        ("b.utx", "#UTX 1.11; en/ja;\nlow back pain\t腰痛\n", 2, "no column line"),
        ("b.utx", "#UTX 1.11; ja/en;\n#src\ttgt\tterm status\n腰痛\tlumbar pain\tforbidden\n", 3, "only forbidden"),
        ("b.yml", "rules:\n  - expected: low back pain\n    patterns: [/lumb.go/]\n    ja: 腰痛\n", 2,
         "regular-expression pattern /lumb.go/"),
        ("b.yml", "rules:\n  - expected: low back pain\n", 2, "add 'ja: …'"),
        ("b.yml", "rules:\n  - expected: 腰痛\n", 2, "add 'en: …'"),
        ("b.yml", "rules:\n  - expected: [x\n", 3, "broken YAML"),
        ("b.yml", "rules:\n  - expected: low back pain\n    ja: 腰痛\n    specs:\n      - from: x\n", 2, "'from:' and 'to:'"),
        ("b.csv", "ja,en\n腰痛,low back pain,extra\n", 2, "expected 2 comma-separated columns"),
        ("b.csv", "ja,en,notes\n", 1, "unknown column 'notes' (did you mean 'note'?)"),
        ("b.csv", "ja,en,examples\n腰痛,low back pain,腰痛がある\n", 2, "has no '=>'"),
    ],
)
def test_broken_files_name_the_line(tmp_path: Path, name, text, line, fragment):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        g = load_glossary(p)
        from taiyaku.terms.selftest import run_examples

        run_examples(g)
    assert fragment in err.value.message
    assert err.value.line == line
    result = invoke_cli("glossary", "check", p)
    assert result.exit_code == 2
    assert result.output.startswith(f"taiyaku: {p}:{line}: ") or f"{p}:{line}: " in result.output


MEDUTX = Path(__file__).resolve().parents[1].parent / "shared/reference/terms/kitasato_medutx/medutx1.01.utx"


@pytest.mark.skipif(not MEDUTX.is_file(), reason="../shared/reference/terms/kitasato_medutx is absent")
def test_kitasato_medutx_loads_directly():
    g = load_glossary(MEDUTX)
    assert len(g) > 20000
    by_ja = {e.ja: e for e in g.entries}
    assert by_ja["坐骨神経痛"].en == "ischialgia"
    assert {"sciatica", "sciatic neuralgia"} <= set(by_ja["坐骨神経痛"].en_variants)
    assert {"osteoarthritis", "arthrosis deformans"} <= set(by_ja["変形性関節症"].accepted)
    assert [s.split(":")[0] for s in g.skipped] == ["line 8611", "line 22002"]


def test_convert_command_writes_atomically_and_reads_back(tmp_path: Path):
    src = tmp_path / "g.tsv"
    src.write_text(RICH, encoding="utf-8")
    for ext in ("tbx", "utx", "yml", "csv"):
        out = tmp_path / f"out.{ext}"
        result = invoke_cli("glossary", "convert", src, out)
        assert result.exit_code == 0, result.output
        assert _fields(load_glossary(out)) == _fields(load_glossary(src))
    result = invoke_cli("glossary", "convert", src, "-", "--to", "tbx")
    assert result.exit_code == 0 and result.output.startswith("<?xml")


TBX_V3_DCT = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dct" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"
     xmlns:basic="http://www.tbxinfo.net/ns/basic" xmlns:min="http://www.tbxinfo.net/ns/min">
  <tbxHeader><fileDesc><sourceDesc><p>dct</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="c1">
      <langSec xml:lang="ja"><termSec><term>梨状筋</term></termSec></langSec>
      <langSec xml:lang="en">
        <termSec><term>piriformis</term><min:administrativeStatus>preferredTerm-admn-sts</min:administrativeStatus></termSec>
        <termSec><term>pear muscle</term><min:administrativeStatus>deprecatedTerm-admn-sts</min:administrativeStatus></termSec>
      </langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""


def test_tbx_v3_dct_style():
    (e,) = read_glossary(TBX_V3_DCT, "dct.tbx").entries
    assert (e.ja, e.en, e.en_forbidden) == ("梨状筋", "piriformis", ("pear muscle",))


def test_utx_term_status_and_direction():
    text = ("#UTX 1.11; ja-JP/en-US; 2024-01-01T00:00:00Z\n#src\ttgt\tsrc:pos\tterm status\tcomment\n"
            "揉み返し\tpost-massage soreness\tnoun\tapproved\tobserved\n"
            "揉み返し\tmassage soreness\tnoun\tprovisional\t\n"
            "揉み返し\trubbing back\tnoun\tforbidden\tseed 000\n")
    (e,) = read_glossary(text, "g.utx").entries
    assert (e.en, e.en_variants, e.en_forbidden, e.note, e.line) == (
        "post-massage soreness", ("massage soreness",), ("rubbing back",), "observed | seed 000", 3)
