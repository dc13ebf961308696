"""TMX 1.4b: the exchange format of translation memories (CAT tools, MT training).

``write_tmx`` writes units with a header naming taiyaku as the creation tool, a creation date per unit
and properties for the path, line and confidence of each pair. ``read_tmx`` reads a TMX written by any
tool (with the stdlib XML parser behind defusedxml, ``memory.xmlfile``): each ``<tu>`` gives its Japanese and English
``<seg>`` text (inline codes ``<ph>``, ``<bpt>``, ``<ept>``, ``<it>``, ``<ut>`` dropped, ``<hi>`` text
kept), its ``<prop>`` values and ``<note>`` texts. A file that is not XML, not TMX 1.4 or has a unit
without Japanese or English is an InputError: one line, exit 2.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable

from taiyaku.errors import InputError
from taiyaku.memory.xmlfile import mixed_text, xml_safe

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CODES = frozenset({"ph", "bpt", "ept", "it", "ut"})  # inline native codes: not text
PROP = "x-taiyaku-"


def write_tmx(units: Iterable, created: str, version: str) -> bytes:
    """TMX 1.4b of ``units`` (pairs of ``store.Unit`` and their check time), ``created`` the file's date
    (``YYYYMMDDThhmmssZ``)."""
    root = ET.Element("tmx", version="1.4")
    ET.SubElement(root, "header", {
        "creationtool": "taiyaku", "creationtoolversion": version, "segtype": "sentence", "o-tmf": "taiyaku-tm",
        "adminlang": "en", "srclang": "ja", "datatype": "plaintext", "creationdate": created,
    })
    body = ET.SubElement(root, "body")
    for n, (unit, checked) in enumerate(units, 1):
        tu = ET.SubElement(body, "tu", tuid=str(n), creationdate=checked)
        for key, value in (("path", unit.ja_path), ("line", str(unit.ja_line)), ("en-path", unit.en_path),
                           ("en-line", str(unit.en_line)), ("confidence", unit.confidence)):
            ET.SubElement(tu, "prop", type=PROP + key).text = xml_safe(value)
        for lang, text in (("ja", unit.ja), ("en", unit.en)):
            tuv = ET.SubElement(tu, "tuv", {XML_LANG: lang})
            ET.SubElement(tuv, "seg").text = xml_safe(text)  # TMX has no escape for them
    ET.indent(root, space=" ")
    return (b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
            + ET.tostring(root, encoding="utf-8", xml_declaration=False) + b"\n")


def read_tmx(path: str) -> list[tuple[str, str, dict]]:
    """The (Japanese, English, properties) of every unit of the TMX file at ``path``; properties map
    each ``<prop>`` type to its text, and "notes" to the unit's ``<note>`` texts."""
    from taiyaku.memory.xmlfile import parse

    root, lines = parse(path, "a TMX 1.4 file")
    line = lines.get(id(root))
    if root.tag != "tmx":
        raise InputError(f"not a TMX file: the root element is <{root.tag}>, not <tmx>", path, line)
    if root.get("version") not in ("1.4", "1.4b"):
        raise InputError(f"TMX version {root.get('version')!r} is not supported: give TMX 1.4", path, line)
    header, body = root.find("header"), root.find("body")
    if header is None or body is None:
        raise InputError("not a TMX file: no <header> or no <body>", path, line)
    out = []
    for n, tu in enumerate(body.iter("tu"), 1):
        segs = {}
        for tuv in tu.findall("tuv"):
            lang = (tuv.get(XML_LANG) or tuv.get("lang") or "").lower()
            seg = tuv.find("seg")
            if seg is not None:
                segs.setdefault(lang.split("-")[0].split("_")[0], _text(seg))
        missing = [name for code, name in (("ja", "Japanese"), ("en", "English")) if code not in segs]
        if missing:
            which = f"unit {n}" + (f" (tuid {tu.get('tuid')})" if tu.get("tuid") else "")
            have = ", ".join(sorted(segs)) or "none"
            raise InputError(f"{which} has no {' or '.join(missing)} <tuv> (languages: {have}): "
                             "taiyaku imports Japanese–English units", path, lines.get(id(tu)))
        props = {p.get("type", ""): (p.text or "") for p in tu.findall("prop")}
        notes = [note.text or "" for note in tu.findall("note")]
        if notes:
            props["notes"] = notes
        ja, en = segs["ja"].strip(), segs["en"].strip()
        if ja and en:
            out.append((ja, en, props))
    return out


def _text(element) -> str:
    """The text of a ``<seg>`` (or ``<hi>``): inline codes left out, their tails kept."""
    return mixed_text(element, lambda child: "" if child.tag in CODES else None)
