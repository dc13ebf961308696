"""The vectorised fill of the alignment DP (numpy) against the cell-by-cell reference: the same beads
and the same scores, to the last bit, on random inputs (ties included: few lengths, few keys)."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from taiyaku.align import dp_numpy, dp_reference
from taiyaku.align.dp import AlignParams, AlignUnit, align, length_cost
from taiyaku.align.dp_numpy import _length_costs

unit = st.builds(
    AlignUnit,
    length=st.integers(0, 120) | st.sampled_from([0, 10, 19, 20]),  # repeated lengths: ties
    anchors=st.frozensets(st.sampled_from([f"k{i}" for i in range(10)]), max_size=5),
    boundary=st.booleans(),
)
SHAPES = [
    AlignParams().shapes,
    ((1, 1), (1, 0), (0, 1)),
    ((1, 1), (2, 1), (1, 2), (1, 0), (0, 1), (2, 2)),
]


@settings(max_examples=200, deadline=None)
@given(st.lists(unit, max_size=25), st.lists(unit, max_size=25), st.integers(1, 14), st.sampled_from(SHAPES),
       st.booleans())
def test_numpy_fill_is_the_reference(ja, en, band, shapes, anchors) -> None:
    params = AlignParams(band=band, shapes=shapes, use_anchors=anchors)
    fast = align(ja, en, params=params, fill=dp_numpy.prepare)
    assert fast == align(ja, en, params=params, fill=dp_reference.prepare)


def _random_units(rng: random.Random, n: int, vocabulary: int) -> list[AlignUnit]:
    keys = [f"w{k}" for k in range(vocabulary)]
    return [AlignUnit(rng.randint(1, 90), frozenset(rng.sample(keys, rng.randint(0, 30))), rng.random() < 0.3)
            for _ in range(n)]


@pytest.mark.slow
@pytest.mark.parametrize("n, m, vocabulary", [(310, 330, 400), (120, 40, 60), (40, 150, 2000)])
def test_numpy_fill_is_the_reference_on_long_texts(n: int, m: int, vocabulary: int) -> None:
    """Above COARSE_ABOVE sentences (the coarse path guides the band), lopsided texts (the band
    doubles), more than MAX_KEYS keys per sentence."""
    rng = random.Random(n * m)
    ja, en = _random_units(rng, n, vocabulary), _random_units(rng, m, vocabulary)
    assert align(ja, en, fill=dp_numpy.prepare) == align(ja, en, fill=dp_reference.prepare)


@pytest.mark.parametrize("lj, le", [(0, 0), (1, 0), (0, 1), (10, 19), (40, 75), (3, 900), (900, 3), (300, 1200)])
def test_length_costs_are_length_cost(lj: int, le: int) -> None:
    """The vectorised length term (far tails included) is the scalar one, bit for bit."""
    import numpy as np

    for ratio, var in ((1.8618, 11.0), (2.3, 8.99)):
        got = _length_costs(np.array([lj]), np.array([le]), ratio, var)
        assert got.tolist() == [length_cost(lj, le, ratio, var)]


def test_text_length_skips_exactly_the_white_space() -> None:
    """``text_length`` (str.split in C) counts what ``not c.isspace()`` does, on every code point."""
    import sys

    from taiyaku.align.dp import text_length

    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    for text in (every, "", "  ", "腰 痛\u3000です\n", "a\u2028b\x1fc\x85d"):
        assert text_length(text) == sum(1 for c in text if not c.isspace())


def test_a_short_alignment_does_not_import_numpy() -> None:
    """Below NUMPY_ABOVE cells numpy is not imported (about 50 ms of start-up); a long pair imports it."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from taiyaku.align.dp import AlignUnit, align\n"
        "units = lambda n, r: [AlignUnit(round(20 * r) + k % 7, frozenset({f'k{k}'})) for k in range(n)]\n"
        "align(units(20, 1), units(22, 1.86))\n"
        "print('numpy' in sys.modules)\n"
        "align(units(200, 1), units(190, 1.86))\n"
        "print('numpy' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "True"]
