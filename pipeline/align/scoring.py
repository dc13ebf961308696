"""``taiyaku score``: BLEU, chrF and TER of an English draft against the edited English (sacrebleu).

The two texts need not have the same sentences: they are aligned first (English to English, same
aligner, length ratio 1), so an editor sees which sentences changed most.
"""

from __future__ import annotations

from dataclasses import dataclass

from taiyaku.align.anchors import en_unit
from taiyaku.align.dp import AlignParams, align
from taiyaku.models import Segment

# English against English: equal lengths expected; the variance is that of the ja→en model (generous).
_SAME_LANGUAGE = AlignParams(ratio=1.0)


@dataclass
class SentenceScore:
    hyp: list[Segment]
    ref: list[Segment]
    chrf: float


@dataclass
class Scores:
    bleu: float
    chrf: float
    ter: float
    signatures: dict[str, str]
    sentences: list[SentenceScore]


def _text(segments: list[Segment]) -> str:
    return " ".join(" ".join(s.text.split()) for s in segments)


def score(hyp: list[Segment], ref: list[Segment]) -> Scores:
    """Corpus BLEU/chrF/TER over the aligned sentences (unpaired ones count against an empty side)."""
    from sacrebleu.metrics import BLEU, CHRF, TER  # heavy: imported on use

    def units(segs):
        return [en_unit(s.text, boundary=i == 0 or segs[i - 1].block is not s.block) for i, s in enumerate(segs)]

    beads = align(units(hyp), units(ref), params=_SAME_LANGUAGE)
    pairs = [([hyp[i] for i in b.ja], [ref[j] for j in b.en]) for b in beads]
    hyps = [_text(h) for h, _ in pairs]
    refs = [_text(r) for _, r in pairs]
    bleu, chrf, ter = BLEU(), CHRF(), TER()
    result = Scores(
        bleu=bleu.corpus_score(hyps, [refs]).score,
        chrf=chrf.corpus_score(hyps, [refs]).score,
        ter=ter.corpus_score(hyps, [refs]).score,
        signatures={"bleu": str(bleu.get_signature()), "chrf": str(chrf.get_signature()), "ter": str(ter.get_signature())},
        sentences=[],
    )
    sentence_chrf = CHRF()
    for (h, r), ht, rt in zip(pairs, hyps, refs):
        result.sentences.append(SentenceScore(h, r, sentence_chrf.sentence_score(ht, [rt]).score))
    return result
