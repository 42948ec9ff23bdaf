"""Bring texts in from where people have them, for `build.py add`: web pages, saved pages, Word files.

Only `add` uses this package; the build never imports it, so the build stays offline.
"""
