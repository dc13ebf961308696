"""Tests run without the JMdict lexicon (tests/test_lexicon.py tests it on its own), so alignment
results do not depend on the dictionary's version. Session-wide, so module-scoped fixtures see it too."""

import pytest


@pytest.fixture(autouse=True, scope="session")
def _no_lexicon():
    from taiyaku.align import pairing

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pairing, "lexicon", lambda: None)
        yield
