"""The narrow exceptions of the extractors layer.

Extraction itself never raises on odd text (it returns empty results); these are for inputs a
user hands in by mistake, such as a malformed gold folder. ``harvester.errors`` re-exports them
and the CLI prints them as one line, like its own errors.
"""


class ExtractorError(Exception):
    """Base class: bad input to the extractors layer that deserves a clear message."""


class GoldFormatError(ExtractorError):
    """A gold annotation folder does not follow GOLD_FORMAT.md."""
