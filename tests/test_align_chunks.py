"""The numpy fill of the alignment band works a chunk of rows at a time (``dp_numpy.CHUNK_CELLS``):
whatever the chunk size, the beads and scores are the cell-by-cell reference's, to the last bit."""

from __future__ import annotations

import random

import pytest

from taiyaku.align import dp_numpy, dp_reference
from taiyaku.align.dp import AlignParams, AlignUnit, align


def _units(rng: random.Random, n: int, vocabulary: int) -> list[AlignUnit]:
    keys = [f"w{k}" for k in range(vocabulary)]
    return [AlignUnit(rng.choice([0, 10, 19, 20, rng.randint(1, 90)]),
                      frozenset(rng.sample(keys, rng.randint(0, min(8, vocabulary)))), rng.random() < 0.3)
            for _ in range(n)]


@pytest.mark.parametrize("chunk", [1, 5, 64, 1000, dp_numpy.CHUNK_CELLS])
@pytest.mark.parametrize("n, m, vocabulary, band", [(60, 55, 30, 3), (90, 20, 12, 2), (15, 80, 50, 4),
                                                    (40, 40, 3, 12), (70, 65, 0, 5)])
def test_any_chunk_size_gives_the_reference(monkeypatch, chunk: int, n: int, m: int, vocabulary: int,
                                            band: int) -> None:
    """Narrow bands (no whole-matrix costs), lopsided texts (the band doubles), repeated lengths and
    keys (ties), with and without anchors; chunks of one row up to the whole band."""
    rng = random.Random(n * 1000 + m)
    ja, en = _units(rng, n, vocabulary), _units(rng, m, vocabulary)
    params = AlignParams(band=band)
    want = align(ja, en, params=params, fill=dp_reference.prepare)
    monkeypatch.setattr(dp_numpy, "CHUNK_CELLS", chunk)
    assert align(ja, en, params=params, fill=dp_numpy.prepare) == want


@pytest.mark.parametrize("chunk", [1, 7, 200])
def test_the_band_arrays_do_not_depend_on_the_chunk_size(monkeypatch, chunk: int) -> None:
    """The path costs and shapes of every cell of a band, not only the best path."""
    rng = random.Random(7)
    ja, en = _units(rng, 50, 20), _units(rng, 45, 20)
    lo = [max(0, min(45, i - 4)) for i in range(51)]
    hi = [max(0, min(45, i + 4)) for i in range(51)]
    lo[0], hi[0], lo[50], hi[50] = 0, 45, 0, 45
    from taiyaku.align.dp import _weights
    sa, sb, weight, _df_ja, _df_en = _weights(ja, en, AlignParams().anchor_rarity)
    want = dp_reference.prepare(ja, en, sa, sb, weight, AlignParams())(lo, hi)
    monkeypatch.setattr(dp_numpy, "CHUNK_CELLS", chunk)
    D, B, off = dp_numpy.prepare(ja, en, sa, sb, weight, AlignParams())(lo, hi)
    assert (D.tolist(), B.tolist(), off) == want
