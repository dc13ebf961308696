"""Format readers: blocks, kinds, stripped markup, and pieces that map every character back to its source."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from taiyaku.read.formats import format_of, lines, read_blocks, slice_block

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SEED_FILES = sorted(SEEDS.glob("0*.txt"))


def seed(prefix: str) -> str:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found in {SEEDS}")
    return next(SEEDS.glob(prefix + "_*.txt")).read_text(encoding="utf-8")


def check_offsets(source: str, blocks) -> None:
    """Pieces cover each block's text in order, point inside the source in increasing order, and every
    character is the source character, except characters standing for markup: an entity (at "&"),
    <br> (a "\\n" at "<") and collapsed white space (a " " at any white space)."""
    for block in blocks:
        assert block.text and block.text == block.text.strip()
        assert block.pieces[0].text_start == 0
        end = -1
        for p, q in zip(block.pieces, block.pieces[1:] + (None,)):
            assert p.length > 0 and 0 <= p.source_start and p.source_start + p.length <= len(source)
            assert p.source_start >= end, "pieces go backwards in the source"
            end = p.source_start + p.length
            assert (q.text_start if q else len(block.text)) == p.text_start + p.length, "gap in the pieces"
        for i, ch in enumerate(block.text):
            src = source[block.to_source(i)]
            ok = ch == src or src == "&" or (ch == "\n" and src in "<\r") or (ch == " " and src.isspace())
            assert ok, f"{block.text!r}[{i}] = {ch!r} but the source has {src!r}"


# --- plain text -------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", SEED_FILES, ids=[p.name[:3] for p in SEED_FILES])
def test_seed_blocks_map_every_character_to_the_source(path):
    text = path.read_text(encoding="utf-8")
    blocks = read_blocks("txt", text)
    assert len(blocks) > 10
    check_offsets(text, blocks)
    for block in blocks:  # plain text substitutes nothing: the check is exact
        assert all(text[block.to_source(i)] == ch for i, ch in enumerate(block.text))


def test_seed_001_short_lines_are_joined_and_bullets_are_items():
    text = seed("001")
    blocks = read_blocks("txt", text)
    kinds = {b.text: b.kind for b in blocks}
    assert kinds["2026/01/10(土)"] == "paragraph"  # a date line is not the title
    assert kinds["【腰痛】ストレッチやマッサージをすると悪化するのはなぜ?"] == "title"
    assert kinds["数日すると元に戻る"] == kinds["むしろ痛みが強くなる"] == "item"  # "・" stripped
    joined = next(b for b in blocks if "マッサージやストレッチをすると\n一時的にに腰が楽になる" in b.text)
    assert joined.kind == "paragraph"
    assert joined.text.startswith("カテゴリー:腰痛\nこんにちは!\n")
    nl = joined.text.index("\n")
    assert text[joined.to_source(nl)] == "\n"  # the joining "\n" is the source's own
    item = next(b for b in blocks if b.text == "数日すると元に戻る")
    assert item.to_source(0) == text.index("・数日すると") + 1  # the column points after the bullet


def test_seed_004_numbered_headings_bullets_and_continuations():
    text = seed("004")
    blocks = read_blocks("txt", text)
    by_text = {b.text: b for b in blocks}
    assert by_text["痛みは「脳の危険判断」という出力"].kind == "heading"  # "3-1." stripped
    assert by_text["今回のテーマは腰痛でも「慢性腰痛」"].kind == "heading"  # "1." stripped
    assert by_text["強い刺激が入るたびに、脳が防御反応として筋肉を固める"].kind == "item"  # "  1. "
    item = by_text["レントゲンやMRIなどの検査では\n「骨折・腫瘍・感染症・内臓の病気などの大きな異常はない」と言われている"]
    assert item.kind == "item"  # "  • " item with its indented continuation line


def test_seed_003_dash_bullets_and_url_line():
    text = seed("003")
    blocks = read_blocks("txt", text)
    assert any(b.kind == "item" and b.text == "この状態は、筋肉が硬くなっているわけではありません" for b in blocks)
    assert not any("https://" in b.text for b in blocks)  # a line holding only a URL is not text


@pytest.mark.parametrize(
    "source,expected",
    [
        ("題名\n\n本文です。\n続きです。\n", [("title", "題名"), ("paragraph", "本文です。\n続きです。")]),
        ("題名\n\n見出し\n\n本文です。\n", [("title", "題名"), ("heading", "見出し"), ("paragraph", "本文です。")]),
        ("題名\n\n本文です。\n\n", [("title", "題名"), ("paragraph", "本文です。")]),
        ("題名\n前置き\n・項目一\n・ 項目二\n後書き\n", [("title", "題名"), ("paragraph", "前置き"), ("item", "項目一"), ("item", "項目二"), ("paragraph", "後書き")]),
        ("T\n- one\n– two\n* three\n• four\n※ note\n", [("title", "T"), ("item", "one"), ("item", "two"), ("item", "three"), ("item", "four"), ("item", "note")]),
        ("T\n\n2-1.小見出し\n  1. 手順一\n3.5kgの重さ。\n", [("title", "T"), ("heading", "小見出し"), ("item", "手順一"), ("paragraph", "3.5kgの重さ。")]),
        ("T\n-5度の寒さ。\n", [("title", "T"), ("paragraph", "-5度の寒さ。")]),
        ("  \u3000題名\u3000 \r\n\r\n本文\r\n続き\r\n", [("title", "題名"), ("paragraph", "本文\n続き")]),
        ("T\n・項目\n    続きの行\n次の段落\n", [("title", "T"), ("item", "項目\n続きの行"), ("paragraph", "次の段落")]),
        ("T\n本文\nhttps://example.com/x\n本文2\n", [("title", "T"), ("paragraph", "本文"), ("paragraph", "本文2")]),
        ("T\n１．全角の番号\n² 上付き数字\n", [("title", "T"), ("heading", "全角の番号"), ("paragraph", "² 上付き数字")]),
        ("T\nhello there\nwww.example.com\nworld\n", [("title", "T"), ("paragraph", "hello there"), ("paragraph", "world")]),
        ("", []),
        ("\n\n  \n", []),
    ],
)
def test_text_blocks_table(source, expected):
    blocks = read_blocks("txt", source)
    assert [(b.kind, b.text) for b in blocks] == expected
    check_offsets(source, blocks)
    for block in blocks:
        assert "\r" not in block.text


def test_crlf_joins_point_at_the_newline_not_the_carriage_return():
    source = "T\r\n本文の一行目\r\n二行目\r\n"
    block = read_blocks("txt", source)[1]
    i = block.text.index("\n")
    assert source[block.to_source(i)] == "\n"
    assert source[block.to_source(i + 1)] == "二"


_TXT_ALPHABET = "あい漢字カナAbz .。!?「」・•-–*※123\n\r\t\u3000"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_TXT_ALPHABET, max_size=200))
def test_text_pieces_are_in_bounds_monotonic_and_exact(source):
    blocks = read_blocks("txt", source)
    check_offsets(source, blocks)
    for block in blocks:
        # exact, except a line break of a file with CR-only line endings, read as "\n"
        assert all(source[block.to_source(i)] in (ch, "\r" if ch == "\n" else ch) for i, ch in enumerate(block.text))


# --- Markdown ---------------------------------------------------------------------------------------

MD = """---
title: 仙腸関節の痛み
date: 2024-05-20
---

