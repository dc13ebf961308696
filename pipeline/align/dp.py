"""Sentence alignment of a Japanese text and its English version: banded dynamic programming.

``align(ja, en)`` takes one :class:`AlignUnit` per sentence (length, anchor keys, block start) and returns
:class:`Bead` s that cover every sentence of both sides once, in order. A bead links 0–2 Japanese
sentences to 0–2 English ones; a bead with no English (``en == ()``) marks a Japanese sentence left
untranslated, one with no Japanese an English sentence with no source.

The cost of a bead (lower is better; ``Bead.score`` is minus the cost, in nats) is

* a Gale–Church length term: English characters are modelled as ``ratio`` × Japanese characters with
  variance ``variance`` × length; the cost is −log P(|δ| ≥ observed) for the normalised difference δ;
* minus ``anchor_weight`` × the weighted Dice agreement of the anchor keys of both sides (only keys found
  on both sides of the document count; a key found in many sentences weighs less);
* a prior cost for the bead's shape (skipping a sentence, merging two);
* ``boundary_penalty`` when a bead of two sentences crosses the start of a block (heading, list item,
  paragraph) on either side, and ``boundary_mismatch`` when a bead starts a block on one side only.

The dynamic programming is restricted to a band around a guide path, which follows rare anchors that
appear in exactly one sentence on each side (or the diagonal without them). When the best path runs
along the edge of the band, the band is doubled and the alignment redone, so long deletions on one side
(a Japanese text with 10 sentences against an English one with 45) still align, up to a half-width of
``MAX_BAND`` sentences. Above
``COARSE_ABOVE`` sentences on both sides the guide is instead the alignment of neighbouring pairs of
sentences (half the resolution, recursively), so cost grows about linearly with the length of the texts
(bench/align_speed.py).

The band is filled with numpy (:mod:`taiyaku.align.dp_numpy`) or cell by cell
(:mod:`taiyaku.align.dp_reference`), with the same result to the last bit (``SMALL_BAND`` says which).
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import Counter
from itertools import chain
from dataclasses import dataclass
from typing import Sequence

__all__ = ["AlignUnit", "Bead", "AlignParams", "align", "text_length", "DEFAULT_PARAMS"]


@dataclass(frozen=True, slots=True)
class AlignUnit:
    """One sentence as the aligner sees it.

    ``length``: characters without white space; ``anchors``: keys shared between languages
    (:mod:`pipeline.anchors`); ``boundary``: True when the sentence starts a block.
    """

    length: int
    anchors: frozenset[str] = frozenset()
    boundary: bool = False


@dataclass(frozen=True, slots=True)
class Bead:
    """Japanese sentences ``ja`` ↔ English sentences ``en`` (indices into the inputs); ``score`` = −cost."""

    ja: tuple[int, ...]
    en: tuple[int, ...]
    score: float


# Length model: fitted on the NTREX-128 development split (documents whose sha1(doc id) falls in the
# dev 60 %, see bench/damage.py) with `python3 bench/align_eval.py --fit`:
#   ratio    = Σ English chars / Σ Japanese chars (white space removed) over the 1-1 gold pairs;
#   variance = Σ (e − ratio·j)² / Σ (j + e/ratio)/2  (variance of e − ratio·j per unit of mean length).
FITTED_RATIO = 1.8618
FITTED_VARIANCE = 8.9897


@dataclass(frozen=True, slots=True)
class AlignParams:
    """Weights of the alignment cost.

    ``ratio`` is the fitted one; the rest were tuned on the NTREX dev split only (damage seeds 11, 12,
    13; objective link F1 + 0.5 × untranslated F1) with
    `python3 bench/align_eval.py --tune --tune-seeds 11 12 13`, which moved ``variance`` from the fitted
    8.99 to 11.0 (a heavier tail than the Gaussian). NTREX has no block structure, so the two boundary
    weights are set by hand, not tuned; ``band`` does not change results there, only speed.
    """

    ratio: float = FITTED_RATIO
    variance: float = 11.0
    skip: float = 2.5  # cost of a 1-0 or 0-1 bead
    merge: float = 3.0  # extra cost of a 2-1 or 1-2 bead
    merge22: float = 7.0  # extra cost of a 2-2 bead
    anchor_weight: float = 24.0  # bonus for full anchor agreement (weighted Dice = 1)
    anchor_miss: float = 2.0  # cost when both sides have shared keys and none agree
    anchor_rarity: float = 0.5  # key weight = (df_ja · df_en) ** −anchor_rarity
    boundary_penalty: float = 3.0  # a two-sentence bead that crosses a block start
    boundary_mismatch: float = 1.0  # a bead that starts a block on one side only
    band: int = 12  # half-width of the first band, in sentences
    shapes: tuple[tuple[int, int], ...] = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2), (3, 1), (1, 3), (4, 1), (1, 4))
    use_anchors: bool = True


DEFAULT_PARAMS = AlignParams()

_SQRT2 = math.sqrt(2.0)


def _tail_cost(z: float) -> float:
    """−log P(|N(0,1)| ≥ z) = −log erfc(z/√2), stable for large z."""
    x = z / _SQRT2
    if x < 20.0:
        return -math.log(math.erfc(x))
    return x * x + math.log(x * math.sqrt(math.pi))


MAX_KEYS = 24  # anchor keys a sentence keeps, the rarest (heaviest) first


def _rarest(keys: frozenset[str], weight: dict[str, float], rank: dict[str, int] | None = None) -> frozenset[str]:
    """The ``MAX_KEYS`` heaviest of ``keys`` found in ``weight`` (ties: alphabetical); ``rank``: each
    key's place in that order, when already computed."""
    shared = weight.keys() & keys
    if len(shared) <= MAX_KEYS:
        return frozenset(shared)
    if rank is not None:
        return frozenset(sorted(shared, key=rank.__getitem__)[:MAX_KEYS])
    return frozenset(sorted(shared, key=lambda k: (-weight[k], k))[:MAX_KEYS])


