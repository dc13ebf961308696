"""WordPress exports (WXR): posts as articles, WPML/Polylang/slug pairs, offsets into the .xml file."""

from __future__ import annotations

import json

import pytest

from taiyaku.read.articles import discover
from taiyaku.read.documents import read_document
from tests.helpers import invoke_cli

# Written by hand: three WPML pairs (ids 10/11, 20/21, 30/31), one Japanese post never translated (40),
# an attachment and a menu item (not articles). 30/31 are classic-editor pages, escaped, not CDATA.
SITE = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
	xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:wp="http://wordpress.org/export/1.2/"
>
<channel>
	<title>さくら整骨院</title>
	<wp:wxr_version>1.2</wp:wxr_version>
	<item>
		<title><![CDATA[揉み返しとは]]></title>
		<content:encoded><![CDATA[<!-- wp:paragraph -->
<p>マッサージの翌日に痛くなることを揉み返しと言います。</p>
<!-- /wp:paragraph -->]]></content:encoded>
		<wp:post_id>10</wp:post_id>
		<wp:post_name><![CDATA[momikaeshi]]></wp:post_name>
		<wp:status><![CDATA[publish]]></wp:status>
		<wp:post_type><![CDATA[post]]></wp:post_type>
		<wp:postmeta><wp:meta_key><![CDATA[_wpml_import_language_code]]></wp:meta_key><wp:meta_value><![CDATA[ja]]></wp:meta_value></wp:postmeta>
		<wp:postmeta><wp:meta_key><![CDATA[_wpml_import_translation_group]]></wp:meta_key><wp:meta_value><![CDATA[101]]></wp:meta_value></wp:postmeta>
	</item>
	<item>
		<title><![CDATA[What is post-massage soreness?]]></title>
		<content:encoded><![CDATA[<!-- wp:paragraph -->
<p>Pain on the day after a massage is called rubbing back.</p>
<!-- /wp:paragraph -->]]></content:encoded>
		<wp:post_id>11</wp:post_id>
		<wp:post_name><![CDATA[what-is-momikaeshi]]></wp:post_name>
		<wp:status><![CDATA[publish]]></wp:status>
		<wp:post_type><![CDATA[post]]></wp:post_type>
		<wp:postmeta><wp:meta_key><![CDATA[_wpml_import_translation_group]]></wp:meta_key><wp:meta_value><![CDATA[101]]></wp:meta_value></wp:postmeta>
		<wp:postmeta><wp:meta_key><![CDATA[_wpml_import_language_code]]></wp:meta_key><wp:meta_value><![CDATA[en]]></wp:meta_value></wp:postmeta>
		<wp:postmeta><wp:meta_key><![CDATA[_wpml_import_source_language_code]]></wp:meta_key><wp:meta_value><![CDATA[ja]]></wp:meta_value></wp:postmeta>
	</item>
	<item>
		<title><![CDATA[腰痛の原因]]></title>
		<content:encoded><![CDATA[<h2>主な原因</h2>
<p>腰痛の多くは筋肉の疲労によって起こります。</p>
<p>長時間のデスクワークは腰に大きな負担をかけます。</p>
<p>痛みが続く場合は整形外科を受診してください。</p>]]></content:encoded>
		<wp:post_id>20</wp:post_id>
		<wp:post_name><![CDATA[youtsu]]></wp:post_name>
		<wp:status><![CDATA[publish]]></wp:status>
		<wp:post_type><![CDATA[post]]></wp:post_type>
		<wp:postmeta><wp:meta_key>_wpml_import_language_code</wp:meta_key><wp:meta_value>ja</wp:meta_value></wp:postmeta>
		<wp:postmeta><wp:meta_key>_wpml_import_translation_group</wp:meta_key><wp:meta_value>102</wp:meta_value></wp:postmeta>
	</item>
	<item>
		<title>Causes of low back pain</title>
		<content:encoded><![CDATA[<h2>Main causes</h2>
<p>Most low back pain is caused by muscle fatigue.</p>
<p>If the pain continues, please visit an orthopedic surgery clinic.</p>]]></content:encoded>
		<wp:post_id>21</wp:post_id>
		<wp:post_name>causes-of-low-back-pain</wp:post_name>
		<wp:status>publish</wp:status>
		<wp:post_type>post</wp:post_type>
		<wp:postmeta><wp:meta_key>_wpml_import_language_code</wp:meta_key><wp:meta_value>en</wp:meta_value></wp:postmeta>
		<wp:postmeta><wp:meta_key>_wpml_import_translation_group</wp:meta_key><wp:meta_value>102</wp:meta_value></wp:postmeta>
	</item>
	<item>
		<title>アクセス</title>
		<content:encoded>当院は駅から徒歩&amp;nbsp;5分です。
