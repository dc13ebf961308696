"""Output of ``taiyaku align`` and ``taiyaku score``: pure functions of their results."""

from __future__ import annotations

import json
import textwrap

from taiyaku.models import Pair, Segment
from taiyaku.align.scoring import Scores

WIDTH = 58


def _sentence(seg: Segment) -> dict:
    start, end = seg.source_span()
    line, column = seg.doc.position(start)
    end_line, _ = seg.doc.position(max(start, end - 1))
    return {"path": seg.doc.path, "line": line, "end_line": end_line, "column": column, "text": seg.text}


_NO_LINE_START = "、。，．・：；？！」』）】"  # a wrapped line never starts with these


def _lines(segs: list[Segment], width: int) -> list[str]:
    """Each sentence with its line number, wrapped to ``width`` display columns: English at spaces,
    Japanese between characters but never before Japanese punctuation (kinsoku)."""
    from taiyaku.script import width as display_width

    out: list[str] = []
    for s in segs:
        line = s.doc.position(s.source_span()[0])[0]
        text = " ".join(s.text.split())
        if s.lang == "en":
            out.extend(textwrap.wrap(f"{line:>4} {text}", width, subsequent_indent="     ") or [""])
            continue
        current = f"{line:>4} "
        for ch in text:
            if display_width(current + ch) > width and current.strip() and ch not in _NO_LINE_START:
                out.append(current.rstrip())
                current = "     "
            current += ch
        out.append(current.rstrip())
    return out


def _pad(text: str, width: int) -> str:
    from taiyaku.script import width as display_width

    return text + " " * max(0, width - display_width(text))


LEGEND = (
    "Each row: how many Japanese and English sentences the aligner paired (1-1, 2-1; 1-0 is Japanese\n"
    "with no English, 0-1 English with no Japanese) and its confidence: sure, likely (held in place by\n"
    "sure pairs around it) or unsure (no check compares the sentences of an unsure pair). Numbers are\n"
    "line numbers.\n"
)


def render_alignment(pairs: list[Pair], fmt: str) -> str:
    if fmt == "json":
        doc = {"pairs": [{"ja": [_sentence(s) for s in p.ja], "en": [_sentence(s) for s in p.en],
                          "score": round(p.score, 3), "confidence": p.confidence} for p in pairs]}
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    rows = [LEGEND]
    for p in pairs:
        left, right = _lines(p.ja, WIDTH - 2), _lines(p.en, WIDTH)
        shape = f"{len(p.ja)}-{len(p.en)}"
        word = p.confidence if p.ja and p.en else ""
        for k in range(max(len(left), len(right))):
            l = left[k] if k < len(left) else ""
            r = right[k] if k < len(right) else ""
            tag = f"{shape} {word}" if k == 0 else ""
            rows.append(f"{tag:>10} │ {_pad(l, WIDTH)} │ {r}".rstrip())
        rows.append("")
    return "\n".join(rows)


def render_scores(result: Scores, fmt: str) -> str:
    if fmt == "json":
        doc = {
            "bleu": round(result.bleu, 2),
            "chrf": round(result.chrf, 2),
            "ter": round(result.ter, 2),
            "signatures": result.signatures,
            "sentences": [
                {"hyp": [_sentence(s) for s in r.hyp], "ref": [_sentence(s) for s in r.ref], "chrf": round(r.chrf, 2)}
                for r in result.sentences
            ],
        }
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    out = [
        f"BLEU {result.bleu:6.2f}   {result.signatures['bleu']}",
        f"chrF {result.chrf:6.2f}   {result.signatures['chrf']}",
        f"TER  {result.ter:6.2f}   {result.signatures['ter']}",
        "",
        "Sentences that changed most (lowest chrF), the draft beside the edited English:",
        "",
    ]
    worst = sorted(result.sentences, key=lambda r: r.chrf)[:5]
    for r in worst:
        left, right = _lines(r.hyp, WIDTH), _lines(r.ref, WIDTH)
        for k in range(max(len(left), len(right), 1)):
            tag = f"chrF {r.chrf:5.1f}" if k == 0 else ""
            l = left[k] if k < len(left) else ("(nothing)" if k == 0 and not r.hyp else "")
            rr = right[k] if k < len(right) else ("(nothing)" if k == 0 and not r.ref else "")
            out.append(f"{tag:>10} │ {_pad(l, WIDTH)} │ {rr}".rstrip())
        out.append("")
    hyp_path = next((s.doc.path for r in result.sentences for s in r.hyp), "draft")
    ref_path = next((s.doc.path for r in result.sentences for s in r.ref), "edited")
    out.append(f"{'':>10}   {_pad('draft: ' + hyp_path, WIDTH)}   edited: {ref_path}")
    return "\n".join(out) + "\n"
