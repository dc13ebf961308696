"""The band of the alignment DP filled with numpy: every bead's own cost is computed for the whole band
at once (for the whole matrix, once, when a band covers half of it: a doubled band then costs no
bead twice), then each row takes, cell by cell, the cheapest of its predecessors (one gather and one argmin
per row) and the English skips run along the row in plain Python (each cell depends on the one before).

Same interface and same result, bit for bit, as :func:`taiyaku.align.dp_reference.fill` (read its
docstring): the floats are computed by the same operations in the same order (anchor weights summed in
sorted key order, the length term with math's own ``erfc`` and ``log``),
and ``argmin`` keeps the first of equal candidates, as the reference's strict ``<`` does.
"""

from __future__ import annotations

import math

import numpy as np

from taiyaku.align.dp import _INV_SQRT2, AlignParams, length_cost, link_shapes



def _length_costs(lj: np.ndarray, le: np.ndarray, ratio: float, var: float) -> np.ndarray:
    """:func:`~taiyaku.align.dp.length_cost` of each (lj, le), by the same operations."""
    mean = (lj + le * (1.0 / ratio)) * 0.5
    z = np.abs(le - ratio * lj) / np.sqrt(var * np.where(mean > 1.0, mean, 1.0)) * _INV_SQRT2
    far = z >= 20.0
    if far.any():
        z = np.where(far, 0.0, z)
    # math's own erfc and log, element by element: the same results as length_cost's (numpy's need not)
    out = -np.fromiter(map(math.log, map(math.erfc, z.tolist())), float, len(z))
    for k in np.flatnonzero(far).tolist():
        out[k] = length_cost(int(lj[k]), int(le[k]), ratio, var)
    return out


def _side(units, sets, key_id: dict[str, int], sizes, bpen: float):
    """Per bead size d: (length, crossing penalty, anchor weight, has anchors) of ``units[k-d:k]`` for
    each end k (arrays of n+1), and its anchor keys as (end, key id) pairs sorted by end, then key."""
    n = len(units)
    cum = np.zeros(n + 1, dtype=np.int64)
    np.cumsum([u.length for u in units], out=cum[1:])
    starts = np.zeros(n + 1, dtype=np.int64)
    np.cumsum([u.boundary for u in units], out=starts[1:])
    ids = [sorted([key_id[x] for x in s]) for s in sets]
    ends = np.repeat(np.arange(1, n + 1), [len(x) for x in ids])
    keys = np.fromiter((x for s in ids for x in s), dtype=np.int64, count=len(ends))
    nkeys = max(len(key_id), 1)
    k = np.arange(n + 1)
    out = {}
    for d in sizes:
        ok = k >= d
        length = np.where(ok, cum - cum[np.maximum(k - d, 0)], 0)
        cross = np.zeros(n + 1)
        if d > 1:
            cross[ok & (starts - starts[np.maximum(k - d + 1, 0)] > 0)] = bpen
        e = np.concatenate([ends + t for t in range(d)])
        q = np.concatenate([keys] * d)
        keep = (e >= d) & (e <= n)
        pairs = _unique(e[keep] * nkeys + q[keep])
        e, q = pairs // nkeys, pairs % nkeys
        out[d] = (length, cross, e, q)
    return out


def _shared_weight(a_ends, a_keys, b_sorted, b_ends, w, lo, hi, off, m: int, total: int):
    """For every cell (i, j) of the band: the summed weight of the keys bead i and bead j share (in
    ascending key order per cell) and how many they share. ``b_sorted``: key × (m + 1) + end of the
    English beads' keys, sorted; ``b_ends``: their ends in that order."""
    o = np.lexsort((a_ends, a_keys))  # sorted queries; a cell still sums its keys in ascending order
    a_ends, a_keys = a_ends[o], a_keys[o]
    base = a_keys * (m + 1)
    first = np.searchsorted(b_sorted, base + lo[a_ends], "left")
    count = np.searchsorted(b_sorted, base + hi[a_ends], "right") - first
    size = int(count.sum())
    if not size:
        return np.zeros(total), np.zeros(total, dtype=np.int64)
    which = np.repeat(np.arange(len(a_ends)), count)
    pos = np.repeat(first - (np.cumsum(count) - count), count) + np.arange(size)
    rows = a_ends[which]
    cells = off[rows] + b_ends[pos] - lo[rows]
    return (np.bincount(cells, weights=w[a_keys[which]], minlength=total),
            np.bincount(cells, minlength=total))


