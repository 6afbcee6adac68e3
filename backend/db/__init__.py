"""The database plumbing every domain shares: the unit of work (one transaction and what must
happen once it committed)."""
