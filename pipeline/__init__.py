"""taiyaku: check Japanese clinic articles against their English versions."""

__version__ = "0.1.0"
