"""Check families; each module registers its rules with ``pipeline.rules.rule``."""
