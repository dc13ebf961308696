"""An exchange file (TMX, XLIFF) parsed safely, with the line where each element starts.

The stdlib parser behind defusedxml: no DTD is loaded, no entity is declared or expanded (a
"billion laughs" file is refused at its declaration), nothing is fetched. Errors are one InputError
with the file and line; ``what`` names the kind of file to give instead.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from taiyaku.errors import InputError

INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")  # not XML 1.0 characters


def xml_safe(text: str) -> str:
    """``text`` with each character XML 1.0 cannot hold (controls, lone surrogates, U+FFFE/FFFF) as U+FFFD."""
    return INVALID.sub("\ufffd", text)


def mixed_text(element, inline) -> str:
    """The text of an element with mixed content (``<seg>``, ``<source>``), children's tails included,
    read without recursion (a file may nest elements thousands deep). ``inline(child)`` says what stands
    for a child itself: None to read its text the same way, or a string to put in its place."""
    parts = [element.text or ""]
    stack = [(element, iter(element))]
    while stack:
        node, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if stack:
                parts.append(node.tail or "")
            continue
        instead = inline(child)
        if instead is None:
            parts.append(child.text or "")
            stack.append((child, iter(child)))
        else:
            parts.append(instead)
            parts.append(child.tail or "")
    return "".join(parts)


class _Builder(ET.TreeBuilder):
    """A tree builder that records the line where each element starts (by ``id`` of the element)."""

    def __init__(self) -> None:
        super().__init__()
        self.parser = None
        self.lines: dict[int, int] = {}

    def start(self, tag, attrs):
        element = super().start(tag, attrs)
        self.lines[id(element)] = self.parser.parser.CurrentLineNumber
        return element


def parse(path: str, what: str):
    """(root element, line of an element: ``lines.get(id(element))``) of the XML file at ``path``."""
    import defusedxml.ElementTree as DET
    from defusedxml import DefusedXmlException

    builder = _Builder()
    parser = DET.XMLParser(target=builder, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    builder.parser = parser
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror})", path) from None
    try:
        parser.feed(data)
        root = parser.close()
    except ET.ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        raise InputError(f"not well-formed XML ({getattr(exc, 'msg', exc)}): give {what}", path, line) from None
    except DefusedXmlException as exc:
        raise InputError(f"refused: the XML declares entities ({type(exc).__name__}): give a plain {what.split(' ', 1)[1]}",
                         path, parser.parser.CurrentLineNumber) from None
    return root, builder.lines
