"""Configuration: one typed Settings object, the Tortoise config and logging."""

from config.settings import Settings, get_settings

__all__ = ["Settings", "get_settings"]