# 仙腸関節の痛みは「緩める」前に「締める」 #

腰の**ベルトライン**より少し下、*お尻*の割れ目の両側が痛む方は、
[仙腸関節](https://example.com/si "説明")に原因があるかもしれません。

<!-- 編集メモ: ここは後で直す -->

- お尻の筋肉（大殿筋）を鍛える
- ご予約は `予約` と LINE でお送りください
  続きの行です。

1. 手順 ![図](img.png) を見る
2. 詳しくは https://example.com/more を参照 &amp; 確認

```text
コードの中の日本語
```

    インデントされたコード

見出し
======

> 引用文です。

| 項目 | 値 |
|---|---|
| 痛み | 強い |

Escaped \\*stars\\* and snake_case_name and 2 * 3 * 4.

こんにちは!!東京です!! Wow! ~tilde~ ~~strike~~ _em_ __strong__
"""


def test_markdown_blocks_and_inline_markup():
    blocks = read_blocks("md", MD)
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "仙腸関節の痛みは「緩める」前に「締める」"),
        ("paragraph", "腰のベルトラインより少し下、お尻の割れ目の両側が痛む方は、\n仙腸関節に原因があるかもしれません。"),
        ("item", "お尻の筋肉（大殿筋）を鍛える"),
        ("item", "ご予約は  と LINE でお送りください\n続きの行です。"),
        ("item", "手順  を見る"),
        ("item", "詳しくは  を参照 & 確認"),
        ("heading", "見出し"),
        ("paragraph", "引用文です。"),
        ("paragraph", "項目"),
        ("paragraph", "値"),
        ("paragraph", "痛み"),
        ("paragraph", "強い"),
        ("paragraph", "Escaped *stars* and snake_case_name and 2 * 3 * 4."),
        ("paragraph", "こんにちは!!東京です!! Wow! ~tilde~ strike em strong"),
    ]
    check_offsets(MD, blocks)


def test_markdown_offsets_survive_crlf_and_front_matter():
    source = MD.replace("\n", "\r\n")
    lf, crlf = read_blocks("md", MD), read_blocks("md", source)
    assert [b.text for b in lf] == [b.text for b in crlf]
    check_offsets(source, crlf)
    bold = crlf[1]
    assert source[bold.to_source(bold.text.index("ベルトライン")) - 2 :].startswith("**ベルトライン**")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="あ漢A b#-*_`[]()!<>&;\n\r 1.", max_size=120))
def test_markdown_pieces_are_in_bounds_and_monotonic(source):
    check_offsets(source, read_blocks("md", source))


# --- HTML -------------------------------------------------------------------------------------------

HTML = """<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<title>慢性腰痛 &amp; 脳</title>
<style>body { font-family: "メイリオ"; }</style>
<script>const label = "予約する"; if (a < b) {}</script>
</head>
<body>
<noscript>スクリプトを有効にしてください</noscript>
<template><p>テンプレート</p></template>
<h1>中枢性感作とは</h1>
<p>脳や脊髄が痛みに<strong>過敏</strong>になり、
   わずかな刺激でも&nbsp;強い痛みとして感じます。</p>
<p>Central <em>sensitization</em>   means
   more &#x41;&#66; pain<br>after <a href="/x">a stimulus</a>.</p>
<ul><li>強い刺激<li>痛みへの不安</ul>
<div>ボックス<table><tr><td>セル1</td><td>セル2</td></tr></table></div>
<dl><dt>用語</dt><dd>説明</dd></dl>
<blockquote>引用</blockquote>
<p>一段落目<br><br>二段落目 &unknown; &lt;tag&gt;</p>
</body>
</html>
"""


def test_html_blocks():
    blocks = read_blocks("html", HTML)
    assert [(b.kind, b.text) for b in blocks] == [
        ("title", "慢性腰痛 & 脳"),
        ("heading", "中枢性感作とは"),
        ("paragraph", "脳や脊髄が痛みに過敏になり、わずかな刺激でも 強い痛みとして感じます。"),
        ("paragraph", "Central sensitization means more AB pain\nafter a stimulus."),
        ("item", "強い刺激"),
        ("item", "痛みへの不安"),
        ("paragraph", "ボックス"),
        ("paragraph", "セル1"),
        ("paragraph", "セル2"),
        ("item", "用語"),
        ("item", "説明"),
        ("paragraph", "引用"),
        ("paragraph", "一段落目"),
        ("paragraph", "二段落目 &unknown; <tag>"),
    ]
    check_offsets(HTML, blocks)


def test_html_entities_and_breaks_point_at_their_markup():
    blocks = read_blocks("html", HTML)
    title = blocks[0]
    amp = title.to_source(title.text.index("&"))
    assert HTML[amp : amp + 5] == "&amp;"
    para = blocks[3]
    a = para.to_source(para.text.index("A"))
    assert HTML[a : a + 6] == "&#x41;"
    br = para.to_source(para.text.index("\n"))
    assert HTML[br : br + 4] == "<br>"
    assert HTML[para.to_source(para.text.index("after"))] == "a"


def test_html_positions_survive_crlf():
    source = HTML.replace("\n", "\r\n")
    lf, crlf = read_blocks("html", HTML), read_blocks("html", source)
    assert [b.text for b in lf] == [b.text for b in crlf]
    check_offsets(source, crlf)
    line_of = lambda text, off: text.count("\n", 0, off)  # noqa: E731
    assert [line_of(HTML, b.to_source(0)) for b in lf] == [line_of(source, b.to_source(0)) for b in crlf]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="あ漢A b<>/p&;#x1 \n\r!-", max_size=120))
def test_html_pieces_are_in_bounds_and_monotonic(source):
    check_offsets(source, read_blocks("html", source))


# --- helpers ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name,fmt",
    [("a.txt", "txt"), ("a.ja.TXT", "txt"), ("b.md", "md"), ("b.markdown", "md"), ("c.html", "html"), ("c.en.htm", "html"), ("d.pdf", None), ("README", None)],
)
def test_format_of(name, fmt):
    assert format_of(name) == fmt


@pytest.mark.parametrize(
    "text,expected",
    [
        ("", [(0, 0, -1)]),
        ("a", [(0, 1, -1)]),
        ("a\n", [(0, 1, 1)]),  # a final "\n" opens no empty line
        ("a\n\n", [(0, 1, 1), (2, 2, 2)]),
        ("ab\r\ncd", [(0, 2, 3), (4, 6, -1)]),  # "\r" is not in the line
        ("a\r\r\nb\r", [(0, 2, 3), (4, 5, -1)]),  # only the "\r" of the line ending goes
        ("ab\rcd\r", [(0, 2, 2), (3, 5, 5)]),  # CR-only line endings
    ],
)
def test_lines(text, expected):
    assert lines(text) == expected


def test_slice_block_rebases_pieces():
    source = "T\n\n一行目\n二行目\n"
    block = read_blocks("txt", source)[1]
    part = slice_block(block, 2, 6)
    assert part.text == "目\n二行"
    assert [source[part.to_source(i)] for i in range(len(part.text))] == list(part.text)


@pytest.mark.parametrize("ext", ["txt", "md"])
def test_cr_only_line_endings_are_lines(ext):
    """A file with CR-only line endings (old Mac) reads as the same lines as its LF version."""
    from taiyaku.models import Document

    lf = "# 腰痛\n\n揉み返しが起こる。\n\nマッサージ後に痛む。\n"
    cr = lf.replace("\n", "\r")
    assert [b.text for b in read_blocks(ext, cr)] == [b.text for b in read_blocks(ext, lf)]
    doc = Document("a." + ext, cr, "utf-8", ext, "ja")
    assert doc.position(cr.index("マ")) == (5, 1) and doc.line_text(3) == "揉み返しが起こる。"
