"""forcerecon: extract, validate, load and reconcile military force figures from news text."""

__version__ = "0.1.0"

#: Bumped whenever extraction rules or lexicons change what a document yields.
#: A document is re-extracted when its text or this version changes.
EXTRACTOR_VERSION = "2026.12.04.1"
