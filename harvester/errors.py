"""The narrow exceptions the library raises; the CLI turns them into one-line messages.

The extractors layer has its own (``extractors.errors``), re-exported here so that
``harvester.errors.GoldFormatError`` keeps working; the CLI reports both kinds.
"""

from extractors.errors import ExtractorError, GoldFormatError


class HarvesterError(Exception):
    """Base class: a user mistake or bad input that deserves a clear message, not a traceback."""


class RegistryError(HarvesterError):
    """The portal registry file is missing, malformed, or names an unknown portal or family."""


class SchemaError(HarvesterError):
    """The database file is not a harvester database or cannot be migrated."""


class LockedError(HarvesterError):
    """Another harvester run holds the lock on this database."""


# What the CLI prints as a one-line error instead of a traceback.
USER_ERRORS: tuple[type[Exception], ...] = (HarvesterError, ExtractorError)

__all__ = [
    "USER_ERRORS",
    "ExtractorError",
    "GoldFormatError",
    "HarvesterError",
    "LockedError",
    "RegistryError",
    "SchemaError",
]
