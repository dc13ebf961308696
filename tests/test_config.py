"""Configuration: finding the file, values and their sources, command-line overrides, errors with
file and line, applying severities and per-file ignores, pairing patterns and extra separators."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from taiyaku.read.articles import discover, find_articles
from taiyaku.project.filters import apply_settings, glob_regex
from taiyaku.project.config import (
    COMMAND_LINE,
    DEFAULT,
    KEYS,
    as_dict,
    describe,
    describe_json,
    find_config,
    load_settings,
    separator_pattern,
)
from taiyaku.read.documents import is_separator, read_document
from taiyaku.errors import InputError
from taiyaku.models import Finding
from taiyaku.checks.registry import registry

JA = "腰痛の原因について説明します。\n\nストレッチは反動をつけずに行いましょう。\n"
EN = "This article explains the causes of low back pain.\n\nStretch slowly without bouncing.\n"
TABLE = "[tool.taiyaku]\n"


def write(path: Path, text: str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.fixture
def project(tmp_path, monkeypatch):
    """An empty project directory that is the working directory."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- finding the configuration file ----------------------------------------------------------------


@pytest.mark.parametrize(
    "files,start,expected",
    [
        ({"taiyaku.toml": ""}, ".", "taiyaku.toml"),
        ({"pyproject.toml": TABLE}, ".", "pyproject.toml"),
        ({"pyproject.toml": TABLE, "taiyaku.toml": ""}, ".", "taiyaku.toml"),  # taiyaku.toml wins in one dir
        ({"pyproject.toml": "[project]\nname = 'x'\n"}, ".", None),  # no [tool.taiyaku]: skipped
        ({"pyproject.toml": "# taiyaku is great\n[project]\n"}, ".", None),  # mentioned, but no table
        ({"pyproject.toml": "[tool.taiyaku.severity]\nT003 = 'error'\n"}, ".", "pyproject.toml"),  # sub-table only
        ({"taiyaku.toml": "", "a/pyproject.toml": "[project]\n"}, "a", "taiyaku.toml"),  # walks past it
        ({"taiyaku.toml": "", "a/pyproject.toml": TABLE}, "a", "a/pyproject.toml"),  # the closest wins
        ({"taiyaku.toml": "", "a/b/taiyaku.toml": ""}, "a/b/c", "a/b/taiyaku.toml"),
        ({"a/taiyaku.toml": ""}, ".", None),  # never looks down
        ({}, ".", None),
    ],
)
def test_find_config(project, files, start, expected):
    for name, text in files.items():
        write(project / name, text)
    (project / start).mkdir(parents=True, exist_ok=True)
    found = find_config([start])
    assert found == (str(project / expected) if expected else None)


@pytest.mark.parametrize(
    "paths,expected",
    [
        (["a/x/1.ja.txt", "a/y"], "a/taiyaku.toml"),  # common directory of both: a
        (["a/x/1.ja.txt"], "a/x/taiyaku.toml"),  # a file: its directory
        (["a/x", "b"], "taiyaku.toml"),
        ([], "taiyaku.toml"),  # no paths: the working directory
    ],
)
def test_config_is_found_from_the_common_directory(project, paths, expected):
    for name in ("taiyaku.toml", "a/taiyaku.toml", "a/x/taiyaku.toml"):
        write(project / name, "")
    write(project / "a/x/1.ja.txt", JA)
    (project / "a/y").mkdir()
    (project / "b").mkdir()
    assert find_config(paths) == str(project / expected)


# --- values and sources ----------------------------------------------------------------------------


def test_defaults_without_a_config(project):
    s = load_settings(["."], {})
    assert s.config is None and s.root == str(project)
    assert set(s.items) == set(KEYS)
    assert all(s.source(k) == DEFAULT for k in KEYS)
    assert (s.select, s.ignore, s.fail_on, s.format, s.pairs, s.separators) == (("ALL",), (), "warning", "text", (), ())
    assert s.severity == {} and s.per_file_ignores == {}
    assert os.path.isfile(s.glossary)  # the bundled glossary


