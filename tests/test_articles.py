"""Documents (roles, separators, errors) and articles (pairing, directory walk)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from taiyaku.read.articles import find_articles
from taiyaku.read.documents import is_separator, read_document
from taiyaku.errors import InputError

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

JA = "腰痛の原因について説明します。\n\nストレッチは反動をつけずに行いましょう。\n"
EN = "This article explains the causes of low back pain.\n\nStretch slowly without bouncing.\n"


def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found in {SEEDS}")
    return SEEDS


def write(path: Path, text: str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return str(path)


# --- documents --------------------------------------------------------------------------------------


def test_seed_000_is_bilingual_and_the_separator_is_not_a_block():
    doc = read_document(str(next(seeds().glob("000_*.txt"))))
    assert doc.role == "bilingual"
    assert [b.index for b in doc.blocks] == list(range(len(doc.blocks)))
    separator = doc.text.index("↓↓English Below↓↓")
    assert not any("English Below" in b.text for b in doc.blocks)
    ja = [b for b in doc.blocks if b.lang == "ja"]
    en = [b for b in doc.blocks if b.lang == "en"]
    before = [b for b in doc.blocks if b.to_source(0) < separator]
    assert [b.lang for b in before] == ["ja", "ja", "en"]  # title, and the mixed title line split in two
    assert before[2].text.startswith("What are the causes")
    # after the separator: the English, and the remains of the Japanese body (the "•" lists), which
    # stay Japanese because language is read from the script, not from the side of the separator
    assert all(b.to_source(0) > separator for b in en[1:])
    assert len([b for b in ja if b.to_source(0) > separator and b.kind == "item"]) == 9
    assert len(en) == 34  # the English title, and 33 paragraphs and items


@pytest.mark.parametrize(
    "prefix, english",
    [
        # 001's table of contents has the English word "Contents" on a line of its own between Japanese
        # lines: a lone word is a label, not a line of the other language, and is not split off
        ("001", []),
        ("002", []),
        ("003", []),
        ("004", []),
    ],
)
def test_seeds_001_to_004_are_japanese_only(prefix, english):
    doc = read_document(str(next(seeds().glob(prefix + "_*.txt"))))
    assert doc.role == "ja"
    assert doc.format == "txt" and doc.encoding == "utf-8"
    assert [b.text for b in doc.blocks if b.lang != "ja"] == english


@pytest.mark.parametrize(
    "name,text,role",
    [
        ("a.en.txt", EN, "en"),
        ("a.ja.txt", JA, "ja"),
        ("a.en.txt", JA, "en"),  # the name wins over the content
        ("a.txt", JA, "ja"),
        ("a.txt", EN, "en"),
        ("a.txt", JA + "\n" + EN, "bilingual"),
        ("a.txt", EN + "\n" + JA, "bilingual"),
        ("a.txt", JA + "\nLINE登録はこちら\n", "ja"),
        ("a.txt", JA + "\nContents\n", "ja"),  # one English word is not an English version
        ("a.md", "# 題名\n\n" + JA, "ja"),
        ("a.html", "<p>腰痛について</p><p>About low back pain and how to treat it.</p>", "bilingual"),
        ("a.txt", "", "ja"),
    ],
)
def test_role(tmp_path, name, text, role):
    assert read_document(write(tmp_path / name, text)).role == role


def test_role_argument_wins(tmp_path):
    assert read_document(write(tmp_path / "a.txt", JA), role="en").role == "en"


@pytest.mark.parametrize(
    "line",
    ["↓↓English Below↓↓", "English below", "ENGLISH BELOW", "--- English ---", "【English】", "English version below",
     "英語は下記", "＜英語は以下＞", "英語版"],
)
def test_separator_lines_divide_a_bilingual_file(tmp_path, line):
    assert is_separator(line)
    doc = read_document(write(tmp_path / "a.txt", f"題名\n\n{JA}\n{line}\n\n{EN}"))
    assert doc.role == "bilingual"
    assert [b.lang for b in doc.blocks] == ["ja", "ja", "ja", "en", "en"]
    assert all(line not in b.text for b in doc.blocks)


@pytest.mark.parametrize("line", ["The main causes include", "English is spoken here.", "腰痛", "This is English"])
def test_ordinary_lines_are_not_separators(line):
    assert not is_separator(line)


def test_english_block_with_a_japanese_term_stays_english(tmp_path):
    doc = read_document(write(tmp_path / "a.txt", JA + "\nThis instability of the joint is called 仙腸関節 instability.\n"))
    assert doc.role == "bilingual"
    assert doc.blocks[-1].lang == "en"
    assert doc.blocks[-1].text == "This instability of the joint is called 仙腸関節 instability."


def test_symbol_only_lines_are_not_blocks_and_digit_lines_take_a_neighbour_language(tmp_path):
    doc = read_document(write(tmp_path / "a.en.txt", "Title\n\n↓↓↓\n\n2024/05/20\n\nSome English text here.\n"))
    assert [(b.text, b.lang) for b in doc.blocks] == [("Title", "en"), ("2024/05/20", "en"), ("Some English text here.", "en")]


@pytest.mark.parametrize(
    "name,create,message",
    [
        ("missing.txt", False, "no such file"),
        ("a.pdf", True, "unsupported file type: use one of .txt, .md, .markdown, .html, .htm"),
        ("dir.txt", "dir", "is a directory"),
    ],
)
def test_read_document_errors(tmp_path, name, create, message):
    path = tmp_path / name
    if create == "dir":
        path.mkdir()
    elif create:
        path.write_text("x")
    with pytest.raises(InputError) as err:
        read_document(str(path))
    assert err.value.path == str(path)
    assert message in err.value.message
    assert "\n" not in str(err.value)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("x")
    path.chmod(0)
    with pytest.raises(InputError, match="cannot read"):
        read_document(str(path))


def test_binary_file_is_an_input_error(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"\x00\x01\x02")
    with pytest.raises(InputError, match="binary or undecodable"):
        read_document(str(path))


# --- articles ---------------------------------------------------------------------------------------


def test_pair_in_one_directory_with_different_extensions(tmp_path):
    ja = write(tmp_path / "a.ja.txt", JA)
    en = write(tmp_path / "a.en.md", EN)
    (article,) = find_articles([ja, en])
    assert article.name == str(tmp_path / "a")
    assert [(d.path, d.role) for d in article.documents] == [(ja, "ja"), (en, "en")]
    assert [s.text for s in article.ja] == ["腰痛の原因について説明します。", "ストレッチは反動をつけずに行いましょう。"]
    assert [s.text for s in article.en] == ["This article explains the causes of low back pain.", "Stretch slowly without bouncing."]
    assert [s.index for s in article.ja] == [0, 1] and [s.index for s in article.en] == [0, 1]


@pytest.mark.parametrize("given", ["a.ja.txt", "a.en.md"])
def test_one_half_picks_up_the_other(tmp_path, given):
    write(tmp_path / "a.ja.txt", JA)
    write(tmp_path / "a.en.md", EN)
    write(tmp_path / "ab.en.txt", EN)  # a longer name is not a partner
    (article,) = find_articles([str(tmp_path / given)])
    assert sorted(os.path.basename(d.path) for d in article.documents) == ["a.en.md", "a.ja.txt"]
    assert len(article.ja) == 2 and len(article.en) == 2


def test_directory_walk(tmp_path):
    write(tmp_path / "b" / "x.ja.txt", JA)
    write(tmp_path / "b" / "x.en.html", "<p>This article explains the causes of low back pain.</p>")
    write(tmp_path / "a.txt", JA + "\n↓↓English Below↓↓\n\n" + EN)
    write(tmp_path / "c.en.txt", EN)
    write(tmp_path / "d.ja.md", JA)
    write(tmp_path / "README.md", "# About this directory\n")
    write(tmp_path / ".hidden" / "h.ja.txt", JA)
    write(tmp_path / "notes.pdf", "x")
    articles = find_articles([str(tmp_path)])
    names = [os.path.relpath(a.name, tmp_path) for a in articles]
    assert names == ["a", "c", "d", os.path.join("b", "x")]
    by_name = dict(zip(names, articles))
    assert by_name["a"].documents[0].role == "bilingual" and len(by_name["a"].ja) == 2 and len(by_name["a"].en) == 2
    assert by_name["c"].ja == () and len(by_name["c"].en) == 2  # English only, no partner
    assert len(by_name["d"].ja) == 2 and by_name["d"].en == ()
    assert [d.format for d in by_name[os.path.join("b", "x")].documents] == ["txt", "html"]
    again = find_articles([str(tmp_path)])
    assert [a.name for a in again] == [a.name for a in articles]  # deterministic


def test_same_file_twice_is_one_article(tmp_path):
    ja = write(tmp_path / "a.ja.txt", JA)
    assert len(find_articles([ja, str(tmp_path), os.path.join(str(tmp_path), ".", "a.ja.txt")])) == 1


def test_two_files_for_one_half_is_an_input_error(tmp_path):
    write(tmp_path / "a.ja.txt", JA)
    write(tmp_path / "a.ja.md", JA)
    with pytest.raises(InputError, match="two ja files"):
        find_articles([str(tmp_path)])


def test_missing_path_is_an_input_error(tmp_path):
    with pytest.raises(InputError) as err:
        find_articles([str(tmp_path / "nope")])
    assert err.value.path == str(tmp_path / "nope")
    assert "no such file or directory" in str(err.value)


def test_seed_directory():
    articles = find_articles([str(seeds())])
    assert [os.path.basename(a.name)[:3] for a in articles] == ["000", "001", "002", "003", "004"]
    assert articles[0].documents[0].role == "bilingual"
    assert len(articles[0].ja) == 15 and len(articles[0].en) == 42
    for article in articles[1:]:
        assert article.en == () and len(article.ja) > 50


def test_unreadable_file_in_a_directory_is_skipped_and_listed(tmp_path):
    """Named on the command line, an unreadable file stops the run (exit 2); found in a directory, it is
    skipped and listed, and the other articles are checked."""
    from tests.helpers import invoke_cli

    write(tmp_path / "a.ja.txt", JA)
    (tmp_path / "broken.docx").write_bytes(b"not a zip")
    write(tmp_path / "job.xlf", "<xliff version='2.0'><file>")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02")
    result = invoke_cli("check", ".", "--select", "U", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    at = lines.index("Skipped 3 files:")
    assert [line.split(":")[0].strip() for line in lines[at + 1 : at + 4]] == ["binary.txt", "broken.docx", "job.xlf"]
    assert lines[-1] == "No findings in 1 file. 3 files skipped."
    quiet = invoke_cli("check", ".", "--select", "U", "--quiet", cwd=tmp_path)
    assert quiet.output == lines[-1] + "\n"
    import json

    doc = json.loads(invoke_cli("check", ".", "--format", "json", cwd=tmp_path).output)
    assert [(s["path"], s["line"]) for s in doc["skipped"]] == [("binary.txt", None), ("broken.docx", None),
                                                                ("job.xlf", 1)]
    assert doc["skipped"][0]["message"].startswith("binary or undecodable file")
    github = invoke_cli("check", ".", "--format", "github", cwd=tmp_path).output.splitlines()
    assert github[-1].startswith("::warning file=job.xlf,line=1,title=taiyaku skipped this file::could not be read: ")
    sarif = json.loads(invoke_cli("check", ".", "--format", "sarif", cwd=tmp_path).output)
    notes = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert [n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for n in notes] == [
        "binary.txt", "broken.docx", "job.xlf"]
    result = invoke_cli("check", "broken.docx", cwd=tmp_path)
    assert result.exit_code == 2 and result.output.startswith("taiyaku: broken.docx: ")


def test_skipped_files_in_sarif_are_valid(tmp_path):
    import json

    from tests.helpers import invoke_cli
    from tests.test_output_sarif import validator

    check = validator()
    write(tmp_path / "a.ja.txt", JA)
    write(tmp_path / "job.xlf", "<xliff version='2.0'><file>")
    log = json.loads(invoke_cli("check", ".", "--format", "sarif", cwd=tmp_path).output)
    check.validate(log)
    [note] = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert note["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}