def _weights(ja: Sequence[AlignUnit], en: Sequence[AlignUnit], rarity: float):
    """Per-unit anchor sets restricted to keys seen on both sides, and the weight of each key."""
    df_ja: dict[str, int] = Counter(chain.from_iterable(u.anchors for u in ja))
    df_en = {k: c for k, c in Counter(chain.from_iterable(u.anchors for u in en)).items() if k in df_ja}
    weight = {k: (df_ja[k] * c) ** -rarity for k, c in df_en.items()}
    # Each sentence keeps its MAX_KEYS rarest keys: the commonest weigh next to nothing, yet in a long
    # document every sentence gathers more of them and every set operation of the DP would cost more.
    rank = None
    if any(len(u.anchors) > MAX_KEYS for u in ja) or any(len(u.anchors) > MAX_KEYS for u in en):
        rank = {k: x for x, k in enumerate(sorted(weight, key=lambda k: (-weight[k], k)))}
    sa = [_rarest(u.anchors, weight, rank) for u in ja]
    sb = [_rarest(u.anchors, weight, rank) for u in en]
    return sa, sb, weight, df_ja, df_en


def _guide(n: int, m: int, sa, sb, df_ja, df_en) -> list[float]:
    """Centre of the band for each Japanese index 0..n: a monotone path through rare anchors."""
    pos_ja: dict[str, int] = {}
    for i, s in enumerate(sa):
        for k in s:
            if df_ja[k] == 1 and df_en[k] == 1:
                pos_ja[k] = i
    pairs: dict[tuple[int, int], int] = {}
    if pos_ja:
        for j, s in enumerate(sb):
            for k in s:
                i = pos_ja.get(k)
                if i is not None:
                    pairs[(i, j)] = pairs.get((i, j), 0) + 1
    points: list[tuple[float, float]] = [(0.0, 0.0)]
    if pairs:
        # longest chain increasing in both i and j (patience sorting on j, i ascending, j descending)
        cand = sorted(pairs, key=lambda p: (p[0], -p[1]))
        tails: list[int] = []
        tail_idx: list[int] = []
        prev: list[int] = [-1] * len(cand)
        for idx, (i, j) in enumerate(cand):
            pos = bisect_left(tails, j)
            if pos == len(tails):
                tails.append(j)
                tail_idx.append(idx)
            else:
                tails[pos] = j
                tail_idx[pos] = idx
            prev[idx] = tail_idx[pos - 1] if pos > 0 else -1
        chain = []
        idx = tail_idx[-1] if tail_idx else -1
        while idx >= 0:
            chain.append(cand[idx])
            idx = prev[idx]
        chain.reverse()
        # through the middle of each anchored bead: ja i ↔ en j runs from (i, j) to (i + 1, j + 1)
        points.extend((i + 0.5, j + 0.5) for i, j in chain)
    points.append((n, m))
    return _interpolate(n, points)