def test_default_glossary_is_the_local_one_when_present(project):
    write(project / "glossary.tsv", "ja\ten\n")
    assert load_settings(["."], {}).glossary == "glossary.tsv"


FULL = """\
[project]
name = "clinic-site"

[tool.taiyaku]
glossary = "terms/glossary.tsv"
select = ["T", "C001", "U"]
ignore = ["japanese-in-english"]
fail-on = "error"
format = "json"
pairs = [["ja/{name}.md", "en/{name}.md"]]
separators = ["=== 英訳 ===", "re:-{3,} *EN *-{3,}"]
slug-suffixes = ["-english"]

[tool.taiyaku.severity]
T003 = "warning"
"missing-rendering" = "info"

[tool.taiyaku.per-file-ignores]
"drafts/**" = ["U002"]
"""


def test_values_from_pyproject(project):
    write(project / "pyproject.toml", FULL)
    write(project / "terms" / "glossary.tsv", "ja\ten\n")
    (project / "site").mkdir()
    s = load_settings(["site"], {})
    assert s.config == "pyproject.toml" and s.root == str(project)
    assert s.glossary == os.path.join("terms", "glossary.tsv")
    assert s.select == ("T", "C001", "U") and s.ignore == ("japanese-in-english",)
    assert s.severity == {"T003": "warning", "missing-rendering": "info"}
    assert s.per_file_ignores == {"drafts/**": ("U002",)}
    assert (s.fail_on, s.format) == ("error", "json")
    assert s.pairs == ((os.path.join("ja", "{name}.md"), os.path.join("en", "{name}.md")),)
    assert s.separators == ("=== 英訳 ===", "re:-{3,} *EN *-{3,}")
    assert s.slug_suffixes == ("-english",)
    assert all(s.source(k) == "pyproject.toml" for k in KEYS)


def test_paths_in_the_config_are_relative_to_its_directory(project):
    write(project / "site" / "taiyaku.toml", 'glossary = "g.tsv"\npairs = [["ja/{name}.txt", "en/{name}.txt"]]\n')
    write(project / "site" / "g.tsv", "ja\ten\n")
    (project / "site" / "ja").mkdir()
    s = load_settings(["site/ja"], {})
    assert s.config == os.path.join("site", "taiyaku.toml")
    assert s.glossary == os.path.join("site", "g.tsv")
    assert s.pairs == ((os.path.join("site", "ja", "{name}.txt"), os.path.join("site", "en", "{name}.txt")),)


def test_a_config_above_the_working_directory_is_shown_absolute(project, monkeypatch):
    write(project / "taiyaku.toml", 'fail-on = "info"\n')
    (project / "sub").mkdir()
    monkeypatch.chdir(project / "sub")
    s = load_settings(["."], {})
    assert s.config == str(project / "taiyaku.toml")
    assert s.source("fail-on") == str(project / "taiyaku.toml")


@pytest.mark.parametrize(
    "config,cli,key,value,source",
    [
        ('fail-on = "error"\n', {"fail_on": "info"}, "fail-on", "info", COMMAND_LINE),
        ('fail-on = "error"\n', {"fail_on": None}, "fail-on", "error", "taiyaku.toml"),  # None: not given
        ('format = "json"\n', {"format": "text"}, "format", "text", COMMAND_LINE),
        ("", {"format": "sarif"}, "format", "sarif", COMMAND_LINE),
        ('select = ["T"]\n', {"select": ("C,U001",)}, "select", ("C", "U001"), COMMAND_LINE),
        ('select = ["T"]\n', {"select": ()}, "select", ("T",), "taiyaku.toml"),  # empty tuple: not given
        ('glossary = "g.tsv"\n', {"glossary": "other.tsv"}, "glossary", "other.tsv", COMMAND_LINE),
        ("", {"severity": {"T001": "info"}}, "severity", {"T001": "info"}, COMMAND_LINE),
        # ruff: --ignore alone adds to the configured ignore list …
        ('ignore = ["A001"]\n', {"ignore": ("T003",)}, "ignore", ("A001", "T003"), "taiyaku.toml + command line"),
        ("", {"ignore": ("T003",)}, "ignore", ("T003",), COMMAND_LINE),
        # … and --select starts over: the configured ignore goes too
        ('ignore = ["A001"]\n', {"select": ("A",)}, "ignore", (), COMMAND_LINE),
        ('ignore = ["A001"]\n', {"select": ("A",), "ignore": ("T",)}, "ignore", ("T",), COMMAND_LINE),
    ],
)
def test_command_line_overrides(project, config, cli, key, value, source):
    write(project / "taiyaku.toml", config)
    write(project / "g.tsv", "ja\ten\n")
    s = load_settings(["."], cli)
    assert s[key] == value
    assert s.source(key) == source


