"""TBX glossaries: TBX-Basic / TBX v2 (``martif``, ``termEntry``/``langSet``/``tig``|``ntig``) and the
TBX v3 core (``tbx``, ``conceptEntry``/``langSec``/``termSec``, DCA or DCT style).

A concept entry becomes one glossary entry. Japanese terms: the first preferred (or the first) is ``ja``,
the others ``ja_variants``. English terms: the first preferred (or the first admitted) is ``en``, other
preferred/admitted ones ``en_variants``, deprecated/superseded ones ``en_forbidden``. Concept-level
``note`` elements become ``note``; ``descrip type="example"`` the self-tests. Parsed with defusedxml's
SAX parser (no DTDs, no entity expansion), which gives line numbers.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from xml.sax import SAXException, SAXParseException
from xml.sax.handler import ContentHandler, feature_namespaces
from xml.sax.saxutils import escape, quoteattr

from taiyaku.analyze.glossary import Entry, Glossary, make_glossary, nfkc
from taiyaku.errors import InputError

_XML_LANG = "http://www.w3.org/XML/1998/namespace"
_CONCEPT = {"termEntry", "conceptEntry"}
_LANG = {"langSet", "langSec"}
_TERM_GROUP = {"tig", "ntig", "termSec", "termGrp"}
_STATUS_TYPES = {"administrativeStatus", "normativeAuthorization", "termStatus"}
_FORBIDDEN = ("deprecated", "superseded", "forbidden", "obsolete", "rejected")
_PREFERRED = ("preferred", "standardized", "legal", "regulated")


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str]
    line: int
    text: str = ""
    children: list["_Node"] = field(default_factory=list)

    def find_all(self, names: set[str]) -> list["_Node"]:
        out = []
        for c in self.children:
            if c.tag in names:
                out.append(c)
            else:
                out.extend(c.find_all(names))
        return out


class _Builder(ContentHandler):
    def __init__(self):
        super().__init__()
        self.root = _Node("#root", {}, 1)
        self.stack = [self.root]
        self.locator = None

    def setDocumentLocator(self, locator):
        self.locator = locator

    def startElementNS(self, name, qname, attrs):
        uri, local = name
        a = {("xml:" + k[1] if k[0] == _XML_LANG else k[1]): v for k, v in attrs.items()}
        node = _Node(local, a, self.locator.getLineNumber() if self.locator else 0)
        self.stack[-1].children.append(node)
        self.stack.append(node)

    def endElementNS(self, name, qname):
        self.stack.pop()

    def characters(self, content):
        self.stack[-1].text += content


def _parse(text: str, path: str) -> _Node:
    from defusedxml.common import DefusedXmlException
    from defusedxml.sax import make_parser

    parser = make_parser()
    parser.setFeature(feature_namespaces, True)
    handler = _Builder()
    parser.setContentHandler(handler)
    try:
        parser.parse(io.BytesIO(text.encode("utf-8")))  # parse(), not feed(): it sets the locator
    except SAXParseException as exc:
        raise InputError(f"broken XML ({exc.getMessage()}): fix the markup", path, exc.getLineNumber()) from None
    except DefusedXmlException as exc:
        line = handler.locator.getLineNumber() if handler.locator else None
        raise InputError(f"{type(exc).__name__}: DTDs and entities are not read in glossaries", path, line) from None
    except SAXException as exc:
        raise InputError(f"broken XML ({exc.getMessage()})", path) from None
    return handler.root


def _status(group: _Node) -> str:
    """preferred / admitted / forbidden / '' from a term group's status, in TBX v2 or v3 (DCA or DCT)."""
    for n in [group, *group.find_all(_STATUS_TYPES | {"termNote"})]:
        if n.tag in _STATUS_TYPES or (n.tag == "termNote" and n.attrs.get("type") in _STATUS_TYPES):
            value = n.text.strip().lower()
            if value.startswith(_FORBIDDEN):
                return "forbidden"
            if value.startswith(_PREFERRED):
                return "preferred"
            if value.startswith("admitted"):
                return "admitted"
    return ""


