"""The records, schema, errors, RDF vocabulary and atomic file writing every stage shares."""
