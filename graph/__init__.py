"""ctkg: conflict event timeline knowledge graph."""
__version__ = "0.1.0"