土曜日も診療しています。

ご予約はお電話で。[contact-form-7 id="3"]</content:encoded>
		<wp:post_id>30</wp:post_id>
		<wp:post_name>access</wp:post_name>
		<wp:status>publish</wp:status>
		<wp:post_type>page</wp:post_type>
		<wp:postmeta><wp:meta_key>_wpml_import_language_code</wp:meta_key><wp:meta_value>ja</wp:meta_value></wp:postmeta>
		<wp:postmeta><wp:meta_key>_wpml_import_translation_group</wp:meta_key><wp:meta_value>103</wp:meta_value></wp:postmeta>
	</item>
	<item>
		<title>Access</title>
		<content:encoded>Our clinic is a 5-minute walk from the station.
We are also open on Saturdays.

Please book by phone.</content:encoded>
		<wp:post_id>31</wp:post_id>
		<wp:post_name>access-2</wp:post_name>
		<wp:status>publish</wp:status>
		<wp:post_type>page</wp:post_type>
		<wp:postmeta><wp:meta_key>_wpml_import_language_code</wp:meta_key><wp:meta_value>en</wp:meta_value></wp:postmeta>
		<wp:postmeta><wp:meta_key>_wpml_import_translation_group</wp:meta_key><wp:meta_value>103</wp:meta_value></wp:postmeta>
	</item>
	<item>
		<title>年末年始の休診のお知らせ</title>
		<content:encoded><![CDATA[<p>揉み返しが心配な方は、もみ返しについての記事をご覧ください。</p>]]></content:encoded>
		<wp:post_id>40</wp:post_id>
		<wp:post_name>news-2026</wp:post_name>
		<wp:status>publish</wp:status>
		<wp:post_type>post</wp:post_type>
		<wp:postmeta><wp:meta_key>_wpml_import_language_code</wp:meta_key><wp:meta_value>ja</wp:meta_value></wp:postmeta>
		<wp:postmeta><wp:meta_key>_wpml_import_translation_group</wp:meta_key><wp:meta_value>104</wp:meta_value></wp:postmeta>
	</item>
	<item>
		<title>院内の写真</title>
		<wp:post_id>50</wp:post_id>
		<wp:post_name>photo</wp:post_name>
		<wp:status>inherit</wp:status>
		<wp:post_type>attachment</wp:post_type>
	</item>
	<item>
		<title>ホーム</title>
		<wp:post_id>51</wp:post_id>
		<wp:post_type>nav_menu_item</wp:post_type>
	</item>