def _terms(lang_node: _Node) -> list[tuple[str, str, int]]:
    """(term, status, line) for each term of a language section."""
    out = []
    groups = [g for g in lang_node.children if g.tag in _TERM_GROUP]
    for g in groups:
        term = next((t for t in g.find_all({"term"})), None)
        if term is not None and term.text.strip():
            out.append((" ".join(term.text.split()), _status(g), term.line))
    return out


def _pick(terms: list[tuple[str, str, int]]) -> tuple[str | None, list[str], list[str]]:
    """(the main term, the other accepted terms, the forbidden terms)."""
    ok = [t for t, s, _ in terms if s != "forbidden"]
    preferred = [t for t, s, _ in terms if s == "preferred"]
    main = preferred[0] if preferred else (ok[0] if ok else None)
    return main, [t for t in ok if t != main], [t for t, s, _ in terms if s == "forbidden"]


def read_tbx(text: str, path: str) -> Glossary:
    root = _parse(text, path)
    concepts = root.find_all(_CONCEPT)
    if not root.children or root.children[0].tag not in ("martif", "tbx"):
        raise InputError("not a TBX file: the root element must be <martif> (TBX v2) or <tbx> (TBX v3)", path, 1)
    entries: list[Entry] = []
    for c in concepts:
        by_lang: dict[str, list[tuple[str, str, int]]] = {"ja": [], "en": []}
        for section in c.find_all(_LANG):
            lang = section.attrs.get("xml:lang", section.attrs.get("lang", "")).lower().split("-")[0]
            if lang in by_lang:
                by_lang[lang].extend(_terms(section))
        ja, ja_rest, ja_wrong = _pick(by_lang["ja"])
        en, en_rest, en_wrong = _pick(by_lang["en"])
        if ja is None or en is None:
            missing = "Japanese" if ja is None else "English"
            raise InputError(f"concept entry has no {missing} term (xml:lang=\"{missing[:2].lower()}\")"
                             " that is not deprecated: a glossary entry needs both", path, c.line)
        notes = [n.text.strip() for n in c.children if n.tag == "note" and n.text.strip()]
        examples = [d.text.strip() for d in c.children
                    if d.tag == "descrip" and d.attrs.get("type") == "example" and d.text.strip()]
        entries.append(Entry(
            ja=nfkc(ja), en=en, ja_variants=tuple(nfkc(t) for t in ja_rest + ja_wrong),
            en_variants=tuple(en_rest), en_forbidden=tuple(en_wrong), note=" | ".join(notes),
            line=c.line, examples=tuple(examples),
        ))
    return make_glossary(entries, path)


def _tig(term: str, status: str) -> str:
    return (f"        <tig>\n          <term>{escape(term)}</term>\n"
            f"          <termNote type=\"administrativeStatus\">{status}-admn-sts</termNote>\n        </tig>\n")


def write_tbx(glossary: Glossary) -> str:
    """TBX-Basic (TBX v2, ``martif``): the dialect CAT tools import most widely."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n',
           '<martif type="TBX-Basic" xml:lang="ja">\n  <martifHeader>\n    <fileDesc>\n      <sourceDesc>'
           f'<p>{escape(glossary.path)}, exported by taiyaku</p></sourceDesc>\n    </fileDesc>\n'
           '  </martifHeader>\n  <text>\n    <body>\n']
    for i, e in enumerate(glossary.entries, start=1):
        out.append(f"    <termEntry id={quoteattr(f'c{i}')}>\n")
        if e.note:
            out.append(f"      <note>{escape(e.note)}</note>\n")
        out.extend(f'      <descrip type="example">{escape(x)}</descrip>\n' for x in e.examples)
        out.append('      <langSet xml:lang="ja">\n')
        out.append(_tig(e.ja, "preferredTerm"))
        out.extend(_tig(v, "admittedTerm") for v in e.ja_variants)
        out.append('      </langSet>\n      <langSet xml:lang="en">\n')
        out.append(_tig(e.en, "preferredTerm"))
        out.extend(_tig(v, "admittedTerm") for v in e.en_variants)
        out.extend(_tig(v, "deprecatedTerm") for v in e.en_forbidden)
        out.append("      </langSet>\n    </termEntry>\n")
    out.append("    </body>\n  </text>\n</martif>\n")
    return "".join(out)