@pytest.mark.parametrize(
    "config,cli,enabled",
    [
        ('select = ["T"]\nignore = ["T003"]\n', {}, {"T001", "T002"}),
        ('select = ["T"]\nignore = ["T003"]\n', {"ignore": ("T002",)}, {"T001"}),
        ('select = ["T"]\nignore = ["T003"]\n', {"select": ("T003",)}, {"T003"}),  # ruff: explicit select wins
        ('ignore = ["T"]\nselect = ["T001"]\n', {}, {"T001"}),  # the most specific wins
        # T003 is off by default: the prefix "T" does not choose it, its code or name does (issue 9)
        ('ignore = ["forbidden-rendering"]\nselect = ["T"]\n', {}, {"T002"}),
        ('ignore = ["forbidden-rendering"]\nselect = ["T", "term-dropped"]\n', {}, {"T002", "T003"}),
        ('select = ["ALL"]\n', {"ignore": ("J", "N", "U", "A", "C001", "C003")}, {"T001", "T002"}),
        ('select = ["ALL", "C002"]\n', {"ignore": ("J", "N", "U", "A", "T")}, {"C001", "C002", "C003"}),
    ],
)
def test_selection_layering(project, config, cli, enabled):
    write(project / "taiyaku.toml", config)
    selection = load_settings(["."], cli).selection()
    assert {r.code for r in registry().values() if selection.enabled(r)} == enabled


def test_explicit_config_and_isolated(project):
    write(project / "taiyaku.toml", 'fail-on = "error"\n')
    write(project / "ci.toml", 'fail-on = "info"\n')
    write(project / "other" / "pyproject.toml", '[tool.taiyaku]\nformat = "json"\n')
    assert load_settings(["."], {"config": "ci.toml"}).fail_on == "info"
    assert load_settings(["."], {"config": "other/pyproject.toml"}).format == "json"
    isolated = load_settings(["."], {"isolated": True})
    assert isolated.config is None and isolated.fail_on == "warning"
    with pytest.raises(InputError, match="no such configuration file"):
        load_settings(["."], {"config": "missing.toml"})
    write(project / "bare" / "pyproject.toml", "[project]\n")
    with pytest.raises(InputError, match=r"no \[tool.taiyaku\] table"):
        load_settings(["."], {"config": "bare/pyproject.toml"})


def test_unknown_command_line_key_is_a_programming_error(project):
    with pytest.raises(ValueError):
        load_settings(["."], {"colour": "red"})


