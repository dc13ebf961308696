"""WordPress export (WXR, Tools → Export, .xml): every post or page is an article.

Posts that translate each other are one article (Japanese and English halves), linked by
- WPML: the postmeta WPML Export and Import writes (``_wpml_import_translation_group`` with
  ``_wpml_import_language_code``), or icl_translations-style ``_icl_trid`` / ``_icl_lang_code``;
- Polylang: the ``language`` and ``post_translations`` taxonomies (``<category domain=…>``);
- else the slug rule: ``NAME-en`` (or ``NAME_en``; the ``slug-suffixes`` setting) is the English of ``NAME``.
A post without a partner is an article on its own (Japanese-only, English-only or bilingual); posts in
other languages, attachments, menu items, revisions and drafts in the bin are not articles. The title
is the article's title block; ``content:encoded`` is read like .html (classic-editor text without
``<p>``: a blank line is a paragraph break and a line break is ``<br>``, as WordPress shows it;
shortcodes are dropped). Offsets point into the .xml file, so findings land on the post's own lines.
A .xml file found in a directory that is not a WordPress export is not an input.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from taiyaku.errors import InputError
from taiyaku.models import Block
from taiyaku.read.formats import Builder, Loaded
from taiyaku.read.formats.xmltext import Mapped, Start, Text, check_xml, events, file_version

EN_SLUG_SUFFIXES = ("-en", "_en")  # the slug rule (configuration: slug-suffixes)
_NOT_ARTICLES = {
    "attachment", "nav_menu_item", "revision", "custom_css", "customize_changeset", "oembed_cache",
    "user_request", "wp_block", "wp_template", "wp_template_part", "wp_global_styles", "wp_navigation",
    "wp_font_family", "wp_font_face", "acf-field", "acf-field-group", "wpcf7_contact_form",
}
_LANG_KEYS = {"_wpml_import_language_code", "_icl_lang_code"}
_GROUP_KEYS = {"_wpml_import_translation_group", "_icl_trid"}
_FIELDS = {"title", "content:encoded", "wp:post_id", "wp:post_name", "wp:post_type", "wp:status"}
_SNIFF = 8192  # bytes read to tell a WordPress export from another .xml
_CLASSIC = re.compile(r"\[/?[A-Za-z][\w-]*(?:\s[^\]\n]*)?\]|\n[ \t\r]*\n\s*|\n")
_PARAGRAPH_TAG = re.compile(r"<(?:p|div|h[1-6]|ul|ol|table|figure|blockquote)[\s>]", re.I)


@dataclass
class _Post:
    fields: dict[str, Mapped] = field(default_factory=dict)
    lang: str = ""
    group: str = ""

    def text(self, name: str) -> str:
        m = self.fields.get(name)
        return m.text.strip() if m is not None else ""

    @property
    def id(self) -> str:
        return self.text("wp:post_id")

    @property
    def slug(self) -> str:
        return self.text("wp:post_name")

    @property
    def side(self) -> str:
        """"ja", "en", "" (unknown: decided from the text) or "other"."""
        lang = self.lang.lower()
        return "" if not lang else lang[:2] if lang[:2] in ("ja", "en") else "other"


def articles(path: str, explicit: bool = True, slug_suffixes: Sequence[str] | None = None,
             ) -> list[tuple[str, dict[str, str]]]:
    """(article name ``path#slug``, group) per post or translated pair; the group's ``"#ja"``/``"#en"``
    (``"#"`` for a single post) are post ids (see ``articles.discover``). ``slug_suffixes``: the slug
    rule's suffixes (default ``EN_SLUG_SUFFIXES``)."""
    suffixes = EN_SLUG_SUFFIXES if slug_suffixes is None else tuple(slug_suffixes)
    if not _is_wxr(path):
        if explicit:
            raise InputError("not a WordPress export (WXR): export the site with Tools → Export, or "
                             "give .txt/.md/.html files", path=path)
        return []
    posts = [p for p in _parse(path)[2] if p.side != "other"]
    by_group: dict[str, dict[str, _Post]] = {}
    for p in posts:
        if p.group and p.side:
            by_group.setdefault(p.group, {}).setdefault(p.side, p)
    paired: dict[str, dict[str, _Post]] = {id(m): g for g in by_group.values() if len(g) == 2 for m in g.values()}
    slugs = {p.slug: p for p in posts if id(p) not in paired and p.slug}
    for p in posts:
        base = next((p.slug[: -len(s)] for s in suffixes if p.slug.endswith(s)), None)
        partner = slugs.get(base) if base else None
        if partner is not None and id(partner) not in paired and id(p) not in paired and partner.side != "en":
            paired[id(p)] = paired[id(partner)] = {"ja": partner, "en": p}
    out, done = [], set()
    for p in posts:
        pair = paired.get(id(p))
        if pair is None:
            out.append((f"{path}#{p.slug or p.id}", {"": path, "#": p.id}))
        elif id(pair) not in done:
            done.add(id(pair))
            ja, en = pair["ja"], pair["en"]
            out.append((f"{path}#{ja.slug or ja.id}", {"ja": path, "en": path, "#ja": ja.id, "#en": en.id}))
    return out


def load(path: str, part: str | None = None) -> Loaded:
    """The blocks of post ``part`` (its id), or of every post: title, then the body read as HTML."""
    text, encoding, posts = _parse(path)
    chosen = [p for p in posts if part is None or p.id == part]
    if not chosen:
        raise InputError(f"no post with id {part} in this export: check the file was not changed", path=path)
    blocks: list[Block] = []
    for p in chosen:
        title = p.fields.get("title")
        if title is not None:
            b = Builder()
            for piece in title.pieces:
                b.add(piece.source_start, title.text[piece.text_start : piece.text_start + piece.length])
            block = b.build("title")
            if block is not None:
                blocks.append(block)
        body = p.fields.get("content:encoded")
        if body is not None:
            if not _PARAGRAPH_TAG.search(body.text):
                body = body.sub(_CLASSIC, _autop)
            blocks.extend(body.blocks(html=True))
    role = chosen[0].side if len(chosen) == 1 and chosen[0].side in ("ja", "en") else None
    return Loaded(text, encoding, blocks, role=role)


def _autop(m: re.Match[str]) -> str:
    """Classic-editor text as WordPress shows it: blank line → paragraph, line break → <br>."""
    s = m.group()
    if s.startswith("["):
        return ""  # a shortcode
    return "<p>" if s.count("\n") > 1 else "<br>"


def _is_wxr(path: str) -> bool:
    try:
        with open(path, "rb") as f:
            head = f.read(_SNIFF)
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror or exc}): check its permissions", path=path) from None
    return b"<rss" in head and b"wordpress.org/export/" in head


