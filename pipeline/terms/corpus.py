"""What mining and coverage read from the articles: Japanese term candidates and aligned pairs.

``read_corpus`` is the one adapter onto the analysis API (``find_articles`` → ``analyze`` →
``ctx.pairs``): re-point it there when that API changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from taiyaku.analyze.pos import COUNTER, NOUN, NUMERAL, POSSIBLY_COUNTER, POSSIBLY_DEPENDENT, PREFIX, PROPER_NOUN, SUFFIX, VERB
from taiyaku.models import Segment, Token

# Endings that make a noun compound look medical (a condition, a muscle, a joint, an operation, a pain,
# a posture of a body part: 巻き肩, 反り腰, O脚 …)
MEDICAL_ENDINGS = ("症", "炎", "筋", "関節", "術", "痛", "骨", "神経", "療法", "障害", "損傷", "骨折", "椎", "腱",
                   "靭帯", "靱帯", "検査", "麻痺", "症候群", "ヘルニア", "肩", "腰", "膝", "首", "背", "脚")
_KATAKANA = re.compile(r"^[\u30a1-\u30fa\u30fc・]{3,}$")
_KANJI = re.compile(r"[\u3400-\u9fff]")
_HIRAGANA_START = re.compile(r"^[\u3041-\u3096]")
_SKIP_POS2 = frozenset((NUMERAL, PROPER_NOUN, POSSIBLY_DEPENDENT, COUNTER, POSSIBLY_COUNTER))


@dataclass(frozen=True)
class Candidate:
    """A Japanese noun compound (or a single noun) in a segment; ``start``/``end`` index its text."""

    text: str
    segment: Segment
    start: int
    end: int
    tokens: tuple[Token, ...]

    @property
    def location(self) -> str:
        line, column = self.segment.doc.position(self.segment.source_span(self.start, self.end)[0])
        return f"{self.segment.doc.path}:{line}:{column}"

    @property
    def medical(self) -> bool:
        """Ends like a medical term (症, 炎, 筋, 関節, 術, 痛 …) or is a katakana loanword."""
        return self.text.endswith(MEDICAL_ENDINGS) or is_katakana(self.text)


def is_katakana(text: str) -> bool:
    """A katakana word of 3+ characters: a loanword."""
    return bool(_KATAKANA.match(text))


def _content_noun(t: Token) -> bool:
    return t.pos[0] == NOUN and t.pos[1] not in _SKIP_POS2 and not t.surface.isdigit()


def candidates(segment: Segment, tokens: list[Token]) -> list[Candidate]:
    """Maximal noun compounds: [prefix] noun (noun | noun-like suffix)*, optionally opened by a verb stem
    (巻き肩, 揉み返し); a lone noun counts when it has kanji or is a katakana word of 3+ characters."""
    out: list[Candidate] = []
    i, n = 0, len(tokens)
    while i < n:
        j = i
        if tokens[j].pos[0] == PREFIX:
            j += 1
        elif (tokens[j].pos[0] == VERB and tokens[j].conj_form.startswith("連用形") and _KANJI.search(tokens[j].surface)
              and j + 1 < n and _content_noun(tokens[j + 1]) and tokens[j + 1].start == tokens[j].end):
            j += 1
        if j >= n or not _content_noun(tokens[j]):
            i += 1
            continue
        k = j + 1
        while k < n and tokens[k].start == tokens[k - 1].end and (
            _content_noun(tokens[k]) or (tokens[k].pos[0] == SUFFIX and tokens[k].pos[1] == "名詞的")
        ):
            k += 1
        run = tokens[i:k]
        text = segment.text[run[0].start : run[-1].end]
        if len(run) > 1 or (len(text) > 1 and (_KANJI.search(text) or _KATAKANA.match(text))):
            out.append(Candidate(text, segment, run[0].start, run[-1].end, tuple(run)))
        i = k
    return out


@dataclass
class Corpus:
    """Japanese segments with their tokens and glossary hits, and the sure aligned pairs."""

    segments: list[tuple[Segment, list[Token], list]]  # (segment, tokens, glossary hits)
    pairs: list[tuple[list[Segment], list[Segment]]]  # sure pairs: (Japanese, English)
    articles: int = 0
    bilingual: int = 0


def read_corpus(paths: list[str], glossary) -> Corpus:
    """The adapter: articles of ``paths`` analysed with ``glossary``; sure pairs are those the checks
    compare (confidence sure or likely)."""
    from taiyaku.analyze.analysis import Analyzer, analyze
    from taiyaku.read.articles import find_articles

    analyzer = Analyzer.build(glossary)
    corpus = Corpus([], [])
    for article in find_articles(paths):
        ctx = analyze(article, analyzer)
        corpus.articles += 1
        for a in ctx.ja:
            corpus.segments.append((a.segment, list(a.tokens), list(a.hits)))
        if ctx.bilingual:
            corpus.bilingual += 1
            corpus.pairs.extend((list(p.ja), list(p.en)) for p in ctx.pairs if p.confident)
    return corpus


def uncovered(candidate: Candidate, hits) -> list[Token]:
    """The candidate's tokens that no glossary hit covers, neutral affixes (お, 後, 側 …) aside: empty when
    the glossary knows the compound (施術後 is 施術 + 後)."""
    from taiyaku.analyze.match_ja import NEUTRAL_PREFIXES, NEUTRAL_SUFFIXES

    spans = [(h.start, h.end) for h in hits]
    return [t for t in candidate.tokens
            if not any(a <= t.start and t.end <= b for a, b in spans)
            and not ((t.pos[0] == PREFIX and t.surface in NEUTRAL_PREFIXES)
                     or (t.pos[0] in (SUFFIX, NOUN) and t.surface in NEUTRAL_SUFFIXES and t is not candidate.tokens[0]))]


def looks_medical(candidate: Candidate, rest: list[Token]) -> bool:
    """For the coverage report: a medical ending (症, 炎, 筋, 関節, 術, 痛 …); a katakana loanword that is a
    compound or that UniDic has no everyday gloss for (セルフマッサージ, カイロプラクター, not ケース);
    or a compound built on a known term (可動域制限)."""
    if not rest:
        return False
    if candidate.text.endswith(MEDICAL_ENDINGS):
        return True
    if is_katakana(candidate.text):
        return len(candidate.tokens) > 1 or not candidate.tokens[0].gloss
    nouns = [t for t in candidate.tokens if _content_noun(t)]
    return len(nouns) > 1 and len(rest) < len(candidate.tokens) and not _HIRAGANA_START.match(candidate.text)


def worth_mining(candidate: Candidate, rest: list[Token]) -> bool:
    """Medical-looking, or a compound of two or more content nouns; never a run opened by a counter
    (か月以上) or left as only everyday words after a known term."""
    if not rest or _HIRAGANA_START.match(candidate.text) and candidate.tokens[0].pos[0] != PREFIX:
        return False
    nouns = [t for t in candidate.tokens if _content_noun(t)]
    return candidate.medical or len(nouns) > 1