# --- errors ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name,text,message,line",
    [
        ("taiyaku.toml", 'selct = ["T"]\n', "unknown key 'selct' in taiyaku.toml: did you mean 'select'?", 1),
        ("pyproject.toml", '[project]\nname = "x"\n\n[tool.taiyaku]\ncolour = "red"\n',
         "unknown key 'colour' in [tool.taiyaku]: the keys are glossary, select", 5),
        ("taiyaku.toml", '[tool.taiyaku]\nselect = ["T"]\n', "taiyaku.toml takes its keys at the top level", 1),
        ("taiyaku.toml", 'select = "T"\n', 'select: must be a list of strings (e.g. select = ["T", "C001"])', 1),
        ("taiyaku.toml", 'fail-on = "error"\nselect = [\n  "T",\n  "X9",\n]\n',
         "select: unknown rule or prefix 'X9': run `taiyaku rules`", 4),
        ("taiyaku.toml", 'ignore = ["T", 3]\n', "ignore: must be a list of strings", 1),
        ("pyproject.toml", '[tool.taiyaku]\nfail-on = "fatal"\n', "fail-on: 'fatal' is not one of error, warning, info, never", 2),
        ("taiyaku.toml", 'format = "xml"\n', "format: 'xml' is not one of text, json", 1),
        ("taiyaku.toml", "\n[severity]\nT001 = \"fatal\"\n", "severity: T001 = 'fatal': use one of error, warning, info", 3),
        ("taiyaku.toml", '[severity]\nT001 = "info"\nZ1 = "info"\n', "severity: unknown rule or prefix 'Z1'", 3),
        ("taiyaku.toml", 'severity = ["T001"]\n', "severity: must be a table", 1),
        ("taiyaku.toml", '[per-file-ignores]\n"a/*" = "U002"\n', 'per-file-ignores: "a/*" must map to a list of rules', 2),
        ("taiyaku.toml", '[per-file-ignores]\n"a/*" = ["U9"]\n', "per-file-ignores: unknown rule or prefix 'U9'", 2),
        ("taiyaku.toml", 'pairs = [["ja/{name}.md", "en/x.md"]]\n', 'pairs: "en/x.md" needs exactly one {name}', 1),
        ("taiyaku.toml", 'pairs = ["ja/{name}.md"]\n', "pairs: must be a list of [ja pattern, en pattern]", 1),
        ("taiyaku.toml", 'pairs = [["{name}.md", "{name}.md"]]\n', "is both the ja and the en pattern", 1),
        ("taiyaku.toml", 'separators = ["re:([a-z"]\n', 'separators: "re:([a-z" is not a valid regular expression', 1),
        ("taiyaku.toml", 'separators = ["  "]\n', "separators: empty separator", 1),
        ("taiyaku.toml", 'slug-suffixes = [""]\n', "slug-suffixes: empty suffix", 1),
        ("taiyaku.toml", 'glossary = "missing.tsv"\n', "glossary: no such file: missing.tsv (paths are relative to", 1),
        ("taiyaku.toml", "glossary = 3\n", "glossary: must be a path", 1),
        ("taiyaku.toml", 'fail-on = "error"\nselect = [\n', "invalid TOML (Invalid value): fix the syntax", 2),
        ("taiyaku.toml", 'a = 1\na = 2\n', "invalid TOML (Cannot overwrite a value)", 2),
        ("pyproject.toml", "[tool]\ntaiyaku = 1\n", "tool.taiyaku must be a table", 2),
    ],
)
def test_config_errors_name_the_file_and_line(project, name, text, message, line):
    write(project / name, text)
    with pytest.raises(InputError) as err:
        load_settings(["."], {})
    assert err.value.path == name
    assert message in err.value.message
    assert err.value.line == line
    assert "\n" not in str(err.value)


def test_config_not_utf8(project):
    (project / "taiyaku.toml").write_bytes('select = ["T"]\n# 腰痛\n'.encode("shift_jis"))
    with pytest.raises(InputError) as err:
        load_settings(["."], {})
    assert (err.value.path, err.value.line) == ("taiyaku.toml", 2)
    assert "not UTF-8" in err.value.message


@pytest.mark.parametrize(
    "cli,message",
    [
        ({"select": ("T,X9",)}, "--select: unknown rule or prefix 'X9'"),
        ({"ignore": ("nonsense",)}, "--ignore: unknown rule or prefix 'nonsense'"),
        ({"fail_on": "fatal"}, "--fail-on: 'fatal' is not one of"),
        ({"format": "xml"}, "--format: 'xml' is not one of"),
    ],
)
def test_command_line_errors(project, cli, message):
    with pytest.raises(InputError) as err:
        load_settings(["."], cli)
    assert err.value.path is None
    assert message in err.value.message


# --- applying: severities and per-file ignores -------------------------------------------------------


def finding(rule: str, path: str, severity: str | None = None) -> Finding:
    r = registry()[rule]
    return Finding(r.code, r.name, r.category, severity or r.severity, path, 0, 1, "m")


def settings_with(project, text: str):
    write(project / "taiyaku.toml", text)
    return load_settings(["."], {})


