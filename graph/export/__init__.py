"""Outputs of a build: tables, linked data, the HTML graph and the timeline.

The modules: tables (CSV, JSON), rdf (Turtle, TriG, JSON-LD), html and timeline (pages,
with page for what they share), registry (formats by file name) and writer (the set of
files written as one)."""
