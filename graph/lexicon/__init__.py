"""Word lists, name keys and the actor and place gazetteers: the one home of the vocabulary
the extractors match against (curated tables stay in graph/data/)."""
