"""The band of the alignment DP filled with numpy, ``CHUNK_CELLS`` cells of rows at a time (so memory
does not grow with the band's per-cell work arrays): every bead's own cost is computed for the whole
chunk at once (for the whole matrix, once, when a band covers half of it: a doubled band then costs no
bead twice), then each row takes, cell by cell, the cheapest of its predecessors (one gather and one argmin
per row) and the English skips run along the row in plain Python (each cell depends on the one before).
``D`` and ``B`` are returned as numpy arrays.

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


def _shared_weight(a_ends, a_keys, b_sorted, b_ends, w, lo, hi, off, m: int, base: int, size_out: int):
    """For every cell (i, j) of the band's cells ``base``..``base + size_out`` (rows ``a_ends`` cover):
    the summed weight of the keys bead i and bead j share (in ascending key order per cell) and how many
    they share. ``b_sorted``: key × (m + 1) + end of the English beads' keys, sorted; ``b_ends``: their
    ends in that order."""
    o = np.lexsort((a_ends, a_keys))  # sorted queries; a cell still sums its keys in ascending order
    a_ends, a_keys = a_ends[o], a_keys[o]
    base_key = a_keys * (m + 1)
    first = np.searchsorted(b_sorted, base_key + lo[a_ends], "left")
    count = np.searchsorted(b_sorted, base_key + hi[a_ends], "right") - first
    size = int(count.sum())
    if not size:
        return np.zeros(size_out), np.zeros(size_out, dtype=np.int64)
    which = np.repeat(np.arange(len(a_ends)), count)
    pos = np.repeat(first - (np.cumsum(count) - count), count) + np.arange(size)
    rows = a_ends[which]
    cells = off[rows] + b_ends[pos] - lo[rows] - base
    return (np.bincount(cells, weights=w[a_keys[which]], minlength=size_out),
            np.bincount(cells, minlength=size_out))


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
        """The band's arrays: (lo, hi, offset of each row, cells)."""
        lo_a, hi_a = np.array(lo, dtype=np.int64), np.array(hi, dtype=np.int64)
        off = np.zeros(n + 2, dtype=np.int64)
        np.cumsum(hi_a - lo_a + 1, out=off[1:])
        return lo_a, hi_a, off, int(off[-1])

    def chunk(b, r0: int, r1: int):
        """Rows ``r0``..``r1`` of band ``b``: (band, first row, last row + 1, first cell, row and column
        of each of its cells)."""
        lo_a, hi_a, off, _total = b
        a, z = int(off[r0]), int(off[r1])
        rows = np.repeat(np.arange(r0, r1), (hi_a - lo_a + 1)[r0:r1])
        cols = lo_a[rows] + np.arange(a, z) - off[rows]
        return b, r0, r1, a, rows, cols

    def predecessor(c, di: int, dj: int):
        """Flat index (in the whole band) of the cell a bead of shape (di, dj) into each cell of chunk
        ``c`` comes from, else the band's size (a cell that stays inf), and where there is one."""
        (lo_a, hi_a, off, total), _r0, _r1, _a, rows, cols = c
        pi, pj = rows - di, cols - dj
        pic = np.maximum(pi, 0)
        ok = (pi >= 0) & (pj >= lo_a[pic]) & (pj <= hi_a[pic])
        return np.where(ok, off[pic] + pj - lo_a[pic], total), ok

    def link_costs(c, oks):
        """For each link shape: the cost of its bead into each cell of chunk ``c`` (0 where ``oks``, the
        cells it has a predecessor in, is False)."""
        (lo_a, hi_a, off, _total), r0, r1, a, rows, cols = c
        size = len(rows)
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
                s, t = np.searchsorted(ea, (r0, r1))  # ea is sorted: the keys of this chunk's rows
                inter, count = _shared_weight(ea[s:t], qa[s:t], *by_key[dj], w, lo_a, hi_a, off, m, a, size)
                hit = both & (count[cells] > 0)
                c = np.where(both & ~hit, c + amiss, c)
                h = np.flatnonzero(hit)
                c[h] = c[h] - aw2 * inter[cells[h]] / (wa[i[h]] + wb[j[h]])
            cost = np.zeros(size)
            cost[cells] = c
            out.append(cost)
        return out

    # A bead's cost does not depend on the band: once a band covers half the matrix (a short text, or a
    # band doubled), the costs of every cell are computed once and each band takes its own.
    grid: list = []
    cells_in_grid = (n + 1) * (m + 1)

    def fill(lo, hi):
        b = band(lo, hi)
        _lo, _hi, off, total = b
        if not grid and 2 * total >= cells_in_grid:
            whole = b if total == cells_in_grid else band([0] * (n + 1), [m] * (n + 1))
            c = chunk(whole, 0, n + 1)
            grid.extend(link_costs(c, [predecessor(c, di, dj)[1] for di, dj, _c0, _s in links]))
        D = np.full(total + 1, np.inf)
        B = np.full(total, -1, dtype=np.int8)  # a shape's index
        # rows a chunk at a time (about CHUNK_CELLS cells): memory and cache stay flat in the band's size
        r0 = 0
        while r0 <= n:
            r1 = min(n + 1, max(r0 + 1, int(np.searchsorted(off, off[r0] + CHUNK_CELLS, "right")) - 1))
            c = chunk(b, r0, r1)
            preds = [predecessor(c, di, dj) for di, dj, _c0, _s in links]
            if grid:
                at = c[4] * (m + 1) + c[5]
                costs = [g[at] for g in grid]
            else:
                costs = link_costs(c, [ok for _prev, ok in preds])
            cand_prev, cand_cost, cand_shape = [], [], []
            if k10 >= 0:
                prev, ok = predecessor(c, 1, 0)
                cand_prev.append(prev)
                cand_cost.append(np.where(ok, skip, 0.0))
                cand_shape.append(k10)
            for (prev, _ok), cost, (_di, _dj, _c0, s_idx) in zip(preds, costs, links):
                cand_prev.append(prev)
                cand_cost.append(cost)
                cand_shape.append(s_idx)
            _rows(D, B, r0, r1, off, cand_prev, cand_cost, cand_shape, k01, skip)
            r0 = r1
        return D[:total], B, off.tolist()  # arrays, not lists: 9 bytes a cell, not 40

    return fill


# Cells of the band filled at a time: bounds the candidate arrays (about 150 bytes a cell).
CHUNK_CELLS = 1 << 15


def _rows(D, B, r0, r1, off, cand_prev, cand_cost, cand_shape, k01, skip):
    """Fill rows ``r0``..``r1`` of the band (``D``: path costs, with an inf cell at the end; ``B``: the
    shape of each cell's last bead) from each of their cells' candidates (predecessor cell, bead cost,
    shape; arrays over these rows' cells)."""
    inf = np.inf
    if cand_prev:
        prev_all, cost_all = np.stack(cand_prev), np.stack(cand_cost)
        shape_of = np.array(cand_shape, dtype=np.int64)
    offsets = off[r0 : r1 + 1].tolist()
    base = offsets[0]
    for r in range(r0, r1):
        a, b = offsets[r - r0], offsets[r - r0 + 1]
        if cand_prev and r > 0:
            cand = D[prev_all[:, a - base : b - base]] + cost_all[:, a - base : b - base]
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
