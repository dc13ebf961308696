"""Running: the one engine (discover → read → analyse → check → filter), its executors and the report."""
