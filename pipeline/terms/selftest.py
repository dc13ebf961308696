"""Glossary self-tests: each entry's ``examples`` run through the real matchers.

Syntax of one example (several are separated by ``|`` in TSV/CSV)::

    SENTENCE => EXPECTED

``EXPECTED`` is one of
- ``term``: the (Japanese) sentence contains this entry's term (any spelling);
- ``accepted`` / ``forbidden``: the (English) sentence contains an accepted / a forbidden rendering of it;
  ``forbidden: rubbing back`` also names the rendering found;
- ``none``: the sentence contains none of the above for this entry (仙腸関節炎 is not 仙腸関節);
- any other text: a prh-style spec, the sentence after the entry's fix (every forbidden rendering
  replaced by ``en``, every Japanese variant by ``ja``).
Whether a sentence is Japanese or English is decided by its script (``language_of``).
"""

from __future__ import annotations

from dataclasses import dataclass

from taiyaku.analyze.glossary import Entry, Glossary
from taiyaku.errors import InputError

KEYWORDS = ("term", "accepted", "forbidden", "none")
ARROW = "=>"


@dataclass(frozen=True)
class Example:
    sentence: str
    expected: str  # a keyword, "forbidden: TEXT"/"accepted: TEXT"/"term: TEXT", or the fixed sentence

    @property
    def is_spec(self) -> bool:
        return self.expected.split(":")[0].strip().lower() not in KEYWORDS


def parse_example(text: str, path: str, line: int) -> Example:
    if ARROW not in text:
        raise InputError(f"example '{text}' has no '{ARROW}': write 'sentence {ARROW} term|accepted|forbidden|none'",
                         path, line)
    sentence, expected = (p.strip() for p in text.rsplit(ARROW, 1))
    if not sentence or not expected:
        raise InputError(f"example '{text}': both the sentence and what is expected are needed", path, line)
    return Example(sentence, expected)


def _segment(text: str, lang: str):
    from taiyaku.models import Block, Document, Piece, Segment

    block = Block(text, (Piece(0, 0, len(text)),), "paragraph", lang)
    doc = Document("<example>", text, "utf-8", "txt", lang, (block,))
    return Segment(doc, block, 0, len(text), lang, 0, lang)


def _observe(example: Example, entry: Entry, matchers) -> tuple[str, str]:
    """(what was found for ``entry``, the sentence after its fix)."""
    from taiyaku.analyze.tokens import tokenize
    from taiyaku.read.language import language_of

    lang = language_of(example.sentence) or "en"
    seg = _segment(example.sentence, lang)
    if lang == "ja":
        hits = [h for h in matchers.ja.find(seg, tokenize(seg.text)) if h.entry is entry]
        found = f"term: {hits[0].text}" if hits else "none"
        fixed = _replace(seg.text, [(h.start, h.end) for h in hits if h.text != entry.ja], entry.ja)
    else:
        hits = [h for h in matchers.en.find(seg) if h.entry is entry]
        wrong = [h for h in hits if h.how == "forbidden"]
        pick = wrong[0] if wrong else (hits[0] if hits else None)
        found = f"{pick.how}: {pick.text}" if pick else "none"
        fixed = _replace(seg.text, [(h.start, h.end) for h in wrong], entry.en)
    return found, fixed


def _replace(text: str, spans: list[tuple[int, int]], by: str) -> str:
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + by + text[end:]
    return text


def _agrees(expected: str, found: str) -> bool:
    kind, _, text = (p.strip() for p in expected.partition(":"))
    got_kind, _, got_text = (p.strip() for p in found.partition(":"))
    return kind.lower() == got_kind and (not text or text.lower() == got_text.lower())


def run_examples(glossary: Glossary, matchers=None) -> int:
    """Run every entry's examples; raises InputError at the first that fails. Returns how many ran."""
    examples = [(e, parse_example(x, glossary.path, e.line)) for e in glossary.entries for x in e.examples]
    if not examples:
        return 0
    if matchers is None:
        from taiyaku.analyze.analysis import Analyzer

        matchers = Analyzer.build(glossary)
    for entry, ex in examples:
        found, fixed = _observe(ex, entry, matchers)
        if ex.is_spec:
            ok, got = fixed == ex.expected, fixed
        else:
            ok, got = _agrees(ex.expected, found), found
        if not ok:
            raise InputError(f"example '{ex.sentence}' ({entry.ja}): expected {ex.expected}, got {got}",
                             glossary.path, entry.line)
    return len(examples)
