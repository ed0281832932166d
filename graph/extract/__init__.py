"""Extraction: spaCy pipeline, actors, events, statements and time expressions, one
ParsedArticle per article."""
