"""Alignment: Japanese sentences ↔ English sentences (banded DP over anchor keys and lengths)."""
