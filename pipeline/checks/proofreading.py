"""Proofreading: typos and misuses in the Japanese, decided on MeCab tokens (surface, lemma, part of
speech, conjugation form), not on character patterns.

Each rule is a pure detector over ``(text, tokens)`` (brackets, ``checks.brackets``: over a block's
text) that returns ``Spot``s with offsets into ``text``, and a thin registered check that turns them
into findings. The detectors look at every token; a token rule is called only on the sentences its
``sentences`` function picks for the whole article at once (``checks.derived.japanese_tokens``): every
sentence where its detector can find something, and a few more.
Precision figures come from ``python3 bench/proofreading.py`` (the five seeds, the pages in
``bench/proofreading_pages/`` and NTREX-128's Japanese news; each finding judged in
``bench/proofreading_judgements.tsv``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache

from taiyaku.analyze.analysis import ArticleAnalysis, SegmentAnalysis
from taiyaku.analyze.pos import ADJECTIVAL_NOUN, ADJECTIVE, AUXILIARY, CONJUNCTION, NOUN, PARTICLE, PRONOUN, SUFFIX, VERB
from taiyaku.analyze.tokens import verb_type
from taiyaku.checks.brackets import BRACKET, unbalanced_brackets
from taiyaku.checks.derived import find_all, japanese_tokens, proofread
from taiyaku.checks.misspellings import Misspelling, by_first_token
from taiyaku.checks.registry import rule
from taiyaku.checks.spots import Spot, findings
from taiyaku.models import Segment, Token


def _adjacent(tokens: Sequence[Token], i: int) -> Token | None:
    """The token after ``tokens[i]`` if nothing (not even a line break) separates them."""
    if i + 1 < len(tokens) and tokens[i + 1].start == tokens[i].end:
        return tokens[i + 1]
    return None


# --- J001 doubled particle -------------------------------------------------------------------------

# What a particle follows: a content word, an inflecting word or the nominal の (of ので). A pair after
# another particle, a symbol or nothing is a misparsed word (ののかちゃん → の|の|かちゃん).
_HOST_POS = {NOUN, PRONOUN, VERB, ADJECTIVE, ADJECTIVAL_NOUN, SUFFIX, AUXILIARY}
# Doublings that are colloquial but correct: 見てて (見ていて) when MeCab reads both て as particles.
_COLLOQUIAL = {"て"}
_NAME_AFTER = re.compile(r"[ぁ-ゖ]{0,3}(?:ちゃん|さん|くん|君|様|さま|氏|先生)")


def _particle_like(t: Token) -> bool:
    """A particle, or the copula's に/で that readers take for one (一時的に: 的 + に of だ)."""
    return t.pos[0] == PARTICLE or (t.pos[0] == AUXILIARY and t.lemma == "だ" and t.surface in ("に", "で"))


def doubled_particles(text: str, tokens: Sequence[Token]) -> Iterator[Spot]:
    """The same particle twice in adjacent tokens after a content word: 一時的にに, だからから."""
    n = len(tokens)
    for i in range(1, n - 1):
        if tokens[i + 1].surface != tokens[i].surface:  # cheap test first: most tokens are not doubled
            continue
        a, b, host = tokens[i], _adjacent(tokens, i), tokens[i - 1]
        if b is None or a.surface in _COLLOQUIAL:
            continue
        second = _particle_like(b) or (b.pos[0] == CONJUNCTION and b.surface == "で")  # MeCab's reading of ので|で
        hosted = host.pos[0] in _HOST_POS or host.pos == (PARTICLE, "準体助詞")
        if not (_particle_like(a) and second) or host.end != a.start or not hosted:
            continue
        if _NAME_AFTER.match(text, b.end):  # a name in kana read as particles: 〜ののかちゃん
            continue
        s = a.surface
        yield Spot(a.start, b.end, f"doubled particle 「{s}{s}」: write 「{s}」 once", s, True)


# What _particle_like allows twice in a row (and a で read as a conjunction), in derived.CODES. The first
# code is matched, not looked ahead at: the regex engine then scans for it by its set (a fifth faster;
# each match is one character, so the next search starts at the second code and pairs still overlap).
_PARTICLE_PAIR = re.compile("[pa](?=[pac])")


