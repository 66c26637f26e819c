"""The narrow exceptions the library raises; the CLI turns them into one-line messages."""


class HarvesterError(Exception):
    """Base class: a user mistake or bad input that deserves a clear message, not a traceback."""


class RegistryError(HarvesterError):
    """The portal registry file is missing, malformed, or names an unknown portal or family."""


class SchemaError(HarvesterError):
    """The database file is not a harvester database or cannot be migrated."""


class GoldFormatError(HarvesterError):
    """A gold annotation folder does not follow GOLD_FORMAT.md."""


class LockedError(HarvesterError):
    """Another harvester run holds the lock on this database."""