</channel>
</rss>
"""


def _site(tmp_path, text=SITE, name="site.xml"):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return name


def _post_of_line(line: int) -> str:
    """The <wp:post_id> of the <item> holding a 1-based line of SITE."""
    lines = SITE.split("\n")
    start = max(i for i in range(line) if lines[i].strip() == "<item>")
    end = next(i for i in range(line - 1, len(lines)) if lines[i].strip() == "</item>")
    return next(s.split(">")[1].split("<")[0] for s in lines[start:end] if "<wp:post_id>" in s)


def test_posts_become_articles_and_translations_pairs(tmp_path):
    _site(tmp_path)
    assert [(n, g) for n, g in discover([str(tmp_path / "site.xml")])] == [
        (str(tmp_path / "site.xml#momikaeshi"), {"ja": str(tmp_path / "site.xml"), "en": str(tmp_path / "site.xml"),
                                                 "#ja": "10", "#en": "11"}),
        (str(tmp_path / "site.xml#youtsu"), {"ja": str(tmp_path / "site.xml"), "en": str(tmp_path / "site.xml"),
                                             "#ja": "20", "#en": "21"}),
        (str(tmp_path / "site.xml#access"), {"ja": str(tmp_path / "site.xml"), "en": str(tmp_path / "site.xml"),
                                             "#ja": "30", "#en": "31"}),
        (str(tmp_path / "site.xml#news-2026"), {"": str(tmp_path / "site.xml"), "#": "40"}),
    ]


def test_one_command_finds_each_defect_at_its_post_and_line(tmp_path):
    _site(tmp_path)
    result = invoke_cli("check", "site.xml", "--format", "json", cwd=tmp_path)
    assert result.exit_code == 1, result.output
    doc = json.loads(result.output)
    got = [(f["rule"], _post_of_line(f["line"]), f["line"], f["column"], f["found"]) for f in doc["findings"]]
    assert got == [
        ("T001", "11", 27, 46, "rubbing back"),  # the English body departs from its title: T001 says so
        ("U002", "20", 41, 4, "長時間のデスクワークは腰に大きな負担をかけます。"),  # left out of post 21
        ("C003", "40", 90, 43, "もみ返し"),  # the untranslated post is checked on its own
    ]
    (t001,) = [f for f in doc["findings"] if f["rule"] == "T001"]
    assert "this article renders 揉み返し 2 ways" in t001["message"]
    assert doc["files"] == [{"path": "site.xml", "role": "ja", "encoding": "utf-8"}]
    parallel = invoke_cli("check", "site.xml", "--format", "json", "--jobs", "2", cwd=tmp_path)
    assert parallel.output == result.output  # workers load posts of one file alike


def test_classic_editor_text_escaped_in_the_xml(tmp_path):
    doc = read_document(str(tmp_path / _site(tmp_path)), part="30")
    assert doc.role == "ja"
    got = []
    for b in doc.blocks:
        s, e = b.source_span(0, len(b.text))
        got.append((b.kind, b.text, doc.position(s), doc.text[s:e]))
    assert got == [
        ("title", "アクセス", (63, 10), "アクセス"),
        ("paragraph", "当院は駅から徒歩 5分です。\n土曜日も診療しています。", (64, 20),
         "当院は駅から徒歩&amp;nbsp;5分です。\n土曜日も診療しています。"),
        ("paragraph", "ご予約はお電話で。", (67, 1), "ご予約はお電話で。"),  # the shortcode is dropped
    ]


POLYLANG = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<item><title>肩こり</title><content:encoded><![CDATA[<p>肩こりの原因です。</p>]]></content:encoded>
<wp:post_id>1</wp:post_id><wp:post_name>katakori</wp:post_name><wp:post_type>post</wp:post_type>
<category domain="language" nicename="ja"><![CDATA[日本語]]></category>
<category domain="post_translations" nicename="pll_abc"><![CDATA[pll_abc]]></category></item>
<item><title>Stiff shoulders</title><content:encoded><![CDATA[<p>The causes of stiff shoulders.</p>]]></content:encoded>
<wp:post_id>2</wp:post_id><wp:post_name>stiff-shoulders</wp:post_name><wp:post_type>post</wp:post_type>
<category domain="language" nicename="en"><![CDATA[English]]></category>
<category domain="post_translations" nicename="pll_abc"><![CDATA[pll_abc]]></category></item>
<item><title>腰痛</title><content:encoded><![CDATA[<p>腰痛の原因です。</p>]]></content:encoded>
<wp:post_id>3</wp:post_id><wp:post_name>youtsu</wp:post_name><wp:post_type>post</wp:post_type></item>
<item><title>Low back pain</title><content:encoded><![CDATA[<p>The causes of low back pain.</p>]]></content:encoded>
<wp:post_id>4</wp:post_id><wp:post_name>youtsu-en</wp:post_name><wp:post_type>post</wp:post_type></item>
<item><title>头痛</title><content:encoded><![CDATA[<p>头痛的原因。</p>]]></content:encoded>
<wp:post_id>5</wp:post_id><wp:post_name>zh</wp:post_name><wp:post_type>post</wp:post_type>
<category domain="language" nicename="zh"><![CDATA[中文]]></category></item>
<item><title>Trash</title><wp:post_id>6</wp:post_id><wp:status>trash</wp:status><wp:post_type>post</wp:post_type></item>
</channel>
</rss>
"""


