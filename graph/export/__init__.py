"""Outputs: the format registry and set-writer, tables, linked data, the HTML graph and
the timeline."""
