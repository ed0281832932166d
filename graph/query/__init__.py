"""Questions of a build: query functions over the graph, SPARQL, and pushing to a store."""
