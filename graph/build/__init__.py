"""The graph stage: parsed articles folded into one MultiDiGraph, the on-disk store of
parsed articles, and parsing in parallel."""
