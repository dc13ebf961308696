"""Reading: files → decoded ``Document``s with blocks (offsets into the original text) and languages → articles."""