def test_polylang_and_slug_rule_pairs(tmp_path):
    path = str(tmp_path / _site(tmp_path, POLYLANG))
    assert [(n.rsplit("#", 1)[1], {k: v for k, v in g.items() if k.startswith("#")}) for n, g in discover([path])] == [
        ("katakori", {"#ja": "1", "#en": "2"}),  # Polylang taxonomies
        ("youtsu", {"#ja": "3", "#en": "4"}),  # NAME-en is the English of NAME
    ]  # the Chinese post and the one in the bin are not articles


@pytest.mark.parametrize(
    "text, where, message",
    [
        ("<?xml version='1.0'?><urlset><url>https://example.com</url></urlset>", "site.xml",
         "taiyaku: site.xml: not a WordPress export (WXR)"),
        (SITE.replace("</item>", "", 1), "site.xml", "taiyaku: site.xml:110: not well-formed XML (mismatched tag)"),
        (SITE.replace("<wp:post_id>11</wp:post_id>", ""), "site.xml", "taiyaku: site.xml: posts without a unique"),
    ],
)
def test_bad_exports_are_one_line(tmp_path, text, where, message):
    _site(tmp_path, text)
    result = invoke_cli("check", where, cwd=tmp_path)
    assert result.exit_code == 2 and result.output.startswith(message) and result.output.count("\n") == 1, \
        result.output


def test_other_xml_in_a_directory_is_not_an_input(tmp_path):
    _site(tmp_path, "<?xml version='1.0'?><urlset><url>https://example.com</url></urlset>", "sitemap.xml")
    _site(tmp_path)
    result = invoke_cli("check", ".", "--format", "json", cwd=tmp_path)
    doc = json.loads(result.output)
    assert [f["path"] for f in doc["files"]] == ["site.xml"] and "skipped" not in doc


def test_slug_suffixes_are_configurable(tmp_path):
    text = POLYLANG.replace("youtsu-en", "youtsu-english").replace(
        "<p>腰痛の原因です。</p>", "<p>腰痛の原因です。</p><p>長時間座ると腰に負担がかかります。</p>")
    _site(tmp_path, text)
    path = str(tmp_path / "site.xml")
    assert [n.rsplit("#", 1)[1] for n, _ in discover([path])] == ["katakori", "youtsu", "youtsu-english"]
    assert [n.rsplit("#", 1)[1] for n, _ in discover([path], slug_suffixes=["-english"])] == ["katakori", "youtsu"]

    def untranslated():
        doc = json.loads(invoke_cli("check", "site.xml", "--format", "json", "--select", "U002", cwd=tmp_path).output)
        return [f["found"] for f in doc["findings"]]

    assert untranslated() == []  # two unpaired posts: nothing to compare
    (tmp_path / "taiyaku.toml").write_text('slug-suffixes = ["-english"]\n', encoding="utf-8")
    assert untranslated() == ["長時間座ると腰に負担がかかります。"]


def test_align_one_post_of_an_export(tmp_path):
    _site(tmp_path)
    result = invoke_cli("align", "site.xml#youtsu", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    [at] = [i for i, line in enumerate(lines) if line.lstrip().startswith("1-0")]
    assert " 41 " in lines[at] and "長時間のデスクワーク" in "".join(lines[at : at + 3])  # the line in site.xml
    several = invoke_cli("align", "site.xml", cwd=tmp_path)
    assert several.exit_code == 2 and "4 articles found in site.xml (site.xml#momikaeshi, " in several.output
    missing = invoke_cli("align", "site.xml#nothing", cwd=tmp_path)
    assert missing.exit_code == 2 and "no article site.xml#nothing: the file holds site.xml#momikaeshi" in missing.output
