"""The dictionary of known misspellings and misuses (J002): package data, ``checks/data/misspellings.tsv``.

Columns: wrong, right, kind (``misspelling``: a wrong spelling of one word, safe fix; ``misuse``: a
wrong word in a fixed phrase, unsafe fix), source. Each ``wrong`` is tokenized once, so it matches a
run of whole tokens; ``right`` must differ from it in one stretch that lies before any inflected ending.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

KINDS = ("misspelling", "misuse")


@dataclass(frozen=True)
class Misspelling:
    wrong: str
    right: str
    kind: str
    source: str
    tokens: tuple[str, ...]  # surfaces of ``wrong`` as MeCab splits it
    last_lemma: str  # lemma of its last token if that token inflects ("" otherwise)

    @property
    def cited(self) -> str:
        """The source's title alone: 現代仮名遣い, デジタル大辞泉."""
        return re.split(r"[（「(:]", self.source, maxsplit=1)[0].strip()

    @property
    def safe(self) -> bool:
        return self.kind == "misspelling"

    def apply(self, found: str) -> str | None:
        """``found`` (this entry's wrong form, its last token possibly inflected) corrected; None if
        the changed stretch reaches into an inflected ending."""
        w, r = self.wrong, self.right
        cp = 0
        while cp < min(len(w), len(r)) and w[cp] == r[cp]:
            cp += 1
        cs = 0
        while cs < min(len(w), len(r)) - cp and w[-1 - cs] == r[-1 - cs]:
            cs += 1
        cut = len(w) - cs  # wrong[:cut] holds everything that changes
        if found[:cut] != w[:cut]:
            return None
        return r[: len(r) - cs] + found[cut:]


def parse(text: str, origin: str = "misspellings.tsv") -> list[Misspelling]:
    """Entries of a misspellings TSV (comments start with #; the first other line is the header)."""
    from taiyaku.analyze.tokens import tokenize

    entries: list[Misspelling] = []
    header = True
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if header:
            if cols != ["wrong", "right", "kind", "source"]:
                raise ValueError(f"{origin}:{n}: header must be wrong, right, kind, source")
            header = False
            continue
        if len(cols) != 4 or not all(c.strip() for c in cols):
            raise ValueError(f"{origin}:{n}: need 4 non-empty tab-separated columns: wrong, right, kind, source")
        wrong, right, kind, source = (c.strip() for c in cols)
        if kind not in KINDS or wrong == right:
            raise ValueError(f"{origin}:{n}: kind must be one of {', '.join(KINDS)} and right must differ from wrong")
        toks = tokenize(wrong)
        if "".join(t.surface for t in toks) != wrong:
            raise ValueError(f"{origin}:{n}: {wrong!r} contains white space")
        last_lemma = toks[-1].lemma if toks[-1].conj_form else ""
        entries.append(Misspelling(wrong, right, kind, source, tuple(t.surface for t in toks), last_lemma))
    return entries


@lru_cache(maxsize=1)
def misspellings() -> tuple[Misspelling, ...]:
    """The bundled dictionary."""
    from taiyaku.installed import package_file

    text = package_file("taiyaku.checks", "data/misspellings.tsv").read_text(encoding="utf-8")
    return tuple(parse(text))


@lru_cache(maxsize=8)
def by_first_token(entries: tuple[Misspelling, ...] | None = None) -> dict[str, list[Misspelling]]:
    """Entries (default: the bundled ones) by the surface of their first token."""
    index: dict[str, list[Misspelling]] = {}
    for e in misspellings() if entries is None else entries:
        index.setdefault(e.tokens[0], []).append(e)
    return index