def _may_double(ctx: ArticleAnalysis) -> list[SegmentAnalysis]:
    """The sentences with two particles in a row that have the same surface."""
    japanese = japanese_tokens(ctx)
    tokens = japanese.tokens
    pairs = (m.start() for m in _PARTICLE_PAIR.finditer(japanese.codes))
    return japanese.at(tokens=(i for i in pairs if tokens[i].surface == tokens[i + 1].surface))


# --- J002 known misspelling -------------------------------------------------------------------------


def known_misspellings(text: str, tokens: Sequence[Token], entries: Iterable[Misspelling] | None = None) -> Iterator[Spot]:
    """Listed misspellings and misuses matched on whole tokens (the last one may be inflected);
    ``entries`` defaults to the bundled dictionary."""
    by_first = by_first_token() if entries is None else by_first_token(tuple(entries))
    for i, t in enumerate(tokens):
        for e in by_first.get(t.surface, ()):
            end = _match(tokens, i, e)
            if end is None:
                continue
            found = text[t.start : end]
            fixed = e.apply(found)
            yield Spot(t.start, end, f"「{found}」 is a {e.kind}: write 「{fixed or e.right}」 (see {e.cited})", fixed, e.safe)


def _may_misspell(ctx: ArticleAnalysis) -> list[SegmentAnalysis]:
    """The sentences holding the first token of a bundled entry (as text)."""
    japanese = japanese_tokens(ctx)
    return japanese.at(chars=(m.start() for m in _first_tokens().finditer(japanese.text)))


@lru_cache(maxsize=1)
def _first_tokens() -> re.Pattern:
    """The surfaces the bundled entries start with."""
    return re.compile("|".join(sorted(map(re.escape, by_first_token()), key=len, reverse=True)) or "(?!)")


def _match(tokens: Sequence[Token], i: int, e: Misspelling) -> int | None:
    """End offset of ``e`` matched at ``tokens[i]``, or None: same surfaces token by token, nothing
    between the tokens; a last token that inflects needs the same lemma, in any form."""
    n = len(e.tokens)
    if i + n > len(tokens):
        return None
    run = tokens[i : i + n]
    if any(run[k + 1].start != run[k].end for k in range(n - 1)):
        return None
    if any(run[k].surface != e.tokens[k] for k in range(n - 1)):
        return None
    last = run[-1]
    if e.last_lemma:  # an inflecting last token: the same verb in any form (おえ of 終える: おえない, おえず)
        return last.end if last.lemma == e.last_lemma else None
    return last.end if last.surface == e.tokens[-1] else None


# --- J003 broken polite ending ----------------------------------------------------------------------

_POLITE, _POLITE_FORMS = ("ます", "です"), ("終止形", "連体形")
_AFTER_N = ("で", "だ", "です", "じゃ")  # 行きますんで: colloquial ますので, not a broken ending
_AFTER_POLITE_OK = ("まい",)  # 行きますまい
_ENDING_PAIR = re.compile("a(?=[as])")  # an auxiliary followed by an auxiliary or a suffix (derived.CODES)


def _may_break_ending(ctx: ArticleAnalysis) -> list[SegmentAnalysis]:
    """The sentences with a polite ending (ます, です) or a past た followed by an auxiliary or a suffix,
    an auxiliary followed by ん, or 「んん」 (every branch of ``broken_polite_endings`` needs one)."""
    japanese = japanese_tokens(ctx)
    tokens, codes, text = japanese.tokens, japanese.codes, japanese.text
    pairs = [m.start() for m in _ENDING_PAIR.finditer(codes)]
    pairs += (
        i
        for r in japanese.token_ranges(find_all(text, "ん"))  # only the sentences where ん is
        for i in find_all(codes, "a", r.start, r.stop - 1)
        if tokens[i + 1].surface == "ん"
    )
    return japanese.at(tokens=(i for i in pairs if _ending_pair(tokens[i], tokens[i + 1])), chars=find_all(text, "んん"))


