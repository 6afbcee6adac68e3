"""The bureau's calendar of open days and its district closures."""