def _parse(path: str) -> tuple[str, str, list[_Post]]:
    return _parse_cached(path, *file_version(path))


@lru_cache(maxsize=2)
def _parse_cached(path: str, _mtime: int, _size: int) -> tuple[str, str, list[_Post]]:
    """(text, encoding, posts) of an export (cached: each of its articles is loaded from it)."""
    from taiyaku.read.documents import read_text

    text, encoding = read_text(path)
    check_xml(text, path)
    posts: list[_Post] = []
    stack: list[str] = []
    post: _Post | None = None
    meta: dict[str, str] = {}
    collecting: list[Text] | None = None
    field_name = ""  # the element being collected
    for ev in events(text):
        if isinstance(ev, Text):
            if collecting is not None:
                collecting.append(ev)
            continue
        if isinstance(ev, Start):
            parent = stack[-1] if stack else ""
            if ev.name == "item":
                post = _Post()
            elif post is not None and parent == "item" and ev.name == "category":
                domain, slug = ev.attrs.get("domain", ""), ev.attrs.get("nicename", "")
                if domain == "language":
                    post.lang = slug
                elif domain == "post_translations":
                    post.group = "pll:" + slug
            elif post is not None and (parent == "item" and ev.name in _FIELDS or parent == "wp:postmeta"):
                collecting, field_name = [], ev.name
            elif ev.name == "wp:postmeta":
                meta = {}
            if not ev.empty:
                stack.append(ev.name)
            elif collecting is not None:
                collecting = None
                _store(post, meta, ev.name, Mapped("", ()))
            continue
        if stack:
            stack.pop()
        if collecting is not None:
            if ev.name == field_name:
                _store(post, meta, ev.name, Mapped.collect(collecting))
                collecting = None
        elif ev.name == "wp:postmeta" and post is not None:
            key, value = meta.get("wp:meta_key", ""), meta.get("wp:meta_value", "")
            if key in _LANG_KEYS:
                post.lang = value
            elif key in _GROUP_KEYS and value:
                post.group = "wpml:" + value
        elif ev.name == "item" and post is not None:
            if post.text("wp:post_type") not in _NOT_ARTICLES and post.text("wp:status") not in ("trash", "auto-draft"):
                if post.text("title") or post.text("content:encoded"):
                    posts.append(post)
            post = None
    ids = [p.id for p in posts]
    if len(set(ids)) != len(ids) or "" in ids:
        raise InputError("posts without a unique <wp:post_id>: export the site again with Tools → Export", path=path)
    return text, encoding, posts


def _store(post: _Post | None, meta: dict[str, str], name: str, value: Mapped) -> None:
    if post is None:
        return
    if name in ("wp:meta_key", "wp:meta_value"):
        meta[name] = value.text.strip()
    else:
        post.fields[name] = value
