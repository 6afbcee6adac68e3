"""Password accounts for facility staff and regulators."""