@pytest.mark.parametrize(
    "severity,rule,expected",
    [
        ('T003 = "error"', "T003", "error"),
        ('T = "info"', "T001", "info"),
        ('T = "info"\nT001 = "warning"', "T001", "warning"),  # the most specific key wins
        ('T001 = "warning"\nT = "info"', "T001", "warning"),  # whatever the order
        ('forbidden-rendering = "info"\nT001 = "warning"', "T001", "info"),  # a name beats a code
        ('ALL = "info"', "U001", "info"),
        ('T = "info"', "U001", "warning"),  # not covered: the rule's default
    ],
)
def test_severity_overrides(project, severity, rule, expected):
    s = settings_with(project, "[severity]\n" + severity + "\n")
    original = finding(rule, "a.en.txt")
    findings = [original]
    out = apply_settings(findings, s)
    assert [f.severity for f in out] == [expected]
    assert original.severity == registry()[rule].severity  # the input is not changed
    assert findings == [original]


@pytest.mark.parametrize(
    "glob,path,rule,dropped",
    [
        ("drafts/**", "drafts/a.en.txt", "U002", True),
        ("drafts/**", "drafts/deep/er/a.en.txt", "U002", True),
        ("drafts/**", "drafts/a.en.txt", "T001", False),  # another rule
        ("drafts/**", "final/a.en.txt", "U002", False),
        ("drafts", "drafts/x/a.en.txt", "U002", True),  # a directory covers what is in it
        ("drafts/", "drafts/a.en.txt", "U002", True),
        ("*.en.md", "site/x/a.en.md", "U002", True),  # no "/": matches at any depth
        ("*.en.md", "site/x/a.en.txt", "U002", False),
        ("site/*.md", "site/a.md", "U002", True),
        ("site/*.md", "site/x/a.md", "U002", False),  # "*" stays in one directory
        ("site/**/*.md", "site/a.md", "U002", True),
        ("site/**/*.md", "site/x/y/a.md", "U002", True),
        ("./site/a?.md", "site/ab.md", "U002", True),
        ("site/[ab].md", "site/b.md", "U002", True),
        ("site/[!ab].md", "site/b.md", "U002", False),
        ("../outside/*.md", "site/a.md", "U002", False),
    ],
)
def test_per_file_ignores(project, glob, path, rule, dropped):
    s = settings_with(project, f'[per-file-ignores]\n"{glob}" = ["U002"]\n')
    assert (apply_settings([finding(rule, path)], s) == []) == dropped


@pytest.mark.parametrize(
    "codes,rule,dropped",
    [('["U"]', "U001", True), ('["untranslated-passage"]', "U002", True), ('["ALL"]', "T001", True),
     ('["U002", "T001"]', "T001", True), ('["U002"]', "U001", False)],
)
def test_per_file_ignore_codes(project, codes, rule, dropped):
    s = settings_with(project, f'[per-file-ignores]\n"*.txt" = {codes}\n')
    assert (apply_settings([finding(rule, "a.en.txt")], s) == []) == dropped


def test_per_file_globs_are_relative_to_the_config_directory(project, monkeypatch):
    write(project / "taiyaku.toml", '[per-file-ignores]\n"site/drafts/*" = ["U002"]\n')
    (project / "site" / "drafts").mkdir(parents=True)
    monkeypatch.chdir(project / "site")  # findings' paths are relative to here
    s = load_settings(["drafts"], {})
    out = apply_settings([finding("U002", "drafts/a.ja.txt"), finding("U002", "other/a.ja.txt")], s)
    assert [f.path for f in out] == ["other/a.ja.txt"]
    assert apply_settings([finding("U002", str(project / "site/drafts/a.ja.txt"))], s) == []


def test_apply_keeps_order(project):
    s = settings_with(project, '[severity]\nT001 = "info"\n[per-file-ignores]\n"b.txt" = ["ALL"]\n')
    out = apply_settings([finding("U001", "a.txt"), finding("T001", "b.txt"), finding("T001", "a.txt")], s)
    assert [(f.rule, f.path, f.severity) for f in out] == [("U001", "a.txt", "warning"), ("T001", "a.txt", "info")]


