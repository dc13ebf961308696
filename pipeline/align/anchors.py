"""Anchor keys: what a Japanese sentence and its English version can be seen to share.

Both functions return keys in one space, so a Japanese and an English sentence that translate each other
tend to share keys:

- ``n:…``   numbers (:func:`pipeline.numbers.anchor_keys`): ``n:3 month``, ``n:3``, ``n:date 1-18``;
- ``w:…``   English words, lowercased and stemmed with one shared normaliser (:func:`word_key`). On the
            Japanese side they come from the English gloss UniDic carries on many katakana lemmas
            (マッサージ → "massage" → ``w:massag``) and from Latin-script words in the Japanese text;
- ``rom:…`` romanized names: Hepburn of the reading of proper nouns (UniDic pos2 固有名詞) and katakana
            words, folded (:mod:`pipeline.romaji`); on the English side, capitalised words folded the
            same way (栗本 くりもと ↔ Kurimoto → ``rom:kurimoto``);
- ``sk:…``  consonant skeletons of foreign names written in katakana and of English capitalised words
            (ジョーンズ jonzu ↔ Jones → ``sk:jns``; セインズベリー ↔ Sainsbury → ``sk:snsbr``), see
            :func:`skeleton`;
- anything the caller adds through ``extra`` (e.g. glossary terms ``g:仙腸関節`` found in both);
- with a :class:`~taiyaku.align.lexicon.Lexicon` (JMdict, from the ``jamdict-data`` dependency),
  ``w:…`` keys for the English glosses of Japanese content words (筋肉 → muscle → ``w:muscl``).

Keys are evidence, not answers: the aligner keeps only keys seen on both sides of a document and weights
them by rarity.
"""

from __future__ import annotations

import re
from functools import lru_cache

from taiyaku.align.dp import AlignUnit, text_length
from taiyaku.analyze.match_en import stem
from taiyaku.analyze.numbers import anchor_keys, numbers_en, numbers_ja
from taiyaku.align.lexicon import Lexicon
from taiyaku.align.romaji import fold_latin, romanize
from taiyaku.analyze.pos import NOUN, PROPER_NOUN, SUFFIX

__all__ = ["ja_anchors", "en_anchors", "ja_unit", "en_unit", "word_key", "skeleton", "ja_anchor_parts", "Lexicon"]

# Function words carry no alignment evidence; they are left out of ``w:`` keys on both sides.
_STOP = frozenset(
    """a an the and or but if of in on at to for from by with as is are was were be been being am do does
    did have has had it its this that these those there here he she they we you i me him her them us my
    your his our their not no so than then too very can could will would shall should may might must
    about into over after before up down out off all any some such which who whom whose what when where
    why how also just only more most other""".split()
)

_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_KATAKANA = re.compile(r"^[\u30A1-\u30FAー・]+$")
_HYPHENATED = re.compile(r"\b([A-Z][a-z]+)-([A-Za-z]+)\b")


@lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    """The shared normaliser of English words: lowercase, strip 's, Snowball English stem."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'")
    return stem(w)


_SKEL_SUBS = [
    (re.compile(r"ph"), "f"),
    (re.compile(r"gh"), ""),
    (re.compile(r"ck"), "k"),
    (re.compile(r"qu"), "kw"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"c(?=[eiy])"), "s"),
    (re.compile(r"g(?=[eiy])"), "j"),
    (re.compile(r"tsu|ts"), "s"),
    (re.compile(r"th|sh|z"), "s"),
    (re.compile(r"ch"), "c"),
    (re.compile(r"[cq]"), "k"),
    (re.compile(r"l"), "r"),
    (re.compile(r"v"), "b"),
    (re.compile(r"[aeiouywh'\-]"), ""),
    (re.compile(r"(.)\1+"), r"\1"),
]


@lru_cache(maxsize=65536)
def skeleton(latin: str) -> str:
    """Consonant skeleton of a lowercase Latin (or romanized) word, folded so that a name and its
    katakana rendering meet: vowels, w, h, y dropped; l→r, v→b, th/sh/z/ts→s, soft c→s, soft g→j."""
    s = latin.lower()
    for pat, rep in _SKEL_SUBS:
        s = pat.sub(rep, s)
    return s


def _name_keys(romaji: str, keys: set[str], *, skel: bool) -> None:
    if len(romaji) >= 2 and romaji.isascii() and romaji.isalpha():
        keys.add("rom:" + romaji)
        if skel:
            sk = skeleton(romaji)
            if len(sk) >= 3:
                keys.add("sk:" + sk)


def ja_anchor_parts(text: str, tokens=None) -> frozenset[str]:
    """Anchor keys of a Japanese sentence without the numbers (tokens may be given to save tokenizing)."""
    if tokens is None:
        from taiyaku.analyze.tokens import tokenize

        tokens = tokenize(text)
    keys: set[str] = set()
    n = len(tokens)
    for i, t in enumerate(tokens):
        surface = t.surface
        if surface.isascii():
            for w in _LATIN_WORD.findall(surface):
                lw = w.lower()
                if lw not in _STOP and len(lw) > 1:
                    keys.add("w:" + word_key(lw))
                if w[0].isupper() and len(w) > 1:
                    _name_keys(fold_latin(lw), keys, skel=True)
            continue
        proper = t.pos[1] == PROPER_NOUN
        katakana = bool(_KATAKANA.match(surface))
        if t.gloss:
            for w in _LATIN_WORD.findall(t.gloss):
                lw = w.lower()
                if lw not in _STOP:
                    keys.add("w:" + word_key(lw))
        if proper or katakana:
            for part in surface.split("・") if katakana else (surface,):
                reading = t.reading if not katakana or "・" not in surface else part
                _name_keys(romanize(reading), keys, skel=katakana)
            if proper:
                # names split by MeCab (半蔵 + 門): also the reading joined with its neighbours
                if i + 1 < n and tokens[i + 1].pos[0] in (NOUN, SUFFIX):
                    _name_keys(romanize(t.reading + tokens[i + 1].reading), keys, skel=False)
                if i > 0 and tokens[i - 1].pos[1] == PROPER_NOUN:
                    _name_keys(romanize(tokens[i - 1].reading + t.reading), keys, skel=False)
    # katakana words MeCab cut into pieces (インス + タグ + ラム): the whole run too
    run: list[str] = []
    for t in [*tokens, None]:
        if t is not None and _KATAKANA.match(t.surface) and "・" not in t.surface:
            run.append(t.surface)
            continue
        if len(run) > 1:
            _name_keys(romanize("".join(run)), keys, skel=True)
        run = []
    return frozenset(keys)


def ja_anchors(
    text: str, extra: frozenset[str] = frozenset(), *, tokens=None, lexicon: Lexicon | None = None, numbers=None
) -> frozenset[str]:
    """Anchor keys of a Japanese sentence: numbers, glosses, Latin words, romanized names, ``extra``,
    and the JMdict glosses of its content words when a ``lexicon`` is given. ``tokens`` and
    ``numbers`` (its ``numbers_ja`` mentions) may be given when already computed."""
    if tokens is None and lexicon is not None:
        from taiyaku.analyze.tokens import tokenize

        tokens = tokenize(text)
    keys = anchor_keys(numbers_ja(text) if numbers is None else numbers) | ja_anchor_parts(text, tokens) | extra
    if lexicon is not None:
        keys |= lexicon.keys(tokens)
    return keys


def en_anchors(text: str, extra: frozenset[str] = frozenset(), *, numbers=None) -> frozenset[str]:
    """Anchor keys of an English sentence: numbers (its ``numbers_en`` mentions, computed unless
    given), stemmed words, romanized capitalised words, ``extra``."""
    keys: set[str] = set(anchor_keys(numbers_en(text) if numbers is None else numbers))
    for w in _LATIN_WORD.findall(text):
        lw = w.lower()
        if lw in _STOP:
            continue
        keys.add("w:" + word_key(lw))
        if w[0].isupper() and len(w) > 1:
            _name_keys(fold_latin(lw.replace("’", "'").removesuffix("'s")), keys, skel=True)
    # hyphenated names: Shinjuku-dori → also rom:shinjukudori
    for m in _HYPHENATED.finditer(text) if "-" in text else ():
        _name_keys(fold_latin(m.group(1) + m.group(2)), keys, skel=False)
    return frozenset(keys | extra)


def ja_unit(
    text: str, *, boundary: bool = False, extra: frozenset[str] = frozenset(), tokens=None, lexicon=None
) -> AlignUnit:
    """The :class:`AlignUnit` of a Japanese sentence (tokens may be passed to avoid tokenizing again;
    ``lexicon`` is an optional :class:`pipeline.anchors.Lexicon`)."""
    return AlignUnit(text_length(text), ja_anchors(text, extra, tokens=tokens, lexicon=lexicon), boundary)


def en_unit(text: str, *, boundary: bool = False, extra: frozenset[str] = frozenset()) -> AlignUnit:
    """The :class:`AlignUnit` of an English sentence."""
    return AlignUnit(text_length(text), en_anchors(text, extra), boundary)