def _unique(x: np.ndarray) -> np.ndarray:
    x = np.sort(x, kind="stable")  # runs of sorted values: timsort merges them
    if len(x):
        x = x[np.concatenate(([True], x[1:] != x[:-1]))]
    return x


def prepare(ja, en, sa, sb, weight, p: AlignParams):
    """The fill of any band of this pair of texts (``fill(lo, hi) -> (D, B, off)``, see
    :mod:`taiyaku.align.dp_reference`); what does not depend on the band is computed once."""
    n, m = len(ja), len(en)
    _shapes, links, k10, k01 = link_shapes(p)
    order = sorted(weight)
    key_id = {k: x for x, k in enumerate(order)}
    w = np.array([weight[k] for k in order], dtype=float)
    bpen = p.boundary_penalty
    ja_t = _side(ja, sa, key_id, {di for di, _, _, _ in links}, bpen)
    en_t = _side(en, sb, key_id, {dj for _, dj, _, _ in links}, bpen)
    anchors_of = {}  # per bead size and side: (weight sum, has keys) of each end
    for side, tables, size in (("ja", ja_t, n), ("en", en_t, m)):
        for d, (_length, _cross, e, q) in tables.items():
            anchors_of[side, d] = (np.bincount(e, weights=w[q], minlength=size + 1),
                                   np.bincount(e, minlength=size + 1) > 0)
    by_key = {}  # per English bead size: its (end, key) pairs sorted by key, then end
    for d, (_length, _cross, e, q) in en_t.items():
        o = np.lexsort((e, q))
        by_key[d] = (q[o] * (m + 1) + e[o], e[o])
    bj = np.array([u.boundary for u in ja] + [False], dtype=bool)
    be = np.array([u.boundary for u in en] + [False], dtype=bool)
    aw2, amiss, bmis, skip = 2.0 * p.anchor_weight, p.anchor_miss, p.boundary_mismatch, p.skip

    def band(lo, hi):
        """The band's arrays: (lo, hi, offset of each row, cells, row and column of each cell)."""
        lo_a, hi_a = np.array(lo, dtype=np.int64), np.array(hi, dtype=np.int64)
        widths = hi_a - lo_a + 1
        off = np.zeros(n + 2, dtype=np.int64)
        np.cumsum(widths, out=off[1:])
        total = int(off[-1])
        rows = np.repeat(np.arange(n + 1), widths)
        cols = lo_a[rows] + np.arange(total) - off[rows]
        return lo_a, hi_a, off, total, rows, cols

    def predecessor(b, di: int, dj: int):
        """Flat index of the cell a bead of shape (di, dj) into each cell of band ``b`` comes from, else
        the band's size (a cell that stays inf), and where there is one."""
        lo_a, hi_a, off, total, rows, cols = b
        pi, pj = rows - di, cols - dj
        pic = np.maximum(pi, 0)
        ok = (pi >= 0) & (pj >= lo_a[pic]) & (pj <= hi_a[pic])
        return np.where(ok, off[pic] + pj - lo_a[pic], total), ok

    def link_costs(b, oks):
        """For each link shape: the cost of its bead into each cell of band ``b`` (0 where ``oks``, the
        cells it has a predecessor in, is False)."""
        lo_a, hi_a, off, total, rows, cols = b
        out = []
        for (di, dj, c0, _s_idx), ok in zip(links, oks):
            cells = np.flatnonzero(ok)
            i, j = rows[cells], cols[cells]
            la, xa, ea, qa = ja_t[di]
            lb, xb, _eb, _qb = en_t[dj]
            c = c0 + xa[i] + xb[j]
            c = np.where(bj[i - di] != be[j - dj], c + bmis, c)
            c = c + _length_costs(la[i], lb[j], p.ratio, p.variance)
            wa, ha = anchors_of["ja", di]
            wb, hb = anchors_of["en", dj]
            both = ha[i] & hb[j]
            if both.any():
                inter, count = _shared_weight(ea, qa, *by_key[dj], w, lo_a, hi_a, off, m, total)
                hit = both & (count[cells] > 0)
                c = np.where(both & ~hit, c + amiss, c)
                h = np.flatnonzero(hit)
                c[h] = c[h] - aw2 * inter[cells[h]] / (wa[i[h]] + wb[j[h]])
            cost = np.zeros(total)
            cost[cells] = c
            out.append(cost)
        return out

    # A bead's cost does not depend on the band: once a band covers half the matrix (a short text, or a
    # band doubled), the costs of every cell are computed once and each band takes its own.
    grid: list = []
    cells_in_grid = (n + 1) * (m + 1)

    def fill(lo, hi):
        b = band(lo, hi)
        _lo, _hi, off, total, rows, cols = b
        preds = [predecessor(b, di, dj) for di, dj, _c0, _s in links]
        if not grid and 2 * total >= cells_in_grid:
            whole = b if total == cells_in_grid else band([0] * (n + 1), [m] * (n + 1))
            grid.extend(link_costs(whole, [predecessor(whole, di, dj)[1] for di, dj, _c0, _s in links]))
        if grid:
            at = rows * (m + 1) + cols
            costs = [c[at] for c in grid]
        else:
            costs = link_costs(b, [ok for _prev, ok in preds])
        cand_prev, cand_cost, cand_shape = [], [], []
        if k10 >= 0:
            prev, ok = predecessor(b, 1, 0)
            cand_prev.append(prev)
            cand_cost.append(np.where(ok, skip, 0.0))
            cand_shape.append(k10)
        for (prev, _ok), cost, (_di, _dj, _c0, s_idx) in zip(preds, costs, links):
            cand_prev.append(prev)
            cand_cost.append(cost)
            cand_shape.append(s_idx)
        return _rows(n, off, total, cand_prev, cand_cost, cand_shape, k01, skip)

    return fill


