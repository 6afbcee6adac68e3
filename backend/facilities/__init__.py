"""Facilities: their profile, registration record and public page."""
