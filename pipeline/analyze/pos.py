"""UniDic's part-of-speech names, as MeCab gives them in a token's ``pos`` (level 1, then level 2),
spelled once for every module that tests them."""

# level 1 (``pos[0]``)
NOUN, PRONOUN, VERB, ADJECTIVE, ADJECTIVAL_NOUN = "名詞", "代名詞", "動詞", "形容詞", "形状詞"
ADVERB, ADNOMINAL, CONJUNCTION = "副詞", "連体詞", "接続詞"
PARTICLE, AUXILIARY, PREFIX, SUFFIX = "助詞", "助動詞", "接頭辞", "接尾辞"
SYMBOL, SUPPLEMENTARY_SYMBOL, BLANK = "記号", "補助記号", "空白"

# level 2 (``pos[1]``)
PROPER_NOUN, NUMERAL, FINAL_PARTICLE = "固有名詞", "数詞", "終助詞"
POSSIBLY_DEPENDENT, COUNTER, POSSIBLY_COUNTER = "非自立可能", "助数詞", "助数詞可能"
