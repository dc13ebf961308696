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


def _lines(segs: list[Segment], width: int) -> list[str]:
    out: list[str] = []
    for s in segs:
        line = s.doc.position(s.source_span()[0])[0]
        out.extend(textwrap.wrap(f"{line:>4} {' '.join(s.text.split())}", width, subsequent_indent="     ") or [""])
    return out


def _pad(text: str, width: int) -> str:
    from taiyaku.output.text import width as display_width

    return text + " " * max(0, width - display_width(text))


def render_alignment(pairs: list[Pair], fmt: str) -> str:
    if fmt == "json":
        doc = {"pairs": [{"ja": [_sentence(s) for s in p.ja], "en": [_sentence(s) for s in p.en], "score": round(p.score, 3)} for p in pairs]}
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    rows = []
    for p in pairs:
        left, right = _lines(p.ja, WIDTH // 2 - 2), _lines(p.en, WIDTH)
        shape = f"{len(p.ja)}-{len(p.en)}"
        for k in range(max(len(left), len(right))):
            l = left[k] if k < len(left) else ""
            r = right[k] if k < len(right) else ""
            tag = f"{shape} {p.score:6.1f}" if k == 0 else ""
            rows.append(f"{tag:>11} │ {_pad(l, WIDTH)} │ {r}".rstrip())
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
        "Sentences that changed most (lowest chrF):",
    ]
    worst = sorted((r for r in result.sentences), key=lambda r: r.chrf)[:5]
    for r in worst:
        where = r.ref[0] if r.ref else r.hyp[0]
        line = where.doc.position(where.source_span()[0])[0]
        text = " ".join((r.ref or r.hyp)[0].text.split())
        out.append(f"  chrF {r.chrf:6.2f}  {where.doc.path}:{line}  {text[:80]}")
    return "\n".join(out) + "\n"
