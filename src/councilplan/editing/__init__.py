"""Keeping a plan up to date after import: its settings, its tree of items, the people in
each role, its measures, and archiving (never deleting) what is no longer part of it."""
