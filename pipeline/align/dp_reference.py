"""The banded dynamic programming of :mod:`taiyaku.align.dp` cell by cell in pure Python: the reference
the vectorised fill (:mod:`taiyaku.align.dp_numpy`) is tested against (``tests/test_align_dp.py``) and
timed against (``bench/speed.py``). Both compute every float the same way, in the same order, so they
give the same costs to the last bit and break ties the same way.

A fill takes the band (``lo``, ``hi``: the first and last English index of each row ``i`` = Japanese
sentences consumed) and returns ``(D, B, off)``: flat sequences (lists here, numpy arrays from the vectorised fill) where cell ``(i, j)`` is at
``off[i] + j - lo[i]``; ``D`` the best cost of ``ja[:i]`` ↔ ``en[:j]``, ``B`` the index in
``p.shapes`` of the last bead of that best path (−1 where there is none).
"""

from __future__ import annotations

import math

from taiyaku.align.dp import AlignParams, length_cost, link_shapes


def _tables(units, sets, weight, sizes, bpen: float):
    """For each bead size d and end index k: (length, anchor set, anchor weight, crossing penalty) of
    ``units[k-d:k]``. Weights are summed in sorted key order (as the vectorised fill sums them)."""
    n = len(units)
    out = {}
    for d in sizes:
        length = [0] * (n + 1)
        anchors: list[frozenset[str]] = [frozenset()] * (n + 1)
        wsum = [0.0] * (n + 1)
        cross = [0.0] * (n + 1)
        for k in range(d, n + 1):
            length[k] = sum(units[x].length for x in range(k - d, k))
            a = sets[k - 1] if d == 1 else frozenset().union(*sets[k - d : k])
            anchors[k] = a
            wsum[k] = sum(weight[x] for x in sorted(a)) if a else 0.0
            if d > 1 and any(units[x].boundary for x in range(k - d + 1, k)):
                cross[k] = bpen
        out[d] = (length, anchors, wsum, cross)
    return out


def prepare(ja, en, sa, sb, weight, p: AlignParams):
    """The fill of a band of this pair of texts: ``fill(lo, hi)``, cell by cell."""
    return lambda lo, hi: _fill(ja, en, sa, sb, weight, lo, hi, p)


def _fill(ja, en, sa, sb, weight, lo, hi, p: AlignParams):
    """``(D, B, off)`` of the band ``lo``/``hi`` (see the module docstring)."""
    n = len(ja)
    shapes, links, k10, k01 = link_shapes(p)
    ja_t = _tables(ja, sa, weight, {di for di, _, _, _ in links}, p.boundary_penalty)
    en_t = _tables(en, sb, weight, {dj for _, dj, _, _ in links}, p.boundary_penalty)
    bj = [u.boundary for u in ja]
    be = [u.boundary for u in en]
    ratio, var = p.ratio, p.variance
    aw2, amiss, bmis, skip = 2.0 * p.anchor_weight, p.anchor_miss, p.boundary_mismatch, p.skip
    inf = math.inf
    off = [0] * (n + 2)
    for i in range(n + 1):
        off[i + 1] = off[i] + hi[i] - lo[i] + 1
    D = [inf] * off[n + 1]
    B = [-1] * off[n + 1]
    for i in range(n + 1):
        l_i, h_i, o_i = lo[i], hi[i], off[i]
        for j in range(l_i, h_i + 1):
            if i == 0 and j == 0:
                D[o_i] = 0.0
                continue
            best, arg = inf, -1
            if k01 >= 0 and j > l_i:
                best, arg = D[o_i + j - 1 - l_i] + skip, k01
            if k10 >= 0 and i > 0 and lo[i - 1] <= j <= hi[i - 1]:
                v = D[off[i - 1] + j - lo[i - 1]] + skip
                if v < best:
                    best, arg = v, k10
            for di, dj, c0, s_idx in links:
                pi, pj = i - di, j - dj
                if pi < 0 or pj < 0 or pj < lo[pi] or pj > hi[pi]:
                    continue
                lj_t, aj_t, wj_t, xj_t = ja_t[di]
                le_t, ae_t, we_t, xe_t = en_t[dj]
                c = c0 + xj_t[i] + xe_t[j]
                if bj[pi] != be[pj]:
                    c += bmis
                c += length_cost(lj_t[i], le_t[j], ratio, var)
                a, b = aj_t[i], ae_t[j]
                if a and b:
                    inter = a & b
                    if inter:
                        c -= aw2 * sum(weight[k] for k in sorted(inter)) / (wj_t[i] + we_t[j])
                    else:
                        c += amiss
                c = D[off[pi] + pj - lo[pi]] + c
                if c < best:
                    best, arg = c, s_idx
            D[o_i + j - l_i] = best
            B[o_i + j - l_i] = arg
    return D, B, off
