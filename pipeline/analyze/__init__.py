"""Analysis: sentences, MeCab tokens, glossary hits and numbers, computed once per segment and frozen."""
