"""Renderers: one module per edition (print PDF, EPUB, HTML), each on its own library."""
