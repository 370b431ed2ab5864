"""Geography: where a place name is in the world, offline.

In: a toponym's text and its surroundings (from nlp/ and extract/). Out: ranked candidates with
coordinates, admin areas, feature and precision. ``countries`` knows every country by code, name, alias
and demonym; ``gazetteer`` opens the place index that ``sitreps gazetteer build`` compiles (``build``;
``download`` fetches the full GeoNames dumps when asked) and looks names up through transliteration
folding (``folding``); ``geocode`` ranks the candidates of one article's toponyms and says how precise
each resolution is. Nothing here touches the store.
"""