def _rows(n, off, total, cand_prev, cand_cost, cand_shape, k01, skip):
    """Fill the band row by row from each cell's candidates (predecessor cell, bead cost, shape)."""
    D = np.full(total + 1, np.inf)
    B = np.full(total, -1, dtype=np.int64)
    inf = np.inf
    if cand_prev:
        prev_all, cost_all = np.stack(cand_prev), np.stack(cand_cost)
        shape_of = np.array(cand_shape, dtype=np.int64)
    offsets = off.tolist()
    for r in range(n + 1):
        a, b = offsets[r], offsets[r + 1]
        if cand_prev and r > 0:
            cand = D[prev_all[:, a:b]] + cost_all[:, a:b]
            arg = cand.argmin(axis=0)
            best = cand[arg, np.arange(b - a)]
            back = np.where(best == inf, -1, shape_of[arg])
            row, brow = best.tolist(), back.tolist()
        else:
            row, brow = [inf] * (b - a), [-1] * (b - a)
        if r == 0:
            row[0] = 0.0
        if k01 >= 0:
            last = row[0]
            for t in range(1, b - a):
                v = last + skip
                if v <= row[t]:
                    row[t], brow[t] = v, k01
                last = row[t]
        D[a:b] = row
        B[a:b] = brow
    return D[:total].tolist(), B.tolist(), offsets