@pytest.mark.parametrize(
    "glob,matches,misses",
    [
        ("a/**/b", ["a/b", "a/x/b", "a/x/y/b"], ["b", "a/bb"]),
        ("**", ["a", "a/b/c"], []),
        ("*.md", ["x.md"], ["x/y.md", "x.mdx"]),
        ("[abc", ["[abc"], ["a"]),  # an unclosed bracket is literal
    ],
)
def test_glob_regex(glob, matches, misses):
    regex = glob_regex(glob)
    assert all(regex.fullmatch(m) for m in matches)
    assert not any(regex.fullmatch(m) for m in misses)


# --- describing ---------------------------------------------------------------------------------------


def test_describe_text_and_json(project):
    write(project / "pyproject.toml", FULL)
    write(project / "terms" / "glossary.tsv", "ja\ten\n")
    s = load_settings(["."], {"fail_on": "warning", "ignore": ("A001",)})
    text = describe(s)
    lines = text.splitlines()
    assert lines[0] == "# configuration: pyproject.toml"
    rows = {line.split(" = ")[0]: line for line in lines[1:]}
    assert list(rows) == list(KEYS)
    assert rows["fail-on"].startswith('fail-on = "warning"') and rows["fail-on"].endswith("# command line")
    assert rows["format"].endswith("# pyproject.toml")
    assert rows["ignore"].startswith('ignore = ["japanese-in-english", "A001"]')
    assert rows["ignore"].endswith("# pyproject.toml + command line")
    assert 'severity = { T003 = "warning", missing-rendering = "info" }' in rows["severity"]
    assert 'per-file-ignores = { "drafts/**" = ["U002"] }' in rows["per-file-ignores"]
    assert 'separators = ["=== 英訳 ===", "re:-{3,} *EN *-{3,}"]' in rows["separators"]
    data = json.loads(describe_json(s))
    assert data == json.loads(json.dumps(as_dict(s)))
    assert data["config"] == "pyproject.toml" and data["root"] == str(project)
    assert data["settings"]["select"] == {"value": ["T", "C001", "U"], "source": "pyproject.toml"}
    assert data["settings"]["fail-on"] == {"value": "warning", "source": "command line"}
    assert data["settings"]["pairs"]["value"] == [[os.path.join("ja", "{name}.md"), os.path.join("en", "{name}.md")]]


def test_describe_without_config(project):
    text = describe(load_settings(["."], {}))
    assert text.startswith("# configuration: none found (defaults)\n")
    assert text.count("# default\n") == len(KEYS)


def test_describe_output_is_valid_toml_for_the_settings(project):
    import tomllib

    write(project / "pyproject.toml", FULL)
    write(project / "terms" / "glossary.tsv", "ja\ten\n")
    s = load_settings(["."], {})
    parsed = tomllib.loads(describe(s))
    assert parsed["severity"] == s.severity
    assert parsed["per-file-ignores"] == {k: list(v) for k, v in s.per_file_ignores.items()}
    assert parsed["select"] == list(s.select)


# --- pairing patterns (articles.discover) and extra separators (documents.is_separator) -----------------