def _band(n: int, m: int, centre: list[float], w: int) -> tuple[list[int], list[int], list[int], list[int]]:
    lo = [max(0, min(m, int(math.floor(c)) - w)) for c in centre]
    hi = [max(0, min(m, int(math.ceil(c)) + w)) for c in centre]
    lo[0] = 0
    hi[n] = m
    for i in range(1, n + 1):  # monotone edges
        if lo[i] < lo[i - 1]:
            lo[i] = lo[i - 1]
    for i in range(n - 1, -1, -1):
        if hi[i] > hi[i + 1]:
            hi[i] = hi[i + 1]
    edge_lo, edge_hi = lo[:], hi[:]
    for i in range(n - 1, -1, -1):  # a steep guide: row i reaches the start of row i+1
        if hi[i] < lo[i + 1]:
            hi[i] = lo[i + 1]
    for i in range(n + 1):
        if lo[i] > hi[i]:
            lo[i] = hi[i]
    # the first and last rows hold only English skips: span them whole (O(m)), so a run of English
    # with no source before the first or after the last pair is never cut off by the band
    hi[0], lo[n] = m, 0
    return lo, hi, edge_lo, edge_hi


def _coarsen(units: Sequence[AlignUnit]) -> list[AlignUnit]:
    """Pairs of neighbouring units as one (lengths added, anchors joined): half the resolution."""
    return [
        AlignUnit(
            sum(u.length for u in units[k : k + 2]),
            frozenset().union(*(u.anchors for u in units[k : k + 2])),
            units[k].boundary,
        )
        for k in range(0, len(units), 2)
    ]


# Above this many Japanese and English sentences, a path found at half the resolution guides the band.
COARSE_ABOVE = 300
# The band stops doubling at this half-width, so cost stays linear in the number of sentences: a text
# repeated many times (anchors everywhere) kept touching the edge and grew the band to the whole matrix.
# 32 rather than 64: the same figures on bench/layouts.py, align_pages.py, align_eval.py and
# align_speed.py (no real document reaches it), 1.6× faster on a 100 KB repeated article pair.
MAX_BAND = 32


