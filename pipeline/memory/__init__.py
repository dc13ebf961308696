"""The site's translation memory: SQLite storage (``store``) and TMX exchange (``tmx``)."""
