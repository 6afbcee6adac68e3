"""A facility's staff, checked against the district ban list."""
