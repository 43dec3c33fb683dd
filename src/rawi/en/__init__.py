"""English: the same contract as the Arabic pipeline, from rules and TSV lexicons.

English news needs no folding (offsets index the text as given) and no model: the
stages scan the text with compiled regular expressions and look at tokens only
in the sentences around a candidate cue, time or number. Entry point:
`rawi.en.pipeline.analyze_en`.
"""
