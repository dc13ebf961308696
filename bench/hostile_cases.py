"""Hostile inputs of a chosen size, written at run time (never committed): the cases of issue 14.

Each case is a function ``(folder, size) -> argv`` that writes its files into ``folder`` (about ``size``
characters of article text) and returns the ``taiyaku`` arguments that check them. Shared by
``bench/hostile.py`` (time and memory against size) and ``tests/test_fuzz.py`` (small sizes).
"""

from __future__ import annotations

from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
B64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _ja_text() -> str:
    return (CORPUS / "massage-soreness.ja.txt").read_text(encoding="utf-8")


def _en_text() -> str:
    return (CORPUS / "massage-soreness.en.txt").read_text(encoding="utf-8")


def kanji_line(folder: Path, size: int) -> list[str]:
    """One line of a single kanji (crashed MeCab: exit 139)."""
    (folder / "a.ja.txt").write_text(_repeat("痛", size) + "\n", encoding="utf-8")
    return ["check", str(folder)]


def base64_ja(folder: Path, size: int) -> list[str]:
    """A pasted base64 image inside Japanese Markdown."""
    ja = _ja_text()
    (folder / "a.ja.md").write_text(ja + f"\n![図](data:image/png;base64,{_repeat(B64, size)})\n" + ja,
                                    encoding="utf-8")
    return ["check", str(folder)]


def base64_en(folder: Path, size: int) -> list[str]:
    """The same blob inside English Markdown, with its Japanese source beside it."""
    en = _en_text()
    (folder / "a.ja.md").write_text(_ja_text(), encoding="utf-8")
    (folder / "a.en.md").write_text(en + f"\n![figure](data:image/png;base64,{_repeat(B64, size)})\n" + en,
                                    encoding="utf-8")
    return ["check", str(folder)]


def one_long_line(folder: Path, size: int) -> list[str]:
    """A real article pair repeated with its line breaks removed: one line per file."""
    (folder / "a.ja.txt").write_text(_repeat(_ja_text().replace("\n", ""), size), encoding="utf-8")
    (folder / "a.en.txt").write_text(_repeat(_en_text().replace("\n", " "), size), encoding="utf-8")
    return ["check", str(folder)]


def minified_html(folder: Path, size: int) -> list[str]:
    """A bilingual HTML page pair written on one line each (CMS exports), checked as text."""
    for lang in ("ja", "en"):
        page = (CORPUS / f"central-sensitization.{lang}.html").read_text(encoding="utf-8")
        head, body = page.split("<body>", 1)
        body, tail = body.rsplit("</body>", 1)
        body = _repeat(body, size)
        (folder / f"a.{lang}.html").write_text((head + "<body>" + body + "</body>" + tail).replace("\n", ""),
                                               encoding="utf-8")
    return ["check", str(folder)]


def nested_html(folder: Path, size: int) -> list[str]:
    """Elements nested ``size / 12`` deep, closed."""
    n = max(1, size // 12)
    (folder / "a.ja.html").write_text("<span>" * n + "腰痛がある。" + "</span>" * n, encoding="utf-8")
    return ["check", str(folder)]


def unclosed_div(folder: Path, size: int) -> list[str]:
    """``<div>`` opened and never closed, with text between."""
    (folder / "a.ja.html").write_text(_repeat("<div>腰痛。", size), encoding="utf-8")
    return ["check", str(folder)]


def long_comment(folder: Path, size: int) -> list[str]:
    """One HTML comment holding a long run of Japanese text."""
    (folder / "a.ja.html").write_text("<p>腰痛。</p><!--" + _repeat("揉み返し", size) + "--><p>腰痛。</p>",
                                      encoding="utf-8")
    return ["check", str(folder)]


def nested_emphasis(folder: Path, size: int) -> list[str]:
    """Markdown emphasis opened over and over, never closed."""
    (folder / "a.ja.md").write_text(_repeat("*腰痛_が**あ", size) + "\n", encoding="utf-8")
    return ["check", str(folder)]


def glossary_cell(folder: Path, size: int) -> list[str]:
    """A glossary whose ja cell is a long run of one kanji (must be refused in one line)."""
    (folder / "g.tsv").write_text("ja\ten\n" + _repeat("痛", size) + "\tpain\n", encoding="utf-8")
    return ["check", "--glossary", str(folder / "g.tsv"), str(CORPUS / "massage-soreness.ja.txt")]


def repeated_article(folder: Path, size: int) -> list[str]:
    """A real Japanese article repeated (with its line breaks) to ``size`` characters."""
    (folder / "a.ja.txt").write_text(_repeat(_ja_text(), size), encoding="utf-8")
    return ["check", str(folder)]


def separate_copies(folder: Path, size: int) -> list[str]:
    """The same amount of text as ``repeated-article``, as separate copies of the article (one file
    each): the time one big article should be close to."""
    text = _ja_text()
    for i in range(max(1, round(size / len(text)))):
        (folder / f"a{i:05d}.ja.txt").write_text(text, encoding="utf-8")
    return ["check", "--jobs", "1", str(folder)]


def repeated_bilingual(folder: Path, size: int) -> list[str]:
    """A real article pair, each repeated to ``size`` characters."""
    (folder / "a.ja.txt").write_text(_repeat(_ja_text(), size), encoding="utf-8")
    (folder / "a.en.txt").write_text(_repeat(_en_text(), size * 2), encoding="utf-8")
    return ["check", str(folder)]


def score_file(folder: Path, size: int) -> list[str]:
    """``score`` of an English file against itself with a word changed."""
    en = _repeat(_en_text(), size)
    (folder / "hyp.txt").write_text(en.replace("massage", "rub"), encoding="utf-8")
    (folder / "ref.txt").write_text(en, encoding="utf-8")
    return ["score", str(folder / "hyp.txt"), str(folder / "ref.txt")]


def cr_only(folder: Path, size: int) -> list[str]:
    """A real article with CR-only line endings (old Mac)."""
    (folder / "a.ja.txt").write_text(_repeat(_ja_text(), size).replace("\n", "\r"), encoding="utf-8", newline="")
    return ["check", str(folder)]


CASES = {f.__name__.replace("_", "-"): f for f in (
    kanji_line, base64_ja, base64_en, one_long_line, minified_html, nested_html, unclosed_div, long_comment,
    nested_emphasis, glossary_cell, repeated_article, separate_copies, repeated_bilingual, score_file, cr_only,
)}
