"""Stored parts of the annual redovisning (added with the report feature)."""
