"""Bytes → text: UTF-8 (with or without BOM), Shift_JIS (CP932) or EUC-JP, decided strictly.

Line endings are kept as they are, so offsets index the file as written; ``Document.position`` counts
lines by ``"\\n"``, which gives LF and CRLF files the same (line, column) for the same text.
"""

from __future__ import annotations

import codecs
import re

from taiyaku.errors import InputError

_MESSAGE = "binary or undecodable file: save it as UTF-8, Shift_JIS or EUC-JP"
_LEGACY = ("cp932", "euc-jp")
# control characters (but ^Z, which ends old DOS files), and what CP932 makes of bytes no Shift_JIS
# text holds (0x80, 0xA0, 0xFD-0xFF)
_JUNK = re.compile("[\x01-\x08\x0e-\x19\x1b-\x1f\x7f-\x9f\uf8f0-\uf8f3]")


def decode(data: bytes, path: str) -> tuple[str, str]:
    """(text, encoding name): "utf-8", "utf-8-sig", "cp932", "euc-jp" (or "iso-2022-jp"). Raises
    InputError for binary or undecodable data."""
    if b"\x00" in data:
        raise InputError(_MESSAGE, path=path)
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            raise InputError(_MESSAGE, path=path) from None
    if b"\x1b$" in data:  # ISO-2022-JP is 7-bit: it would pass for UTF-8
        try:
            return data.decode("iso2022_jp"), "iso-2022-jp"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    decoded = {}
    for enc in _LEGACY:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if not _JUNK.search(text):
            decoded[enc] = text
    if not decoded:
        raise InputError(_MESSAGE, path=path)
    if len(decoded) == 1:
        enc, text = next(iter(decoded.items()))
        return text, enc
    enc = _tie_break(data, decoded)
    return decoded[enc], enc


def _tie_break(data: bytes, decoded: dict[str, str]) -> str:
    """Both legacy encodings decode: ask charset-normalizer, else prefer the text with more kana."""
    from charset_normalizer import from_bytes  # imported only for this rare case

    best = from_bytes(data, cp_isolation=list(_LEGACY)).best()
    if best is not None:
        name = best.encoding.replace("_", "-").lower()
        name = {"shift-jis": "cp932", "shift-jis-2004": "cp932", "euc-jis-2004": "euc-jp"}.get(name, name)
        if name in decoded:
            return name

    def kana(text: str) -> int:
        return sum(1 for c in text if "\u3040" <= c <= "\u30ff") - sum(1 for c in text if "\uff61" <= c <= "\uff9f")

    return max(_LEGACY, key=lambda enc: kana(decoded[enc]) if enc in decoded else -1)