def _ending_pair(a: Token, b: Token) -> bool:
    """Can the auxiliary ``a`` and the auxiliary or suffix ``b`` after it be a broken ending?"""
    return (a.lemma in _POLITE and a.conj_form.startswith(_POLITE_FORMS)) or a.lemma == b.lemma == "た"


def broken_polite_endings(text: str, tokens: Sequence[Token]) -> Iterator[Spot]:
    """ます/です followed by what cannot follow them (ますん, ですげ, ますす), and doubled endings
    (でしたた, ませんん)."""
    for i, a in enumerate(tokens):
        if a.pos[0] != AUXILIARY and a.surface != "ん":  # no branch below applies (most tokens)
            continue
        b = _adjacent(tokens, i)
        if b is None:
            continue
        found = a.surface + b.surface
        if a.pos[0] == AUXILIARY and a.lemma in _POLITE and a.conj_form.startswith(_POLITE_FORMS):
            if b.surface == "ん":
                c = _adjacent(tokens, i + 1)
                if c is None or c.surface not in _AFTER_N:
                    hint = "ません or ます" if a.lemma == "ます" else "です"
                    yield Spot(a.start, b.end, f"broken polite ending 「{found}」: {hint}?")
            elif b.pos[0] == SUFFIX or (
                b.pos[0] == AUXILIARY and b.lemma not in _AFTER_POLITE_OK and not b.surface.startswith("でしょ")
            ):
                yield Spot(a.start, b.end, f"broken polite ending 「{found}」: 「{b.surface}」 cannot follow 「{a.surface}」")
        elif a.pos[0] == AUXILIARY == b.pos[0] and a.lemma == b.lemma == "た":
            yield Spot(a.start, b.end, f"doubled past ending 「{found}」: write 「{a.surface}」", a.surface)
        elif a.surface == b.surface == "ん" and a.lemma == "ず":
            yield Spot(a.start, b.end, f"doubled negative ending 「{found}」: write 「ん」", "ん")


# --- J004 ら抜き言葉 --------------------------------------------------------------------------------

_NOT_RA = {"居る"}  # いれる is far more often 入れる/淹れる misread as 居る than ら抜き of いる


def ra_nuki(text: str, tokens: Sequence[Token], verb_type: Callable[[str], tuple[str, str] | None]) -> Iterator[Spot]:
    """Potentials of 一段 verbs and 来る without ら: 見れる, 来れない (one token), 忘れ|れる (verb + れる).

    ``verb_type(lemma)`` gives (UniDic conjugation type, reading) of a dictionary form; 五段 verbs
    (走れる, 帰れる) have proper potentials and are not reported, nor are conditionals (見れば)."""
    for i, t in enumerate(tokens):
        if t.pos[0] != VERB or not t.lemma.endswith("る") or t.lemma in _NOT_RA or t.conj_form.startswith("仮定形"):
            continue
        stem = _ichidan_stem(t.lemma, verb_type)
        if stem is None:
            continue
        if t.reading.startswith(stem + "れ"):  # one token: 見れる, 来れ(ない)
            tail = t.reading[len(stem) + 1 :]
            ok = t.surface.endswith("れ" + tail)
            fixed = t.surface[: len(t.surface) - len(tail) - 1] + "られ" + tail if ok else None
            yield _ra_spot(t.start, t.end, t.surface, fixed)
        elif t.reading == stem and (nxt := _adjacent(tokens, i)) and nxt.pos[0] == AUXILIARY and nxt.lemma == "れる":
            yield _ra_spot(t.start, nxt.end, t.surface + nxt.surface, t.surface + "ら" + nxt.surface)  # 忘れ|れる


def _may_drop_ra(ctx: ArticleAnalysis) -> list[SegmentAnalysis]:
    """The sentences with a verb that has a ら抜き form, not in 仮定形, read as its stem and れ, or as its
    stem before an auxiliary れる (what ``ra_nuki`` reports)."""
    japanese = japanese_tokens(ctx)
    tokens, codes = japanese.tokens, japanese.codes
    hits = []
    for i in find_all(codes, "v"):
        t = tokens[i]
        stem = _ra_stem(t.lemma)
        if stem is None or t.conj_form.startswith("仮定形"):
            continue
        if t.reading.startswith(stem + "れ") or (
            t.reading == stem and codes[i + 1 : i + 2] == "a" and tokens[i + 1].lemma == "れる"
        ):
            hits.append(i)
    return japanese.at(tokens=hits)


