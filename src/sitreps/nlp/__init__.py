"""Language processing: the spaCy pipeline, loaded and configured once per process.

In: an article's text. Out: a parsed spaCy ``Doc`` (tokens, entities, dependencies, sentences) with our
components applied: sentence rules (``sentences``) and gazetteer-fed toponym corrections
(``toponyms``). ``pipeline`` loads the pinned pipeline, verifies its files and adds both components.
"""

from sitreps.nlp.pipeline import DEFAULT_PIPELINE, load_pipeline, parse, pipeline_name, verify_pipeline

__all__ = ["DEFAULT_PIPELINE", "load_pipeline", "parse", "pipeline_name", "verify_pipeline"]
