"""Bookings and the place engine that keeps every class within its capacity at every hour."""