@lru_cache(maxsize=4096)  # a verb's lemma recurs on every page; as many as verb_type's own cache
def _ra_stem(lemma: str) -> str | None:
    """The stem ``ra_nuki`` reads a verb ``lemma``'s potential on (``_ichidan_stem``), or None if the
    verb has no ら抜き form."""
    if not lemma.endswith("る") or lemma in _NOT_RA:
        return None
    return _ichidan_stem(lemma, verb_type)


def _ichidan_stem(lemma: str, verb_type: Callable[[str], tuple[str, str] | None]) -> str | None:
    """The reading a ら抜き potential is built on (み for 見る, こ for 来る); None for other verbs."""
    vt = verb_type(lemma)
    if vt is None:
        return None
    ctype, reading = vt
    if ctype.startswith("カ行変格"):
        return "こ"
    return reading[:-1] if ctype.startswith(("上一段", "下一段")) else None


def _ra_spot(start: int, end: int, found: str, fixed: str | None) -> Spot:
    want = f": write 「{fixed}」" if fixed else " (the potential takes られる)"
    return Spot(start, end, f"ら抜き言葉 「{found}」{want}", fixed)


# --- the registered checks --------------------------------------------------------------------------


def _japanese(ctx: ArticleAnalysis) -> Iterator[Segment]:
    return (s for s in ctx.article.ja if s.lang == "ja")


@rule("J001", "doubled-particle", category="proofreading", severity="warning", scope="segment", sentences=_may_double)
def doubled_particle(ctx: ArticleAnalysis, sentence: SegmentAnalysis):
    """The same particle written twice in a row.

    What it checks: two adjacent tokens with the same surface that are both particles (or the
    copula's に/で, as in 一時的に), right after a content word. Decided on tokens, so ではでは,
    ののしる, 一つ一つ, すもももももも, かかと, 太もも do not fire; nor do colloquial 見てて or a kana
    name read as particles (〜ののかちゃん).
    Why: a doubled particle is a keying slip every reader notices (seed 001: 一時的にに).
    Example: 一時的にに腰が楽になる → 一時的に腰が楽になる.
    Fix safety: safe — one of the two identical particles is removed.
    Precision: 1.00 (10 of 10 findings true on the seeds, the bench pages and NTREX news;
    `python3 bench/proofreading.py`); on by default.
    """
    if proofread(sentence):
        yield from findings(doubled_particle.rule, sentence.segment, doubled_particles(sentence.segment.text, sentence.tokens))


@rule("J002", "known-misspelling", category="proofreading", severity="warning", scope="segment", sentences=_may_misspell)
def known_misspelling(ctx: ArticleAnalysis, sentence: SegmentAnalysis):
    """A listed misspelling or misused phrase, with its correction.

    What it checks: the entries of `checks/data/misspellings.tsv` (wrong, right, kind, source), each
    matched on whole tokens — the last token may be inflected (一同に会した) — so a listed form
    inside a longer word is not touched. Only forms wrong in every context are listed; every entry
    names its source (現代仮名遣い, デジタル大辞泉).
    Why: ざるおえない, こんにちわ or 〜ずらい in a clinic's post look careless to patients.
    Example: 固定せざるおえない → 固定せざるを得ない.
    Fix safety: safe for misspellings (one word's spelling); unsafe for misused phrases.
    Precision: 1.00 (5 of 5 findings true on the seeds, the bench pages and NTREX news;
    `python3 bench/proofreading.py`); on by default.
    """
    if proofread(sentence):
        yield from findings(known_misspelling.rule, sentence.segment, known_misspellings(sentence.segment.text, sentence.tokens))


