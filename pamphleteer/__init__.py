"""Pamphleteer: turn scraped articles into a print pamphlet, an EPUB and a web page."""

__version__ = "0.1.0"
