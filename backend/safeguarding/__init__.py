"""Safeguarding a child in care: the admission health check (入托体检) and who may collect the child."""