@rule("J003", "broken-polite-ending", category="proofreading", severity="warning", scope="segment", sentences=_may_break_ending)
def broken_polite_ending(ctx: ArticleAnalysis, sentence: SegmentAnalysis):
    """A polite or past ending followed by something that cannot follow it.

    What it checks: ます/です followed by ん (ますん; not 行きますんで), by a suffix (ですげ) or by
    another auxiliary (ございますす; not ますまい, ますでしょうか); a doubled past た (でしたた);
    a doubled negative ん (ませんん). Decided on tokens: マジですげえ is で + すげえ and is not reported.
    Why: these are keying slips at the end of a sentence, the place readers notice most.
    Example: ありますん → ありません (or あります); 思われがちですげ → 思われがちですが.
    Fix safety: unsafe for the doubled endings (the extra one is removed); none otherwise — the
    intended word is not certain.
    Precision: 1.00 (6 of 6 findings true on the seeds, the bench pages and NTREX news;
    `python3 bench/proofreading.py`); on by default.
    """
    if proofread(sentence):
        yield from findings(broken_polite_ending.rule, sentence.segment, broken_polite_endings(sentence.segment.text, sentence.tokens))


@rule("J004", "ra-nuki", category="proofreading", severity="info", scope="segment", sentences=_may_drop_ra)
def ra_nuki_word(ctx: ArticleAnalysis, sentence: SegmentAnalysis):
    """ら抜き言葉: the potential of a 一段 verb or 来る written without ら.

    What it checks: verb tokens read as stem + れ whose dictionary form is a 上一段/下一段 verb or 来る
    (UniDic conjugation type of the lemma): 見れる, 食べれる, 来れる, 寝れない. Potentials of 五段
    verbs (走れる, 帰れる) and conditionals (見れば) are correct and not reported.
    Why: the Council on the National Language (国語審議会, 第20期, 1995) advised against ら抜き in
    formal writing; common in speech, hence info.
    Example: 夜も寝れない → 夜も寝られない.
    Fix safety: unsafe — ら is inserted; the editor may prefer another wording.
    Precision: 1.00 (6 of 6 findings true on the seeds, the bench pages and NTREX news;
    `python3 bench/proofreading.py`); on by default.
    """
    if proofread(sentence):
        yield from findings(ra_nuki_word.rule, sentence.segment, ra_nuki(sentence.segment.text, sentence.tokens, verb_type))


@rule("J005", "unbalanced-brackets", category="proofreading", severity="warning", scope="article")
def unbalanced_brackets_in_paragraph(ctx: ArticleAnalysis):
    """A bracket or quote that is not closed, closes nothing, or is closed by the wrong kind.

    What it checks: 「」『』（）()【】 within each Japanese paragraph, list item or heading (a quote
    may span sentences of one paragraph). Full- and half-width parentheses pair with each other;
    a list number such as "1)" and a kaomoji missing one side ((^_^; or ^^)) are not stray brackets;
    a quotation over several lines or paragraphs that reopens 「 on each and closes only at its end
    (the English convention) is balanced. In a long paragraph a lost 」 and a lost 「 far apart pair
    up and go unreported (a miss, never a false report).
    Why: a lost 」 makes the reader guess where the quotation ends.
    Example: 「筋肉が硬いから、と思われがちです → close the quote.
    Fix safety: no automatic fix — where the bracket belongs is the writer's call.
    Precision: 1.00 (11 of 11 findings true on the seeds, the bench pages and NTREX news;
    `python3 bench/proofreading.py`); on by default.
    """
    r = unbalanced_brackets_in_paragraph.rule
    sentences = list(_japanese(ctx))
    blocks = list({id(s.block): s.block for s in sentences}.values())  # in order
    texts = [b.text for b in blocks]
    for n in (n for n, text in enumerate(texts) if BRACKET.search(text)):
        spots = unbalanced_brackets(texts[n], texts[n + 1] if n + 1 < len(texts) else "")
        segs = [s for s in sentences if s.block is blocks[n]] if spots else []
        for sp in spots:
            seg = next((s for s in reversed(segs) if s.start <= sp.start), segs[0])
            yield from findings(r, seg, [sp._replace(start=sp.start - seg.start, end=sp.end - seg.start)])
