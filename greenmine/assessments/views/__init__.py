"""Pages of the assessments app, split by subject."""
