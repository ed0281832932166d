"""Outputs of a build: the tables (tables), the linked data (rdf), the HTML graph (html) and
the timeline (timeline), found by file name in the registry and written as one set (writer)."""
