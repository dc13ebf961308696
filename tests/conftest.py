"""Tests run without the optional JMdict lexicon, so results do not depend on what else is installed."""

import pytest


@pytest.fixture(autouse=True)
def _no_optional_lexicon(monkeypatch):
    from taiyaku.align import pairing

    monkeypatch.setattr(pairing, "lexicon", lambda: None)
