"""J005's detector: brackets and quotes of a paragraph that are not closed, close nothing, or are
closed by the wrong kind."""

from __future__ import annotations

import re

from taiyaku.checks.spots import Spot

_OPEN = {"「": "」", "『": "』", "（": "）", "(": ")", "【": "】"}
_QUOTES = ("「", "『")
_FAMILY = {"(": "(", "（": "(", ")": "(", "）": "(", "「": "「", "」": "「", "『": "『", "』": "『", "【": "【", "】": "【"}
BRACKET = re.compile("[" + re.escape("".join(_FAMILY)) + "]")
# The "1" of "1) 腰痛 2) 肩こり": a list number after the start, white space, 、。・ or an opening quote.
_ENUMERATOR = re.compile(r"(?:^|[\s\u3000、。・「『])(?:[0-9０-９]{1,2}|[a-zA-Zａ-ｚＡ-Ｚ])$")


def unbalanced_brackets(text: str, next_text: str = "") -> list[Spot]:
    """Brackets and quotes of a paragraph that are not closed, close nothing, or are closed by the
    wrong kind. Full- and half-width parentheses pair with each other; "1)" list numbers are fine.

    A quotation over several paragraphs may, as in English, reopen 「 on each new line or paragraph and
    close only at its end: an opener at the start of a line continues the same open quotation, and an
    opener still open at the end is fine if ``next_text`` (the next paragraph) starts with it."""
    if _FLAT.fullmatch(text):
        return []  # most paragraphs: no bracket, or 「…」, （…） and the like
    return _walk(text, next_text)


def _walk(text: str, next_text: str) -> list[Spot]:
    """``unbalanced_brackets``, bracket by bracket."""
    spots: list[Spot] = []
    stack: list[tuple[str, int, int]] = []  # (opener, where, where it was last reopened)
    for m in BRACKET.finditer(text):
        i, ch = m.start(), m.group()
        fam = _FAMILY[ch]
        if ch in _OPEN and fam == "(" and _emoticon(text, i, True):
            continue
        if ch in _OPEN:
            if stack and _FAMILY[stack[-1][0]] == fam and _reopens(text, stack[-1][2], i):
                stack[-1] = (stack[-1][0], stack[-1][1], i)
            else:
                stack.append((ch, i, i))
            continue
        depth = next((k for k in range(len(stack) - 1, -1, -1) if _FAMILY[stack[k][0]] == fam), None)
        if depth is not None:
            for o, j, _ in stack[depth + 1 :]:
                spots.append(Spot(j, j + 1, f"「{o}」 is not closed in this paragraph"))
            del stack[depth:]
        elif stack and (fam in _QUOTES) == (_FAMILY[stack[-1][0]] in _QUOTES):  # 「…』: one slip
            o, j, _ = stack.pop()
            spots.append(Spot(j, i + 1, f"「{o}」 is closed with 「{ch}」: write 「{_OPEN[o]}」 or open with the matching bracket"))
        elif not (fam == "(" and (_ENUMERATOR.search(text, 0, i) or _emoticon(text, i, False))):
            spots.append(Spot(i, i + 1, f"「{ch}」 closes nothing in this paragraph"))
    if stack:
        carried = _FAMILY.get(next_text.lstrip()[:1])
        spots.extend(Spot(j, j + 1, f"「{o}」 is not closed in this paragraph") for o, j, _ in stack if _FAMILY[o] != carried)
    return sorted(spots)


_FACE = "^＾_＿;；*＊´`ωー・∀o゜〜~-"  # what kaomoji are made of: (^_^; and ^^) need no partner
_FACE_OPEN = re.compile(rf"[{re.escape(_FACE)}]{{2,}}(?=$|[\s。、!！?？])")
_FACE_CLOSE = re.compile(rf"[{re.escape(_FACE)}]{{2,}}$")
# A paragraph whose brackets close as soon as they open is balanced, unless a parenthesis opens a
# kaomoji (_emoticon): its brackets are 「」, 『』, 【】 and parentheses that open no kaomoji, one after another.
_OTHER = "[^" + re.escape("".join(_FAMILY)) + "]*"
_FLAT = re.compile(
    f"{_OTHER}(?:(?:「{_OTHER}」|『{_OTHER}』|【{_OTHER}】|[(（](?!{_FACE_OPEN.pattern}){_OTHER}[)）]){_OTHER})*"
)


def _emoticon(text: str, i: int, opening: bool) -> bool:
    """Is the parenthesis at ``i`` one side of a kaomoji whose other side is missing on purpose?"""
    if opening:
        return bool(_FACE_OPEN.match(text, i + 1))
    return bool(_FACE_CLOSE.search(text, max(0, i - 8), i))


def _reopens(text: str, opened: int, i: int) -> bool:
    """Does the opener at ``i`` start the line right after the line where a quote was (re)opened at
    ``opened``? (Only the next line: an older unclosed quote is a defect, not a continuation.)"""
    line = text.rfind("\n", 0, i)
    return line > opened and text.rfind("\n", 0, line) < opened and not text[line + 1 : i].strip()
