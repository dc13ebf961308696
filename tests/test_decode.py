"""decode(): every supported encoding × line ending × BOM reads the same article at the same places."""

from __future__ import annotations

import pytest

from taiyaku.read.decode import decode
from taiyaku.read.documents import read_document
from taiyaku.errors import InputError

TXT = (
    "マッサージやストレッチで「揉み返し」が起こる原因\n"
    "\n"
    "マッサージやストレッチをすると\n"
    "一時的に腰が楽になる。これは多くの人が経験していることだと思います。\n"
    "・数日すると元に戻る\n"
    "・むしろ痛みが強くなる\n"
    "\n"
    "  ・ レントゲンやMRIなどの検査では\n"
    "    「骨折などの大きな異常はない」と言われている\n"
    "\n"
    "3-1.痛みは「脳の危険判断」という出力\n"
    "\n"
    "↓↓English Below↓↓\n"
    "\n"
    "Hello everyone! I am Dr. Kurimoto, the director of the clinic.\n"
)
MD = (
    "---\n"
    "title: 仙腸関節の痛み\n"
    "---\n"
    "\n"
    "# 仙腸関節の痛みは「緩める」前に「締める」\n"
    "\n"
    "腰の**ベルトライン**より少し下が痛む方は、\n"
    "[仙腸関節](https://example.com/si)に原因があるかもしれません。\n"
    "\n"
    "- お尻の筋肉を鍛える\n"
    "- ご予約は `予約` とお送りください\n"
)
HTML = (
    "<html><head><title>慢性腰痛 &amp; 脳</title><style>p { color: red; }</style></head>\n"
    "<body>\n"
    "<h1>中枢性感作とは</h1>\n"
    "<p>脳や脊髄が痛みに<strong>過敏</strong>になり、\n"
    "  わずかな刺激でも強い痛みとして感じます。</p>\n"
    "<ul><li>強い刺激を繰り返す</li><li>痛みへの不安</li></ul>\n"
    "</body></html>\n"
)
ENCODINGS = [  # (codec used to write, name decode reports, BOM); the samples hold only JIS X 0208 text
    ("utf-8", "utf-8", b""),
    ("utf-8", "utf-8-sig", b"\xef\xbb\xbf"),
    ("cp932", "cp932", b""),
    ("euc-jp", "euc-jp", b""),
]


def _blocks_at(doc):
    return [(b.text, b.kind, b.lang, doc.position(b.to_source(0))) for b in doc.blocks]


@pytest.mark.parametrize("ext,sample", [("txt", TXT), ("md", MD), ("html", HTML)], ids=["txt", "md", "html"])
@pytest.mark.parametrize("codec,reported,bom", ENCODINGS, ids=[e[1] for e in ENCODINGS])
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_every_encoding_reads_the_same_blocks_at_the_same_places(tmp_path, ext, sample, codec, reported, bom, newline):
    reference = tmp_path / f"ref.{ext}"
    reference.write_bytes(sample.encode("utf-8"))
    path = tmp_path / f"a.{ext}"
    path.write_bytes(bom + sample.replace("\n", newline).encode(codec))

    doc = read_document(str(path))

    assert doc.encoding == reported
    assert doc.text.replace("\r\n", "\n") == sample
    assert ("\r\n" in doc.text) == (newline == "\r\n")  # line endings are kept as they are
    expected = _blocks_at(read_document(str(reference)))
    assert len(expected) >= 4
    assert _blocks_at(doc) == expected


@pytest.mark.parametrize(
    "data,text,encoding",
    [
        (b"", "", "utf-8"),
        (b"plain ascii\n", "plain ascii\n", "utf-8"),
        (b"\xef\xbb\xbfabc", "abc", "utf-8-sig"),
        ("腰痛\r\n".encode("cp932"), "腰痛\r\n", "cp932"),
        ("腰痛\r\n\x1a".encode("cp932"), "腰痛\r\n\x1a", "cp932"),  # an old DOS end-of-file mark
        ("ｶﾀｶﾅと漢字".encode("cp932"), "ｶﾀｶﾅと漢字", "cp932"),
        ("これはテストです。漢字も少し入ります。".encode("euc-jp"), "これはテストです。漢字も少し入ります。", "euc-jp"),
        ("日本語です\n".encode("iso2022_jp"), "日本語です\n", "iso-2022-jp"),
    ],
)
def test_decode_table(data, text, encoding):
    assert decode(data, "x.txt") == (text, encoding)


def test_text_valid_in_both_legacy_encodings_is_decided_sensibly():
    data = "ひらがなとカタカナの文章です".encode("euc-jp")
    # EUC-JP kana bytes are also valid CP932 (as half-width katakana): a tie to break, not an error
    data.decode("cp932")
    assert decode(data, "x.txt") == ("ひらがなとカタカナの文章です", "euc-jp")


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",  # NUL bytes: binary
        "日本語".encode("utf-16"),  # UTF-16 holds NULs too
        b"\xff\xfe\xfd\xfc",  # no encoding gives text
        b"\x80abc",  # CP932 would give a control character
        b"\x82",  # a truncated double-byte character
    ],
)
def test_binary_or_undecodable_is_an_input_error(data):
    with pytest.raises(InputError) as err:
        decode(data, "bad.txt")
    assert err.value.path == "bad.txt"
    assert str(err.value) == "bad.txt: binary or undecodable file: save it as UTF-8, Shift_JIS or EUC-JP"
