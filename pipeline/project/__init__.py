"""Project plumbing: configuration, rule selection, filters (suppressions, baseline), git, fixes, safe writes."""