def align(
    ja: Sequence[AlignUnit], en: Sequence[AlignUnit], *, params: AlignParams | None = None, fill=None
) -> list[Bead]:
    """Beads covering every index of ``ja`` and ``en`` exactly once, in order (see module docstring).
    ``fill``: how the band's costs are computed (``dp_numpy.prepare``: vectorised;
    ``dp_reference.prepare``: cell by cell; the same result; default: by the size of the band)."""
    p = params or DEFAULT_PARAMS
    n, m = len(ja), len(en)
    if n == 0 or m == 0:
        return [Bead((i,), (), -p.skip) for i in range(n)] + [Bead((), (j,), -p.skip) for j in range(m)]

    if p.use_anchors:
        sa, sb, weight, df_ja, df_en = _weights(ja, en, p.anchor_rarity)
    else:
        sa, sb, weight, df_ja, df_en = [frozenset()] * n, [frozenset()] * m, {}, {}, {}

    if n > COARSE_ABOVE and m > COARSE_ABOVE:
        # coarse-to-fine: align pairs of sentences, then follow that path at full resolution
        coarse = align(_coarsen(ja), _coarsen(en), params=p, fill=fill)
        points = [(0.0, 0.0)]
        for b in coarse:
            if b.ja and b.en:
                points.append((min(n, 2 * (b.ja[-1] + 1)), min(m, 2 * (b.en[-1] + 1))))
        points.append((float(n), float(m)))
        centre = _interpolate(n, points)
        w = max(2, p.band // 2)
    else:
        centre = _guide(n, m, sa, sb, df_ja, df_en) if weight else [i * m / n for i in range(n + 1)]
        w = max(2, p.band)
    return _dp(ja, en, sa, sb, weight, centre, w, p, fill)


def _interpolate(n: int, points: list[tuple[float, float]]) -> list[float]:
    """Piecewise-linear j for each i in 0..n through monotone ``points`` (first (0, 0), last (n, m))."""
    pts = [points[0]]
    for x, y in points[1:]:
        if x > pts[-1][0] and y >= pts[-1][1]:
            pts.append((x, y))
        elif x >= pts[-1][0] and y > pts[-1][1]:
            pts[-1] = (pts[-1][0], y) if x == pts[-1][0] else pts[-1]
    if pts[-1][0] < n:
        pts.append((float(n), pts[-1][1]))
    centre = [0.0] * (n + 1)
    q = 0
    for i in range(n + 1):
        while q + 2 < len(pts) and pts[q + 1][0] <= i:
            q += 1
        (x0, y0), (x1, y1) = pts[q], pts[q + 1]
        centre[i] = y0 if x1 <= x0 else y0 + (y1 - y0) * min(1.0, max(0.0, (i - x0) / (x1 - x0)))
    return centre


def link_shapes(p: AlignParams):
    """``(shapes, links, k10, k01)``: the bead shapes other than (0, 0); for each shape with sentences
    on both sides ``(di, dj, prior cost, index in shapes)``; the index of the (1, 0) and (0, 1) skips
    (−1 when absent). Both fills try the skips first, then the links in this order."""
    shapes = [s for s in p.shapes if s != (0, 0)]

    def prior(di: int, dj: int) -> float:
        if (di, dj) == (1, 1):
            return 0.0
        if sorted((di, dj)) == [1, 2]:
            return p.merge
        return p.merge22 + p.merge * max(0, di + dj - 4)

    links = [(di, dj, prior(di, dj), k) for k, (di, dj) in enumerate(shapes) if di and dj]
    index = {s: k for k, s in enumerate(shapes)}
    return shapes, links, index.get((1, 0), -1), index.get((0, 1), -1)


def length_cost(lj: int, le: int, ratio: float, var: float) -> float:
    """The Gale–Church term of a bead of ``lj`` Japanese and ``le`` English characters."""
    mean = (lj + le * (1.0 / ratio)) * 0.5
    z = abs(le - ratio * lj) / math.sqrt(var * (mean if mean > 1.0 else 1.0)) * _INV_SQRT2
    return -math.log(math.erfc(z)) if z < 20.0 else _tail_cost(z * _SQRT2)


_INV_SQRT2 = 1.0 / _SQRT2

# How a band is filled (the same result either way): cell by cell below SMALL_BAND cells, where that is
# as fast as numpy; else with numpy once it is worth importing it (about 50 ms): when it is already
# imported, when this band has NUMPY_ABOVE cells, or when the bands filled cell by cell in this process
# have added up to that many (so one short article checked alone never imports it, a site does once).
SMALL_BAND = 200
NUMPY_ABOVE = 3000
_cells_by_reference = 0


def _either(ja, en, sa, sb, weight, p: AlignParams):
    """The fill of a band, chosen by its size (see ``SMALL_BAND``)."""
    import sys

    from taiyaku.align import dp_reference

    prepared: dict = {}

    def fill(lo: list[int], hi: list[int]):
        global _cells_by_reference
        cells = sum(hi) - sum(lo) + len(lo)
        vector = cells >= SMALL_BAND and (
            "numpy" in sys.modules or cells >= NUMPY_ABOVE or _cells_by_reference >= NUMPY_ABOVE)
        if not vector:
            _cells_by_reference += cells
        if vector not in prepared:
            if vector:
                from taiyaku.align.dp_numpy import prepare
            else:
                prepare = dp_reference.prepare
            prepared[vector] = prepare(ja, en, sa, sb, weight, p)
        return prepared[vector](lo, hi)

    return fill


def _dp(ja, en, sa, sb, weight, centre, w, p: AlignParams, fill=None) -> list[Bead]:
    """The best path through the band around ``centre`` (doubled while the path touches its edge), as
    beads. ``fill`` prepares the computation of the band's costs (see ``align``)."""
    n, m = len(ja), len(en)
    fill = fill or _either
    fill_band = fill(ja, en, sa, sb, weight, p)
    shapes = [s for s in p.shapes if s != (0, 0)]
    while True:
        lo, hi, edge_lo, edge_hi = _band(n, m, centre, w)
        full = all(lo[i] == 0 and hi[i] == m for i in range(n + 1))
        D, B, off = fill_band(lo, hi)
        beads: list[Bead] = []
        i, j = n, m
        touched = False
        while i > 0 or j > 0:
            here = off[i] + j - lo[i]
            s_idx = int(B[here])
            if s_idx < 0:  # unreachable cell: cannot happen with a connected band
                raise RuntimeError("alignment band is not connected")
            if (j <= edge_lo[i] and edge_lo[i] > 0) or (j >= edge_hi[i] and edge_hi[i] < m):
                touched = True
            di, dj = shapes[s_idx]
            c = float(D[here]) - float(D[off[i - di] + j - dj - lo[i - di]])
            beads.append(Bead(tuple(range(i - di, i)), tuple(range(j - dj, j)), -c))
            i, j = i - di, j - dj
        if not touched or full or w >= MAX_BAND:
            break
        D = B = None  # freed before the wider band is filled
        w *= 2
    beads.reverse()
    return beads


def text_length(text: str) -> int:
    """Characters of ``text`` without white space: the length the aligner compares."""
    return sum(map(len, text.split()))  # str.split() cuts at exactly the characters isspace() is true of
