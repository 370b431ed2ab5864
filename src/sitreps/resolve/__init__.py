"""Resolve: turn what the extractors found into things in the world.

``gazetteer`` opens the place index that ``sitreps gazetteer build`` compiles (read-only, once per
process) and looks names up through transliteration folding (``folding``); ``geocode`` ranks the
candidates of the toponyms of one article and says how precise each resolution is.
"""