def test_pattern_pairs_from_the_config(project):
    write(project / "taiyaku.toml", 'pairs = [["ja/{name}.md", "en/{name}.md"], ["ja/{name}.txt", "en/{name}.html"]]\n')
    write(project / "ja" / "back-pain.md", "# 腰痛\n\n" + JA)
    write(project / "en" / "back-pain.md", "# Low back pain\n\n" + EN)
    write(project / "ja" / "sub" / "neck.md", JA)
    write(project / "en" / "sub" / "neck.md", EN)
    write(project / "ja" / "stretch.txt", JA)
    write(project / "en" / "stretch.html", "<p>Stretch slowly without bouncing.</p>")
    write(project / "ja" / "alone.md", JA)
    write(project / "notes.ja.txt", JA)  # the built-in convention still holds
    write(project / "notes.en.txt", EN)
    s = load_settings(["."], {})
    groups = discover(["ja", "notes.ja.txt"], s.pairs)
    j = os.path.join
    assert groups == [
        (j("ja", "alone"), {"ja": j("ja", "alone.md")}),
        (j("ja", "back-pain"), {"ja": j("ja", "back-pain.md"), "en": j("en", "back-pain.md")}),
        (j("ja", "stretch"), {"ja": j("ja", "stretch.txt"), "en": j("en", "stretch.html")}),
        (j("ja", "sub", "neck"), {"ja": j("ja", "sub", "neck.md"), "en": j("en", "sub", "neck.md")}),
        ("notes", {"ja": "notes.ja.txt", "en": "notes.en.txt"}),
    ]
    # naming the English half, or walking both directories, gives the same articles
    assert discover([j("en", "back-pain.md")], s.pairs) == [
        (j("ja", "back-pain"), {"en": j("en", "back-pain.md"), "ja": j("ja", "back-pain.md")})]
    assert len(discover(["ja", "en"], s.pairs)) == 4
    assert len(discover(["ja", str(project / "en")], s.pairs)) == 4  # relative and absolute spellings
    articles = {a.name: a for a in find_articles(["ja"], s.pairs)}
    article = articles[j("ja", "back-pain")]
    assert [d.role for d in article.documents] == ["ja", "en"]  # roles from the pattern, not the name
    assert len(article.ja) == 3 and len(article.en) == 3


def test_without_patterns_language_folders_still_pair(project):
    write(project / "ja" / "a.md", JA)
    write(project / "en" / "a.md", EN)
    write(project / "docs" / "b.md", JA)  # a folder that names no language: an article of its own
    assert discover(["."]) == [
        (os.path.join("docs", "b"), {"": os.path.join("docs", "b.md"), "@": "."}),
        (os.path.join("*", "a"), {"en": os.path.join("en", "a.md"), "@": ".", "ja": os.path.join("ja", "a.md")}),
    ]


def test_two_files_for_one_half_with_patterns(project):
    write(project / "ja" / "a.md", JA)
    write(project / "ja" / "a.txt", JA)
    pairs = [("ja/{name}.md", "en/{name}.md"), ("ja/{name}.txt", "en/{name}.md")]
    write(project / "en" / "a.md", EN)
    with pytest.raises(InputError, match="two ja files for one article"):
        discover(["ja"], pairs)


@pytest.mark.parametrize(
    "separator,line,matches",
    [
        ("=== 英訳 ===", "=== 英訳 ===", True),
        ("=== 英訳 ===", "  === 英訳 ===  ", True),  # white space at the ends does not count
        ("=== English Translation ===", "=== english translation ===", True),  # literal: any case
        ("=== 英訳 ===", "=== 英訳 === です", False),  # the whole line
        ("(EN)", "(EN)", True),  # literal: no regex meaning
        ("(EN)", "EN", False),
        ("re:-{3,} *EN *-{3,}", "------ EN ---", True),
        ("re:-{3,} *EN *-{3,}", "-- EN --", False),
        ("re:(?i)translated by .+", "Translated by Dr. Sato, Osaka Seitai Clinic, with care and many thanks", True),
    ],
)
def test_extra_separators(separator, line, matches):
    assert is_separator(line, (separator_pattern(separator),)) == matches


def test_extra_separators_divide_a_bilingual_file(project):
    text = f"題名\n\n{JA}\n*** 英訳 ***\n\n{EN}"
    write(project / "a.txt", text)
    plain = read_document("a.txt")
    assert any("英訳" in b.text for b in plain.blocks)  # not a separator by default: it is text
    doc = read_document("a.txt", separators=(separator_pattern("*** 英訳 ***"),))
    assert doc.role == "bilingual"
    assert [b.lang for b in doc.blocks] == ["ja", "ja", "ja", "en", "en"]
    assert not any("英訳" in b.text for b in doc.blocks)
    write(project / "taiyaku.toml", 'separators = ["*** 英訳 ***"]\n')
    (article,) = find_articles(["a.txt"], separators=load_settings(["."], {}).separator_patterns())
    assert len(article.ja) == 3 and len(article.en) == 2
